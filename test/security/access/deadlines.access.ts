import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'
import { syncCaseTimers } from '../../../src/deadlines/timer-sync.js'

const QUEUE = ['intake', 'coordinator'] as const

/** Who may call each deadlines route: 'METHOD /path/:param' → actors allowed (everyone else: 404 / sign in). */
export const deadlinesAccess: AccessTable = {
  'GET /deadlines': [...QUEUE],
  'POST /deadlines/:timerId/pause': [...QUEUE],
  'POST /deadlines/:timerId/resume': [...QUEUE],
  'GET /deadlines/policies': ['admin'],
  'POST /deadlines/policies/:policyKind': ['admin'],
  'GET /api/v1/deadlines': [...QUEUE],
  'GET /api/v1/cases/:caseId/deadlines': [...QUEUE],
  'POST /api/v1/deadlines/:timerId/pause': [...QUEUE],
  'POST /api/v1/deadlines/:timerId/resume': [...QUEUE],
  'GET /api/v1/deadlines/policies': ['admin'],
  'PUT /api/v1/deadlines/policies/:policyKind': ['admin'],
}

/** The case's timers as the deadline job would start them (its publication target is running). */
export const deadlinesSeed: AccessSeed | null = async ({ t, caseId }) => {
  await t.db.transaction().execute((trx) => syncCaseTimers(trx, caseId, t.clock.now()))
  const timer = await t.db.selectFrom('timers').select('id').where('case_id', '=', caseId).where('resolved_at', 'is', null).executeTakeFirstOrThrow()
  return { timerId: timer.id, policyKind: 'committee_referral' }
}

import type { z } from 'zod'
import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { changeCase, transitionProductCase, type Actor } from '../cases/case-events.js'
import type { responseSchema, vulnerabilityStatusSchema } from './coordination.schemas.js'

const OPEN_FOR_DEVELOPER = ['developer_notified', 'investigating', 'fix_in_progress', 'publication_scheduled'] as const

async function notifiedParty(db: DB, caseId: string, partyId: string) {
  const p = await db.selectFrom('case_parties').selectAll().where('id', '=', partyId).where('case_id', '=', caseId).executeTakeFirst()
  if (!p || !p.notified_at) throw errors.notFound()
  return p
}

/** The developer confirms receipt and starts verifying: the case moves to `investigating`. */
export async function acknowledgeNotification(deps: Deps, input: { caseId: string; partyId: string; actor: Actor }) {
  await notifiedParty(deps.db, input.caseId, input.partyId)
  const apply = async (trx: DB) => {
    await trx.updateTable('case_parties').set({ status: 'investigating' }).where('id', '=', input.partyId).where('status', '=', 'notified').execute()
    return { partyId: input.partyId }
  }
  const { status } = await deps.db.selectFrom('cases').select('status').where('id', '=', input.caseId).executeTakeFirstOrThrow()
  if (status === 'developer_notified') {
    return (await transitionProductCase(deps.db, { caseId: input.caseId, action: 'start_investigation', actor: input.actor, clock: deps.clock, apply })).result!
  }
  return changeCase(deps.db, { caseId: input.caseId, type: 'party_acknowledged', actor: input.actor, clock: deps.clock, allowedIn: OPEN_FOR_DEVELOPER, apply })
}

/**
 * The developer's answer: vulnerable or not, its vendor statement, fix plan and proposed date.
 * The first "vulnerable" moves the case to `fix_in_progress`; the case closes as `not_vulnerable`
 * only when every notified organisation has said so.
 */
export async function respondToCase(deps: Deps, input: { caseId: string; partyId: string; answer: z.infer<typeof responseSchema>; actor: Actor }) {
  await notifiedParty(deps.db, input.caseId, input.partyId)
  const { answer } = input
  const apply = async (trx: DB) => {
    await trx.updateTable('case_parties').set({
      status: 'responded', response: answer.response, statement_ja: answer.statement?.ja ?? null, statement_en: answer.statement?.en ?? null,
      fix_plan: answer.fixPlan ?? null, proposed_publication_date: answer.proposedPublicationDate ?? null,
    }).where('id', '=', input.partyId).execute()
    return { partyId: input.partyId, response: answer.response, proposedPublicationDate: answer.proposedPublicationDate ?? null }
  }
  const { status } = await deps.db.selectFrom('cases').select('status').where('id', '=', input.caseId).executeTakeFirstOrThrow()
  const early = status === 'developer_notified' || status === 'investigating'
  if (early && answer.response === 'vulnerable') {
    return (await transitionProductCase(deps.db, { caseId: input.caseId, action: 'confirm_vulnerable', actor: input.actor, clock: deps.clock, apply })).result!
  }
  if (early && answer.response === 'not_vulnerable') {
    const others = await deps.db.selectFrom('case_parties').select(['id', 'response']).where('case_id', '=', input.caseId)
      .where('notified_at', 'is not', null).where('id', '!=', input.partyId).execute()
    if (others.every((o) => o.response === 'not_vulnerable')) {
      return (await transitionProductCase(deps.db, {
        caseId: input.caseId, action: 'confirm_not_vulnerable', actor: input.actor, clock: deps.clock,
        changes: { closed_at: deps.clock.now() }, apply,
      })).result!
    }
  }
  return changeCase(deps.db, { caseId: input.caseId, type: 'party_responded', actor: input.actor, clock: deps.clock, allowedIn: OPEN_FOR_DEVELOPER, apply })
}

/** One organisation's status for one vulnerability (unknown / affected / not affected / fixed). */
export async function setVulnerabilityStatus(deps: Deps, input: { caseId: string; partyId: string; change: z.infer<typeof vulnerabilityStatusSchema>; actor: Actor }) {
  await notifiedParty(deps.db, input.caseId, input.partyId)
  const vuln = await deps.db.selectFrom('vulnerabilities').select('id').where('id', '=', input.change.vulnerabilityId).where('case_id', '=', input.caseId).executeTakeFirst()
  if (!vuln) throw errors.notFound()
  return changeCase(deps.db, {
    caseId: input.caseId, type: 'vulnerability_status_set', actor: input.actor, clock: deps.clock, allowedIn: OPEN_FOR_DEVELOPER,
    apply: async (trx, { now }) => {
      await trx.insertInto('party_vulnerability_statuses')
        .values({ party_id: input.partyId, vulnerability_id: vuln.id, status: input.change.status, updated_at: now })
        .onConflict((oc) => oc.columns(['party_id', 'vulnerability_id']).doUpdateSet({ status: input.change.status, updated_at: now }))
        .execute()
      return { partyId: input.partyId, vulnerabilityId: vuln.id, status: input.change.status }
    },
  })
}

import { expect } from 'vitest'
import type { AccessTable, Actor } from './access-types.js'
import type { AccessSeed } from './seeds.js'

const DEVELOPERS: Actor[] = ['developer', 'otherDeveloper']
const REVIEWERS: Actor[] = ['intake', 'coordinator']

/**
 * Who may call each self-report route. Any developer organisation's member may file; a self-report
 * is seen by its organisation (the seed's is the world developer's) and by intake and coordinators.
 */
export const selfReportsAccess: AccessTable = {
  'GET /self-reports': [...DEVELOPERS, ...REVIEWERS], 'GET /api/v1/self-reports': [...DEVELOPERS, ...REVIEWERS],
  'GET /self-reports/new': DEVELOPERS, 'POST /self-reports': DEVELOPERS, 'POST /api/v1/self-reports': DEVELOPERS,
  'GET /api/v1/self-reports/:selfReportId': ['developer', ...REVIEWERS],
  'POST /self-reports/:selfReportId/accept': REVIEWERS, 'POST /api/v1/self-reports/:selfReportId/accept': REVIEWERS,
  'POST /self-reports/:selfReportId/reject': REVIEWERS, 'POST /api/v1/self-reports/:selfReportId/reject': REVIEWERS,
  'POST /self-reports/:selfReportId/start': ['coordinator'], 'POST /api/v1/self-reports/:selfReportId/start': ['coordinator'],
}

/** A self-report filed by the world's developer, awaiting review. */
export const selfReportsSeed: AccessSeed = async ({ users }) => {
  const r = await users.developer!.api.post('/api/v1/self-reports', {
    productName: '自社ルータ SR-1', productVersions: '2.0', vulnerabilityTitleJa: '認証回避', description: '説明',
    fixDescription: '2.1 で修正', statementJa: '2.1 に更新してください',
  })
  expect(r.status, JSON.stringify(r.json)).toBe(201)
  return { selfReportId: r.json.selfReportId as string }
}

import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each end-of-life route: 'METHOD /path/:param' → actors allowed (everyone else: 404 / sign in). */
export const endOfLifeAccess: AccessTable = {
  // support end and EoL handling A–E: coordinators of product cases
  'POST /cases/:caseId/end-of-life': ['coordinator'],
  'POST /cases/:caseId/end-of-life/handling': ['coordinator'],
  'GET /api/v1/cases/:caseId/end-of-life': ['coordinator'],
  'PUT /api/v1/cases/:caseId/end-of-life': ['coordinator'],
  'POST /api/v1/cases/:caseId/end-of-life/handling': ['coordinator'],
  // other endings: 個別対応, low impact
  'POST /cases/:caseId/handle-individually': ['coordinator'],
  'POST /cases/:caseId/close-low-impact': ['coordinator'],
  'POST /api/v1/cases/:caseId/handle-individually': ['coordinator'],
  'POST /api/v1/cases/:caseId/close-low-impact': ['coordinator'],
  // duplicates join one case: intake staff and coordinators
  'POST /cases/:caseId/join-duplicate': ['intake', 'coordinator'],
  'POST /api/v1/cases/:caseId/join-duplicate': ['intake', 'coordinator'],
}

/** Creates what the end-of-life routes need in the matrix's world; returns route parameter values. */
export const endOfLifeSeed: AccessSeed | null = null

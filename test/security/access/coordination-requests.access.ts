import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Who may call each coordination-requests route: 'METHOD /path/:param' → actors allowed (everyone else: 404 / sign in). */
export const coordinationRequestsAccess: AccessTable = {
  // opening a case from an overseas CSIRT's or vendor's request: coordinators only
  'GET /coordination-requests': ['coordinator'], 'GET /coordination-requests/new': ['coordinator'], 'POST /coordination-requests': ['coordinator'],
  'GET /api/v1/coordination-requests': ['coordinator'], 'POST /api/v1/coordination-requests': ['coordinator'],
  // the vendor matrix of any product case and its bulk actions: the case's coordinators only
  'GET /cases/:caseId/vendors': ['coordinator'], 'POST /cases/:caseId/vendors': ['coordinator'],
  'POST /cases/:caseId/vendors/notify': ['coordinator'], 'POST /cases/:caseId/vendors/remind': ['coordinator'],
  'GET /api/v1/cases/:caseId/vendors': ['coordinator'], 'POST /api/v1/cases/:caseId/vendors': ['coordinator'],
  'POST /api/v1/cases/:caseId/vendors/notify': ['coordinator'], 'POST /api/v1/cases/:caseId/vendors/remind': ['coordinator'],
  // a vendor's answer recorded on its behalf, and the agreed publication moved with a reason: coordinators only
  'POST /cases/:caseId/vendors/:partyId/answer': ['coordinator'], 'POST /api/v1/cases/:caseId/vendors/:partyId/answer': ['coordinator'],
  'POST /cases/:caseId/coordination-request/agreed-date': ['coordinator'],
  'POST /api/v1/cases/:caseId/coordination-request/agreed-date': ['coordinator'],
}

/** Creates what the coordination-requests routes need in the matrix's world; returns route parameter values. */
export const coordinationRequestsSeed: AccessSeed | null = null

import type { Operation } from '../platform/http/openapi-operation.js'
import { messageSchema } from './threads.js'

/** The cases operations of /api/v1, for the OpenAPI document. */
export const casesOperations: readonly Operation[] = [
  { method: 'get', path: '/api/v1/cases/{caseId}', summary: 'A case as the caller may see it (staff, notified developer)', tag: 'cases', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/threads/developer/{partyId}/messages', summary: 'Post to the coordinator ⇄ developer thread', tag: 'cases', body: messageSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/threads/finder/{reportId}/messages', summary: 'Post to the staff ⇄ finder thread', tag: 'cases', body: messageSchema, auth: 'user' },
]

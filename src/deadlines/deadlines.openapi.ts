import type { Operation } from '../platform/http/openapi-operation.js'
import { pauseSchema, policyChangeSchema } from './deadlines.schemas.js'

/** The /api/v1 operations of deadlines, merged into the OpenAPI document. */
export const deadlinesOperations: Operation[] = [
  { method: 'get', path: '/api/v1/deadlines', summary: 'Running deadlines, soonest due first, with business days left or overdue (intake staff and coordinators; ?mine=1)', tag: 'deadlines', auth: 'user' },
  { method: 'get', path: '/api/v1/cases/{caseId}/deadlines', summary: "A case's deadlines, running and ended (staff of the case)", tag: 'deadlines', auth: 'user' },
  { method: 'post', path: '/api/v1/deadlines/{timerId}/pause', summary: 'Pause a deadline; a reason is required and logged on the case', tag: 'deadlines', body: pauseSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/deadlines/{timerId}/resume', summary: 'Resume a paused deadline; its due date moves by the paused span', tag: 'deadlines', auth: 'user' },
  { method: 'get', path: '/api/v1/deadlines/policies', summary: 'Deadline policies and their change log (administrators)', tag: 'deadlines', auth: 'user' },
  { method: 'put', path: '/api/v1/deadlines/policies/{policyKind}', summary: 'Change a deadline policy: length, unit, reminder lead time, enabled (administrators; logged)', tag: 'deadlines', body: policyChangeSchema, auth: 'user' },
]

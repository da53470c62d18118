import type { Operation } from '../platform/http/openapi-operation.js'
import { acceptSchema, productReportSchema, rejectSchema } from './intake.schemas.js'

/** The intake operations of /api/v1, for the OpenAPI document. */
export const intakeOperations: readonly Operation[] = [
  { method: 'post', path: '/api/v1/reports', summary: 'File a software-product report (JSON, or multipart/form-data with `attachments`)', tag: 'intake', body: productReportSchema, auth: 'optional' },
  { method: 'get', path: '/api/v1/tracking/{token}', summary: "A finder's report status by its secret tracking token", tag: 'intake', auth: 'none' },
  { method: 'get', path: '/api/v1/my/reports', summary: "The signed-in finder's reports", tag: 'intake', auth: 'user' },
  { method: 'get', path: '/api/v1/intake/queue', summary: 'Reports awaiting an intake decision (intake staff)', tag: 'intake', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/accept', summary: '受理: accept a report (intake staff)', tag: 'intake', body: acceptSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/reject', summary: '不受理: reject a report with a reason (intake staff)', tag: 'intake', body: rejectSchema, auth: 'user' },
]

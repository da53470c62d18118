import type { Operation } from '../platform/http/openapi-operation.js'
import { acceptSchema, productReportSchema, rejectSchema } from './intake.schemas.js'

/** The intake operations of /api/v1, for the OpenAPI document. */
export const intakeOperations: readonly Operation[] = [
  { method: 'post', path: '/api/v1/reports', summary: 'File a software-product report (JSON, or multipart/form-data with `attachments`)', tag: 'intake', body: productReportSchema, auth: 'optional' },
  { method: 'get', path: '/api/v1/tracking/{token}', summary: "A finder's report status by its secret tracking token", tag: 'intake', auth: 'none' },
  { method: 'post', path: '/api/v1/tracking/{token}/replacement', summary: 'The finder replaces their tracking link: the old one answers 404 at once; the new one is returned (and mailed when the report has an address). Reads and writes of tracking links are rate-limited per client (429 with Retry-After)', tag: 'intake', auth: 'none' },
  { method: 'post', path: '/api/v1/cases/{caseId}/reports/{reportId}/tracking-link/revocation', summary: "Revoke a report's tracking link (the case's staff)", tag: 'intake', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/reports/{reportId}/tracking-link', summary: 'Issue a new tracking link (the case\'s staff): mailed to the finder, or returned when the report has no address', tag: 'intake', auth: 'user' },
  { method: 'get', path: '/api/v1/my/reports', summary: "The signed-in finder's reports", tag: 'intake', auth: 'user' },
  { method: 'get', path: '/api/v1/intake/queue', summary: 'Reports awaiting an intake decision (intake staff)', tag: 'intake', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/accept', summary: '受理: accept a report (intake staff)', tag: 'intake', body: acceptSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/reject', summary: '不受理: reject a report with a reason (intake staff)', tag: 'intake', body: rejectSchema, auth: 'user' },
]

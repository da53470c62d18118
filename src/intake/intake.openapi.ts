import type { Operation } from '../platform/http/openapi-operation.js'
import { array, boolean, date, id, literal, named, nullable, object, optional, string, timestamp } from '../platform/http/openapi-schema.js'
import { attachment, caseStatus, reportDetails, reportReceipt, threadMessage } from '../cases/cases.openapi.js'
import { acceptSchema, productReportSchema, rejectSchema } from './intake.schemas.js'

/** A report as its finder follows it (tracking link or account): never other parties' details. */
const trackedReportFields = {
  receiptNumber: string(), status: string({ description: 'What the finder is told: received, in_handling, published, …' }), submittedAt: timestamp,
  acceptedAt: nullable(timestamp), startDate: nullable(date),
  website: optional(object({ notifiedOn: nullable(date), fixType: nullable(string()), fixedOn: nullable(date) })),
  rejectionReason: nullable(string()),
  advisory: nullable(object({ identifier: nullable(string()), publishedAt: nullable(timestamp) })),
  details: reportDetails, attachments: array(attachment), messages: array(threadMessage),
}
const trackedReport = named('TrackedReport', object(trackedReportFields))

/** The intake operations of /api/v1, for the OpenAPI document. */
export const intakeOperations: readonly Operation[] = [
  { method: 'post', path: '/api/v1/reports', summary: 'File a software-product report (JSON, or multipart/form-data with `attachments`)', tag: 'intake', body: productReportSchema, auth: 'optional', response: { status: 201, schema: reportReceipt } },
  { method: 'get', path: '/api/v1/tracking/{token}', summary: "A finder's report status by its secret tracking token", tag: 'intake', auth: 'none', response: { status: 200, schema: trackedReport } },
  { method: 'post', path: '/api/v1/tracking/{token}/replacement', summary: 'The finder replaces their tracking link: the old one answers 404 at once; the new one is returned (and mailed when the report has an address). Reads and writes of tracking links are rate-limited per client (429 with Retry-After)', tag: 'intake', auth: 'none', response: { status: 201, schema: object({ trackingToken: string(), trackingUrl: string({ format: 'uri' }), mailed: boolean() }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/reports/{reportId}/tracking-link/revocation', summary: "Revoke a report's tracking link (the case's staff)", tag: 'intake', auth: 'user', response: { status: 200, schema: object({ revoked: literal(true) }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/reports/{reportId}/tracking-link', summary: 'Issue a new tracking link (the case\'s staff): mailed to the finder, or returned when the report has no address', tag: 'intake', auth: 'user', response: { status: 201, schema: object({ mailed: boolean(), trackingUrl: optional(string({ format: 'uri', description: 'Only when the report has no address to mail it to' })) }) } },
  { method: 'get', path: '/api/v1/my/reports', summary: "The signed-in finder's reports", tag: 'intake', auth: 'user', response: { status: 200, schema: object({ reports: array(object({ id, ...trackedReportFields })) }) } },
  { method: 'get', path: '/api/v1/intake/queue', summary: 'Reports awaiting an intake decision (intake staff)', tag: 'intake', auth: 'user', response: { status: 200, schema: object({ waiting: array(object({ caseId: id, receiptNumber: string(), title: string(), submittedAt: timestamp })) }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/accept', summary: '受理: accept a report (intake staff)', tag: 'intake', body: acceptSchema, auth: 'user', response: { status: 200, schema: caseStatus } },
  { method: 'post', path: '/api/v1/cases/{caseId}/reject', summary: '不受理: reject a report with a reason (intake staff)', tag: 'intake', body: rejectSchema, auth: 'user', response: { status: 200, schema: caseStatus } },
]

import type { Operation } from '../platform/http/openapi-operation.js'
import { array, bilingualText, date, id, named, nullable, object, string, timestamp } from '../platform/http/openapi-schema.js'
import { selfReportAcceptSchema, selfReportRejectSchema, selfReportSchema } from './self-reports.schemas.js'

/** A self-report (自社製品届出) with its case's status. */
const selfReport = named('SelfReport', object({
  id, caseId: id, receiptNumber: string(), status: string(), startDate: nullable(date), rejectionReason: nullable(string()),
  organization: object({ id, name: bilingualText }), productName: string(), productVersions: string(), description: string(),
  fixDescription: string(), fixedVersions: nullable(string()), fixReleasedOn: nullable(date), submittedAt: timestamp,
}))
const caseOfSelfReport = object({ caseId: id, status: string() })

/** The /api/v1 operations of self-reports (自社製品届出), merged into the OpenAPI document. */
export const selfReportsOperations: Operation[] = [
  { method: 'get', path: '/api/v1/self-reports', summary: "Self-reports: the caller's organisation's (developers) or all (intake, coordinators)", tag: 'self-reports', auth: 'user', response: { status: 200, schema: object({ selfReports: array(selfReport) }) } },
  { method: 'post', path: '/api/v1/self-reports', summary: "自社製品届出: report your own product's vulnerability and fix (developer organisation members)", tag: 'self-reports', body: selfReportSchema, auth: 'user', response: { status: 201, schema: object({ selfReportId: id, caseId: id, receiptNumber: string() }) } },
  { method: 'get', path: '/api/v1/self-reports/{selfReportId}', summary: 'One self-report with its case status', tag: 'self-reports', auth: 'user', response: { status: 200, schema: selfReport } },
  { method: 'post', path: '/api/v1/self-reports/{selfReportId}/accept', summary: '受理 a self-report (intake, coordinators)', tag: 'self-reports', body: selfReportAcceptSchema, auth: 'user', response: { status: 200, schema: caseOfSelfReport } },
  { method: 'post', path: '/api/v1/self-reports/{selfReportId}/reject', summary: '不受理 a self-report with a reason (intake, coordinators)', tag: 'self-reports', body: selfReportRejectSchema, auth: 'user', response: { status: 200, schema: caseOfSelfReport } },
  { method: 'post', path: '/api/v1/self-reports/{selfReportId}/start', summary: 'Take an accepted self-report into coordination: developer notified (no mail), vulnerability confirmed (coordinators)', tag: 'self-reports', auth: 'user', response: { status: 200, schema: caseOfSelfReport } },
]

import type { Operation } from '../platform/http/openapi-operation.js'
import { selfReportAcceptSchema, selfReportRejectSchema, selfReportSchema } from './self-reports.schemas.js'

/** The /api/v1 operations of self-reports (自社製品届出), merged into the OpenAPI document. */
export const selfReportsOperations: Operation[] = [
  { method: 'get', path: '/api/v1/self-reports', summary: "Self-reports: the caller's organisation's (developers) or all (intake, coordinators)", tag: 'self-reports', auth: 'user' },
  { method: 'post', path: '/api/v1/self-reports', summary: "自社製品届出: report your own product's vulnerability and fix (developer organisation members)", tag: 'self-reports', body: selfReportSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/self-reports/{selfReportId}', summary: 'One self-report with its case status', tag: 'self-reports', auth: 'user' },
  { method: 'post', path: '/api/v1/self-reports/{selfReportId}/accept', summary: '受理 a self-report (intake, coordinators)', tag: 'self-reports', body: selfReportAcceptSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/self-reports/{selfReportId}/reject', summary: '不受理 a self-report with a reason (intake, coordinators)', tag: 'self-reports', body: selfReportRejectSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/self-reports/{selfReportId}/start', summary: 'Take an accepted self-report into coordination: developer notified (no mail), vulnerability confirmed (coordinators)', tag: 'self-reports', auth: 'user' },
]

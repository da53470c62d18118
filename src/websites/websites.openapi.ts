import type { Operation } from '../platform/http/openapi-operation.js'
import { contactSchema } from '../coordination/index.js'
import { array, bilingualText, date, id, integer, nullable, object, optional, string, timestamp } from '../platform/http/openapi-schema.js'
import { caseStatus, created, reportReceipt } from '../cases/cases.openapi.js'
import { classifyWebsiteSchema, closureSchema, disputeSchema, fixSchema, notifyOperatorSchema, operatorSchema, remindSchema, resumeSchema, websiteReportSchema } from './websites.schemas.js'

const legacyName = { nameJa: optional(string({ deprecated: true })), nameEn: optional(string({ deprecated: true })) }
const operatorFields = { id, name: bilingualText, ...legacyName, orgType: nullable(string()), website: nullable(string()) }
const websiteCase = object({
  id, receiptNumber: nullable(string()), title: string(), status: string(), vulnerabilityType: nullable(string()), impact: nullable(string()),
  notifiedOn: nullable(date), fixType: nullable(string()), fixedOn: nullable(date),
  operator: nullable(object({ name: bilingualText, ja: optional(string({ deprecated: true })), en: optional(string({ deprecated: true })), orgType: nullable(string()) })),
  updatedAt: timestamp,
})

/** The /api/v1 operations of the website flow, merged into the OpenAPI document. */
export const websitesOperations: Operation[] = [
  { method: 'post', path: '/api/v1/reports/website', summary: 'File a website report (JSON, or multipart/form-data with `attachments`; `urls` one per line). The URLs are never fetched.', tag: 'websites', body: websiteReportSchema, auth: 'optional', response: { status: 201, schema: reportReceipt } },
  { method: 'get', path: '/api/v1/websites/cases', summary: 'Website cases (intake staff; ?status=, ?type=)', tag: 'websites', auth: 'user', response: { status: 200, schema: object({ cases: array(websiteCase) }) } },
  { method: 'post', path: '/api/v1/cases/{websiteCaseId}/website-classification', summary: 'Set the vulnerability type and impact of a website case (intake staff)', tag: 'websites', body: classifyWebsiteSchema, auth: 'user', response: { status: 200, schema: caseStatus } },
  { method: 'post', path: '/api/v1/cases/{websiteCaseId}/operator', summary: 'Notify the website operator: invitation mail to its contact; the first notification starts the days-to-fix clock (intake staff)', tag: 'websites', body: notifyOperatorSchema, auth: 'user', response: { status: 200, schema: object({ partyId: id, notifiedOn: date, status: string() }) } },
  { method: 'post', path: '/api/v1/cases/{websiteCaseId}/fix', summary: '修正完了 with its kind (修正 / 運用で回避 / 当該ページを削除): the notified operator, or intake staff naming the source', tag: 'websites', body: fixSchema, auth: 'user', response: { status: 200, schema: caseStatus } },
  { method: 'post', path: '/api/v1/cases/{websiteCaseId}/dispute', summary: 'The notified operator disputes the report', tag: 'websites', body: disputeSchema, auth: 'user', response: { status: 200, schema: caseStatus } },
  { method: 'post', path: '/api/v1/cases/{websiteCaseId}/website-closure', summary: 'End handling as not a vulnerability, or as stalled with a reason (intake staff)', tag: 'websites', body: closureSchema, auth: 'user', response: { status: 200, schema: caseStatus } },
  { method: 'post', path: '/api/v1/cases/{websiteCaseId}/resume-handling', summary: 'Resume a stalled case whose operator reappeared (intake staff)', tag: 'websites', body: resumeSchema, auth: 'user', response: { status: 200, schema: caseStatus } },
  { method: 'post', path: '/api/v1/cases/{websiteCaseId}/operator-reminders', summary: 'Remind the operator to report its fix (intake staff)', tag: 'websites', body: remindSchema, auth: 'user', response: { status: 200, schema: object({ reminded: integer({ minimum: 0, description: 'How many contacts were mailed' }) }) } },
  { method: 'get', path: '/api/v1/operators', summary: 'Website operator organisations (intake staff, administrators)', tag: 'websites', auth: 'user', response: { status: 200, schema: object({ operators: array(object({ ...operatorFields, contacts: integer({ minimum: 0 }) })) }) } },
  { method: 'post', path: '/api/v1/operators', summary: 'Register a website operator with its organisation type', tag: 'websites', body: operatorSchema, auth: 'user', response: { status: 201, schema: created } },
  { method: 'get', path: '/api/v1/operators/{operatorId}', summary: 'A website operator with contacts and members', tag: 'websites', auth: 'user', response: {
    status: 200,
    schema: object({
      ...operatorFields,
      contacts: array(object({ id, name: string(), email: nullable(string()), phone: nullable(string()) })),
      members: array(object({ id, name: string(), email: string() })),
    }),
  } },
  { method: 'post', path: '/api/v1/operators/{operatorId}/contacts', summary: "Add a contact to a website operator", tag: 'websites', body: contactSchema, auth: 'user', response: { status: 201, schema: created } },
]

import { z } from 'zod'
import type { Operation } from '../platform/http/openapi-operation.js'
import { array, bilingualText, boolean, date, id, integer, itemsOf, named, nullable, object, optionalBilingualText, pageOf, string, timestamp } from '../platform/http/openapi-schema.js'
import { alertInputSchema, coverCasesSchema, reviseAlertSchema } from './alerts.schemas.js'

const tag = 'alerts'

const reference = object({ title: string(), url: string() })
const alertRevision = object({ revisedAt: timestamp, note: optionalBilingualText })
const publicAlertHead = {
  identifier: string({ examples: ['KKA-2026-0001'] }), url: string({ format: 'uri' }), publishedAt: timestamp, modifiedAt: timestamp, title: bilingualText,
  vulnerabilityType: nullable(object({ key: string(), label: bilingualText })),
}
const staffAlertHead = {
  id, identifier: nullable(string()), status: string({ examples: ['draft', 'published'] }), publicUrl: nullable(string({ format: 'uri' })), title: bilingualText,
  vulnerabilityType: nullable(string()), publishedAt: nullable(timestamp), createdAt: timestamp, updatedAt: timestamp,
}
const coverableCase = {
  caseId: id, status: string(), vulnerabilityType: nullable(string()), receiptNumbers: array(string()), urls: array(string()),
  operator: nullable(optionalBilingualText), notifiedOn: nullable(date),
}
/** An alert as intake staff work on it: text, revisions and the website cases it covers. */
const staffAlert = named('StaffAlert', object({
  ...staffAlertHead, body: optionalBilingualText, references: array(reference), revisions: array(alertRevision),
  coveredCases: array(object({ ...coverableCase, addedAt: timestamp, addedBy: nullable(string()) })),
}))

/** The /api/v1 operations of alerts, merged into the OpenAPI document. */
export const alertsOperations: Operation[] = [
  { method: 'get', path: '/api/v1/alerts', summary: '注意喚起: published public alerts about classes of website flaws, newest first (?page=, ?limit=)', tag: 'public', auth: 'none', response: { status: 200, schema: pageOf(object(publicAlertHead)) } },
  { method: 'get', path: '/api/v1/alerts/{alertSlug}', summary: 'One published alert by its identifier, e.g. KKA-2026-0001, with its revision history', tag: 'public', auth: 'none', response: { status: 200, schema: object({ ...publicAlertHead, body: optionalBilingualText, references: array(reference), revisions: array(alertRevision) }) } },
  { method: 'get', path: '/api/v1/staff/alerts', summary: 'Every alert, drafts included, with the number of covered website cases (intake staff)', tag, auth: 'user', response: { status: 200, schema: itemsOf(object({ ...staffAlertHead, coveredCases: integer({ minimum: 0 }) })) } },
  { method: 'post', path: '/api/v1/staff/alerts', summary: 'Draft an alert: titles ja/en, body ja/en (required at publication), optional website vulnerability type, references (intake staff)', tag, body: alertInputSchema, auth: 'user', response: { status: 201, schema: staffAlert } },
  { method: 'get', path: '/api/v1/staff/alerts/{alertId}', summary: 'One alert with its revisions and the website cases it covers (intake staff)', tag, auth: 'user', response: { status: 200, schema: staffAlert } },
  { method: 'put', path: '/api/v1/staff/alerts/{alertId}', summary: 'Replace a draft\'s text; 409 alerts.already_published once published (use a revision) (intake staff)', tag, body: alertInputSchema, auth: 'user', response: { status: 200, schema: staffAlert } },
  { method: 'post', path: '/api/v1/staff/alerts/{alertId}/publish', summary: 'Publish a draft now with the next KKA-YYYY-NNNN of the Japan year; 409 alerts.incomplete without both bodies, alerts.already_published the second time (intake staff)', tag, body: z.object({}), auth: 'user', response: { status: 200, schema: object({ identifier: string({ examples: ['KKA-2026-0001'] }), publishedAt: timestamp, publicUrl: string({ format: 'uri' }) }) } },
  { method: 'post', path: '/api/v1/staff/alerts/{alertId}/revisions', summary: 'Revise a published alert with a dated note ja/en and optionally new text; alerts are never withdrawn; 409 alerts.not_published for a draft (intake staff)', tag, body: reviseAlertSchema, auth: 'user', response: { status: 201, schema: object({ revisionId: id, revisedAt: timestamp }) } },
  { method: 'get', path: '/api/v1/staff/alerts/{alertId}/candidates', summary: 'Open website cases (accepted, operator notified) not yet covered, filtered by ?vulnerabilityType= (a type key or all; default the alert\'s type), at most 500 (intake staff)', tag, auth: 'user', response: { status: 200, schema: object({ vulnerabilityType: nullable(string()), items: array(object(coverableCase)), truncated: boolean() }) } },
  { method: 'post', path: '/api/v1/staff/alerts/{alertId}/cases', summary: 'Cover open website cases with the alert; 409 alerts.case_not_coverable (nothing written) if any is not an open website case (intake staff)', tag, body: coverCasesSchema, auth: 'user', response: { status: 200, schema: object({ added: integer({ minimum: 0 }) }) } },
  { method: 'post', path: '/api/v1/staff/alerts/{alertId}/cases/removal', summary: 'Take cases off the alert\'s coverage; 409 alerts.case_not_covered (nothing removed) for a case not covered or already closed by the alert (intake staff)', tag, body: coverCasesSchema, auth: 'user', response: { status: 200, schema: object({ removed: integer({ minimum: 0 }) }) } },
  { method: 'post', path: '/api/v1/staff/alerts/{alertId}/closure', summary: 'Close every open covered case (each its own close_by_alert event); cases no longer open are skipped and reported; 409 alerts.not_published for a draft (intake staff)', tag, body: z.object({}), auth: 'user', response: { status: 200, schema: object({ closedCount: integer({ minimum: 0 }), skippedCount: integer({ minimum: 0 }), closed: array(id), skipped: array({ type: ['string', 'object'] }) }) } },
]

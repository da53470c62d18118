import type { Operation } from '../platform/http/openapi-operation.js'
import { array, bilingualText, boolean, date, id, integer, named, nullable, number, object, optional, optionalBilingualText, oneOfStrings, string, timestamp, type JsonSchema } from '../platform/http/openapi-schema.js'
import { messageSchema } from './threads.js'

/** `{ id }` of what an operation created. */
export const created = named('Created', object({ id }))

/** What a finder wrote in a report form, field by field (the fields differ by report kind). */
export const reportDetails = named('ReportDetails', { type: 'object', description: 'The report form\'s fields as the finder filled them (product or website report)' })

/** A report's attachment: never its content here (download it from the case page). */
export const attachment = named('Attachment', object({ id, filename: string(), size: integer({ minimum: 0 }), sha256: string() }))

/** A thread message. */
export const threadMessage = named('ThreadMessage', object({ id, author: string(), body: string(), at: timestamp }))

const cvss = nullable(object({ vector: string(), score: number({ minimum: 0, maximum: 10 }) }))

/** One vulnerability of a case. */
export const caseVulnerability = named('CaseVulnerability', object({
  id, position: integer(), title: optionalBilingualText, cve: nullable(string()), cwe: nullable(string()), cvss31: cvss, cvss40: cvss,
}))

/** A case as one viewer may see it: staff everything; a notified developer or operator its own party; a finder their reports. */
export const caseDetail: JsonSchema = named('Case', object({
  id, kind: oneOfStrings(['product', 'website']), status: string({ description: 'The case state (DESIGN §4)' }), source: string(), title: string(),
  viewer: oneOfStrings(['staff', 'party', 'finder']),
  acceptedAt: nullable(timestamp), startDate: nullable(date), rejectionReason: nullable(string()),
  website: optional(object({ vulnerabilityType: nullable(string()), impact: nullable(string()), fixType: nullable(string()), fixedOn: nullable(date), notifiedOn: nullable(date) })),
  allowedActions: array(string(), { description: 'What the caller may do next in this state' }),
  reports: array(object({
    id, receiptNumber: string(), submittedAt: timestamp,
    finder: nullable(object({ name: nullable(string()), email: nullable(string()), organization: nullable(string()) })),
    consentCredit: boolean(), details: reportDetails, attachments: array(attachment),
  })),
  parties: array(object({
    id, organizationId: id, name: bilingualText, status: string(), notifiedAt: nullable(timestamp), response: nullable(string()),
    statement: optionalBilingualText, fixPlan: nullable(string()), proposedPublicationDate: nullable(date),
    vulnerabilityStatuses: array(object({ vulnerabilityId: id, status: string() })),
  })),
  contactAttempts: array(object({ id, partyId: id, channel: string(), address: nullable(string()), attemptedAt: timestamp, result: string(), note: nullable(string()) })),
  vulnerabilities: array(caseVulnerability),
  threads: array(object({ kind: oneOfStrings(['developer', 'finder']), partyId: optional(id), reportId: optional(id), messages: array(threadMessage) })),
  advisory: nullable(object({ id, identifier: nullable(string()), status: string(), publish_at: nullable(timestamp), published_at: nullable(timestamp) })),
  timeline: array(object({ type: string(), from: nullable(string()), to: nullable(string()), at: timestamp, actor: nullable(string()) })),
}))

/** The cases operations of /api/v1, for the OpenAPI document. */
export const casesOperations: readonly Operation[] = [
  { method: 'get', path: '/api/v1/cases/{caseId}', summary: 'A case as the caller may see it (staff, notified developer)', tag: 'cases', auth: 'user', response: { status: 200, schema: caseDetail } },
  { method: 'post', path: '/api/v1/cases/{caseId}/threads/developer/{partyId}/messages', summary: 'Post to the coordinator ⇄ developer thread', tag: 'cases', body: messageSchema, auth: 'user', response: { status: 201, schema: created } },
  { method: 'post', path: '/api/v1/cases/{caseId}/threads/finder/{reportId}/messages', summary: 'Post to the staff ⇄ finder thread', tag: 'cases', body: messageSchema, auth: 'user', response: { status: 201, schema: created } },
]

/** The answer to a filed report: its receipt number and the finder's secret tracking link. */
export const reportReceipt = named('ReportReceipt', object({
  receiptNumber: string({ examples: ['KK-2026-000123'] }), trackingUrl: string({ format: 'uri' }), trackingToken: string(), reportId: id,
}))

/** `{ status }`: the case state after a transition. */
export const caseStatus = named('CaseStatus', object({ status: string({ description: 'The case state after the action' }) }))

/** An affected product of an advisory: developer and product names and versions in both languages (English may be empty). */
export const affectedProduct = named('AffectedProduct', object({
  developer: optionalBilingualText, product: optionalBilingualText, versions: optionalBilingualText, cpe: optional(nullable(string())),
}))

const scored = nullable(object({ vector: string(), score: number({ minimum: 0, maximum: 10 }), severity: string({ examples: ['low', 'medium', 'high', 'critical'] }) }))

/** A vulnerability as an advisory states it. */
export const advisoryVulnerability = named('AdvisoryVulnerability', object({ cveId: nullable(string()), cweId: nullable(string()), title: optionalBilingualText, cvss31: scored, cvss40: scored }))

const vendorStatement = object({ developer: optionalBilingualText, statement: optionalBilingualText, statuses: array(object({ position: integer(), cveId: nullable(string()), status: string() })) })
const reference = object({ title: string(), url: string() })

/** A revision of a published advisory or alert: when, and the note in both languages. */
export const revision = named('Revision', { type: 'object', description: 'A dated revision with its note in Japanese and English' })

/** The bilingual text of an advisory, as drafted or published. */
export const advisoryContent = named('AdvisoryContent', object({
  title: bilingualText, overview: optionalBilingualText, description: optionalBilingualText, impact: optionalBilingualText, solution: optionalBilingualText,
  affectedProducts: array(affectedProduct), references: array(reference), vulnerabilities: array(advisoryVulnerability), vendorStatements: array(vendorStatement),
  severity: optional(nullable(string())),
}))

const publicAdvisoryHead = {
  identifier: string({ examples: ['JVN#12345678'] }),
  jvndbId: nullable(string({ pattern: '^JVNDB-\\d{4}-\\d{6}$', examples: ['JVNDB-2026-000001'], description: 'The JVN iPedia number, given at scheduling.' })),
  url: string({ format: 'uri' }), publishedAt: timestamp, modifiedAt: timestamp,
  severity: nullable(string()), title: bilingualText,
}
/** A published advisory in the public list. */
export const publicAdvisorySummary = named('PublicAdvisorySummary', object({ ...publicAdvisoryHead, cveIds: array(string()), cweIds: array(string()) }))
/** A published advisory, as anyone may read it. */
export const publicAdvisory = named('PublicAdvisory', object({
  ...publicAdvisoryHead, overview: optionalBilingualText, description: optionalBilingualText, impact: optionalBilingualText, solution: optionalBilingualText,
  affectedProducts: array(affectedProduct), vulnerabilities: array(advisoryVulnerability), vendorStatements: array(vendorStatement),
  references: array(reference), credits: array(string()), revisions: array(revision),
  source: optional(oneOfStrings(['keikai', 'jvn', 'cve', 'csaf'])),
  sourceIds: optional(array(object({ kind: string({ examples: ['JVNDB', 'JVN', 'CVE', 'CSAF'] }), id: string() }), {
    description: "An imported entry's original identifiers, as its source gave them (empty for the programme's own advisories).",
  })),
}))

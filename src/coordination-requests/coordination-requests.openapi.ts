import type { Operation } from '../platform/http/openapi-operation.js'
import { array, bilingualText, boolean, date, id, integer, nullable, object, optionalBilingualText, record, string, timestamp } from '../platform/http/openapi-schema.js'
import { addVendorsSchema, coordinationRequestSchema } from './coordination-requests.schemas.js'
import { vendorAnswerSchema } from './vendor-answer.js'
import { agreedDateSchema } from './agreed-date.js'

const count = integer({ minimum: 0 })
const request = object({
  caseId: id, title: string(), status: string(), sourceName: string(), sourceReference: string(), receivedOn: date, agreedPublicationAt: nullable(timestamp),
  vendors: count, notified: count, answered: count,
})
const vendorMatrix = object({
  counts: object({ all: count, not_notified: count, no_answer: count, affected: count, fixed: count, withStatement: count, notifiableNow: count }),
  filter: string(), page: integer({ minimum: 1 }), pages: integer({ minimum: 0 }), total: count,
  vulnerabilities: array(object({ id, position: integer(), title: optionalBilingualText, cve: nullable(string()) })),
  vendors: array(object({
    partyId: id, organizationId: id, name: bilingualText, status: string(), notifiedAt: nullable(timestamp), response: nullable(string()),
    lastContactAt: nullable(timestamp), hasStatement: boolean(), hasContact: boolean(),
    statuses: record(string({ description: 'The status of the vulnerability with this id' })),
  })),
})

/** The /api/v1 operations of coordination-requests, merged into the OpenAPI document. */
export const coordinationRequestsOperations: Operation[] = [
  { method: 'get', path: '/api/v1/coordination-requests', summary: 'Coordination requests from overseas CSIRTs and vendors, with vendor progress (coordinators)', tag: 'coordination-requests', auth: 'user', response: { status: 200, schema: object({ requests: array(request) }) } },
  { method: 'post', path: '/api/v1/coordination-requests', summary: 'Open a JVNVU# case from a coordination request: source, reference, dates, vulnerabilities (coordinators)', tag: 'coordination-requests', body: coordinationRequestSchema, auth: 'user', response: { status: 201, schema: object({ caseId: id }) } },
  { method: 'get', path: '/api/v1/cases/{caseId}/vendors', summary: 'The vendor matrix: each organisation × vulnerability status, notification, last contact, statement (?filter=not_notified|no_answer|affected|fixed&page=&pageSize=)', tag: 'coordination-requests', auth: 'user', response: { status: 200, schema: vendorMatrix } },
  { method: 'post', path: '/api/v1/cases/{caseId}/vendors', summary: 'Add many organisations at once; new ones by name with a contact (coordinators)', tag: 'coordination-requests', body: addVendorsSchema, auth: 'user', response: { status: 201, schema: object({ added: array(object({ partyId: id, organizationId: id })), alreadyParties: integer({ minimum: 0 }), createdOrganizations: integer({ minimum: 0 }), createdContacts: integer({ minimum: 0 }) }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/vendors/notify', summary: 'Notify every organisation not yet notified that has a contact (coordinators)', tag: 'coordination-requests', auth: 'user', response: { status: 200, schema: object({ notified: array(id), withoutContact: array(id) }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/vendors/remind', summary: 'Remind every notified organisation that has not answered (a mail pointer each)', tag: 'coordination-requests', auth: 'user', response: { status: 200, schema: object({ reminded: array(id), mails: integer({ minimum: 0 }) }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/vendors/{partyId}/answer', summary: "Record a notified vendor's answer on its behalf: response, statements, statuses per vulnerability, and the source (coordinators)", tag: 'coordination-requests', body: vendorAnswerSchema, auth: 'user', response: { status: 201, schema: object({ partyId: id, onBehalfOf: id, source: string(), response: nullable(string()), statuses: array({ type: 'object' }) }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/coordination-request/agreed-date', summary: 'Change the publication time agreed with the requester, with a reason (logged) (coordinators)', tag: 'coordination-requests', body: agreedDateSchema, auth: 'user', response: { status: 200, schema: object({ from: nullable(timestamp), to: nullable(timestamp), reason: nullable(string()) }) } },
]

import type { Operation } from '../platform/http/openapi-operation.js'
import { array, bilingualText, date, id, named, nullable, object, optional, string, timestamp } from '../platform/http/openapi-schema.js'
import { created } from '../cases/cases.openapi.js'
import { addPartySchema, classificationSchema, contactAttemptSchema, contactSchema, notifySchema, organizationSchema, responseSchema, vulnerabilityStatusSchema } from './coordination.schemas.js'

const coordinationCase = object({
  id, title: string(), status: string(), source: string(), accepted_at: nullable(timestamp), start_date: nullable(date), updated_at: timestamp, coordinator: nullable(string()),
})

/** An organisation (developer, website operator, critical-infrastructure operator) as its record stands. */
export const organization = named('Organization', object({
  id, kind: string({ examples: ['developer', 'operator', 'critical_infrastructure'] }), name: bilingualText,
  name_ja: optional(string({ deprecated: true })), name_en: optional(nullable(string({ deprecated: true }))),
  website: nullable(string()), pgp_public_key: nullable(string()), created_at: timestamp, sector: nullable(string()), org_type: nullable(string()),
}))
/** A contact of an organisation. */
export const contact = named('Contact', object({ id, organization_id: id, name: string(), email: nullable(string()), phone: nullable(string()), note: nullable(string()), created_at: timestamp }))
/** An organisation with its contacts and the accounts of its members. */
export const organizationDetail = named('OrganizationDetail', object({
  org: organization, contacts: array(contact), members: array(object({ id, display_name: string(), email: string() })),
}))

/** The coordination operations of /api/v1, for the OpenAPI document. */
export const coordinationOperations: readonly Operation[] = [
  { method: 'get', path: '/api/v1/coordination/cases', summary: 'Product cases in coordination (coordinators; ?mine=1)', tag: 'coordination', auth: 'user', response: { status: 200, schema: object({ cases: array(coordinationCase) }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/classification', summary: 'Set product type and cause (intake or coordinators)', tag: 'coordination', body: classificationSchema, auth: 'user', response: { status: 200, schema: object({ productType: nullable(string()), cause: nullable(string()), previousProductType: nullable(string()), previousCause: nullable(string()) }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/take', summary: 'Take a case as its coordinator', tag: 'coordination', auth: 'user', response: { status: 200, schema: object({ coordinatorId: id }) } },
  { method: 'get', path: '/api/v1/organizations', summary: 'Developer organisations', tag: 'coordination', auth: 'user', response: { status: 200, schema: object({ organizations: array(organization) }) } },
  { method: 'post', path: '/api/v1/organizations', summary: 'Register a developer organisation', tag: 'coordination', body: organizationSchema, auth: 'user', response: { status: 201, schema: created } },
  { method: 'get', path: '/api/v1/organizations/{id}', summary: 'An organisation with contacts and members', tag: 'coordination', auth: 'user', response: { status: 200, schema: organizationDetail } },
  { method: 'post', path: '/api/v1/organizations/{id}/contacts', summary: 'Add a contact to an organisation', tag: 'coordination', body: contactSchema, auth: 'user', response: { status: 201, schema: created } },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties', summary: 'Add a developer organisation to a case', tag: 'coordination', body: addPartySchema, auth: 'user', response: { status: 201, schema: object({ partyId: id, organizationId: id }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/contact-attempts', summary: 'Log a contact attempt', tag: 'coordination', body: contactAttemptSchema, auth: 'user', response: { status: 201, schema: object({ attemptId: id, partyId: id, channel: string(), result: string(), attemptedOn: date }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/notify', summary: 'Send the notification (records the 起算日)', tag: 'coordination', body: notifySchema, auth: 'user', response: { status: 200, schema: object({ partyId: id, invitationId: nullable(id) }) } },
  { method: 'get', path: '/api/v1/my/cases', summary: "The cases the caller's organisation was notified of", tag: 'developer', auth: 'user', response: { status: 200, schema: object({ cases: array(object({ id, kind: string(), title: string(), status: string(), notified_at: nullable(timestamp), party_status: string() })) }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/acknowledge', summary: 'Acknowledge the notification (developer)', tag: 'developer', auth: 'user', response: { status: 200, schema: object({ partyId: id }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/response', summary: 'Answer vulnerable / not vulnerable with statement, fix plan and date (developer)', tag: 'developer', body: responseSchema, auth: 'user', response: { status: 200, schema: object({ partyId: id, response: string(), proposedPublicationDate: nullable(date) }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/vulnerability-statuses', summary: 'Set the status for one vulnerability (developer)', tag: 'developer', body: vulnerabilityStatusSchema, auth: 'user', response: { status: 200, schema: object({ partyId: id, vulnerabilityId: id, status: string() }) } },
]

import { z } from 'zod'
import type { Operation } from '../platform/http/openapi-operation.js'
import { contactSchema } from '../coordination/index.js'
import { anyOf, array, bilingualText, boolean, id, integer, nullable, object, optional, optionalBilingualText, string, timestamp } from '../platform/http/openapi-schema.js'
import { created, publicAdvisory } from '../cases/cases.openapi.js'
import { ciOrganizationSchema, inviteMemberSchema, markProvisionSchema } from './priority-information.schemas.js'

const tag = 'priority-information'

const legacyName = { nameJa: optional(string({ deprecated: true })), nameEn: optional(string({ deprecated: true })) }
const ciOrgHead = { id, name: bilingualText, ...legacyName, sector: string() }
const recipient = object({ ...ciOrgHead, notifiedAt: nullable(timestamp) })
const provisionFields = {
  id, caseId: id, identifier: nullable(string()), state: string({ examples: ['unscheduled', 'pending', 'provided', 'cancelled'] }),
  provideAt: nullable(timestamp), publishAt: nullable(timestamp), leadBusinessDays: integer({ minimum: 0 }),
  sectors: array(string()), organizationIds: array(id), fromCommitteeDecision: boolean(), committeeDecisionReason: nullable(string()),
}

/** A provision as coordinators see it. */
const provisionRecord = object({
  ...provisionFields, title: optionalBilingualText, recipients: array(recipient), acceptances: array({ type: 'object' }), accessLog: array({ type: 'object' }),
})
/** A provision as a recipient sees it from the provision time, once the terms are accepted: the draft advisory. */
const recipientView = object({
  id, identifier: nullable(string()), state: string(), provideAt: nullable(timestamp), publishAt: nullable(timestamp), fromCommitteeDecision: boolean(), advisory: publicAdvisory,
})

/** The /api/v1 operations of priority-information, merged into the OpenAPI document. */
export const priorityInformationOperations: Operation[] = [
  { method: 'get', path: '/api/v1/priority-information/organizations', summary: 'Critical-infrastructure organisations with their sectors (coordinators, administrators)', tag, auth: 'user', response: { status: 200, schema: object({ organizations: array(object({ ...ciOrgHead, members: integer({ minimum: 0 }) })) }) } },
  { method: 'post', path: '/api/v1/priority-information/organizations', summary: 'Register a critical-infrastructure organisation in a sector (coordinators, administrators)', tag, body: ciOrganizationSchema, auth: 'user', response: { status: 201, schema: created } },
  { method: 'get', path: '/api/v1/priority-information/organizations/{ciOrgId}', summary: 'A critical-infrastructure organisation with contacts and members', tag, auth: 'user', response: { status: 200, schema: object({ ...ciOrgHead, website: nullable(string()), contacts: array({ type: 'object' }), members: array({ type: 'object' }) }) } },
  { method: 'post', path: '/api/v1/priority-information/organizations/{ciOrgId}/contacts', summary: 'Add a contact to a critical-infrastructure organisation', tag, body: contactSchema, auth: 'user', response: { status: 201, schema: created } },
  { method: 'post', path: '/api/v1/priority-information/organizations/{ciOrgId}/invitations', summary: 'Mail a single-use member invitation (the link is not returned)', tag, body: inviteMemberSchema, auth: 'user', response: { status: 201, schema: object({ invitationId: id, expiresAt: timestamp }) } },
  { method: 'get', path: '/api/v1/cases/{caseId}/priority-information', summary: "The case's provision: targets, lead time, computed provision time, recipients (coordinators)", tag, auth: 'user', response: { status: 200, schema: object({ provision: nullable(object({ ...provisionFields, recipients: array(recipient) })) }) } },
  { method: 'put', path: '/api/v1/cases/{caseId}/priority-information', summary: "Mark the case's advisory for priority provision to sectors and/or organisations; when its publication is a committee decision (uncontactable / uncoordinatable) committeeDecisionReason is required, else 400 priority_information.committee_reason_required, and the provision records fromCommitteeDecision (coordinators)", tag, body: markProvisionSchema, auth: 'user', response: { status: 200, schema: object({ provision: object({ ...provisionFields, recipients: array(recipient) }) }) } },
  { method: 'get', path: '/api/v1/priority-information/provisions', summary: "Provisions: all (coordinators) or those open to the caller's critical-infrastructure organisation", tag, auth: 'user', response: { status: 200, schema: object({ provisions: array(object({ ...provisionFields, title: optionalBilingualText })) }) } },
  { method: 'get', path: '/api/v1/priority-information/provisions/{provisionId}', summary: 'One provision: the record (coordinators) or, for recipients from the provision time, the draft advisory once the terms are accepted (else 409 priority_information.terms_not_accepted)', tag, auth: 'user', response: { status: 200, schema: anyOf(provisionRecord, recipientView) } },

  { method: 'post', path: '/api/v1/priority-information/provisions/{provisionId}/acceptance', summary: 'Accept the confidentiality terms of a provision (recipients)', tag, body: z.object({}), auth: 'user', response: { status: 200, schema: object({ acceptedAt: timestamp }) } },
  { method: 'get', path: '/api/v1/priority-information/stats', summary: 'Provisions, organisations and acceptances by sector (coordinators)', tag, auth: 'user', response: { status: 200, schema: object({ rows: array(object({ sector: string(), organizations: integer({ minimum: 0 }), provisions: integer({ minimum: 0 }), acceptances: integer({ minimum: 0 }) })), provisionsProvided: integer({ minimum: 0 }) }) } },
]

import { z } from 'zod'
import type { Operation } from '../platform/http/openapi-operation.js'
import { contactSchema } from '../coordination/index.js'
import { ciOrganizationSchema, inviteMemberSchema, markProvisionSchema } from './priority-information.schemas.js'

const tag = 'priority-information'

/** The /api/v1 operations of priority-information, merged into the OpenAPI document. */
export const priorityInformationOperations: Operation[] = [
  { method: 'get', path: '/api/v1/priority-information/organizations', summary: 'Critical-infrastructure organisations with their sectors (coordinators, administrators)', tag, auth: 'user' },
  { method: 'post', path: '/api/v1/priority-information/organizations', summary: 'Register a critical-infrastructure organisation in a sector (coordinators, administrators)', tag, body: ciOrganizationSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/priority-information/organizations/{ciOrgId}', summary: 'A critical-infrastructure organisation with contacts and members', tag, auth: 'user' },
  { method: 'post', path: '/api/v1/priority-information/organizations/{ciOrgId}/contacts', summary: 'Add a contact to a critical-infrastructure organisation', tag, body: contactSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/priority-information/organizations/{ciOrgId}/invitations', summary: 'Mail a single-use member invitation (the link is not returned)', tag, body: inviteMemberSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/cases/{caseId}/priority-information', summary: "The case's provision: targets, lead time, computed provision time, recipients (coordinators)", tag, auth: 'user' },
  { method: 'put', path: '/api/v1/cases/{caseId}/priority-information', summary: "Mark the case's advisory for priority provision to sectors and/or organisations; when its publication is a committee decision (uncontactable / uncoordinatable) committeeDecisionReason is required, else 400 priority_information.committee_reason_required, and the provision records fromCommitteeDecision (coordinators)", tag, body: markProvisionSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/priority-information/provisions', summary: "Provisions: all (coordinators) or those open to the caller's critical-infrastructure organisation", tag, auth: 'user' },
  { method: 'get', path: '/api/v1/priority-information/provisions/{provisionId}', summary: 'One provision: the record (coordinators) or, for recipients from the provision time, the draft advisory once the terms are accepted (else 409 priority_information.terms_not_accepted)', tag, auth: 'user' },
  { method: 'post', path: '/api/v1/priority-information/provisions/{provisionId}/acceptance', summary: 'Accept the confidentiality terms of a provision (recipients)', tag, body: z.object({}), auth: 'user' },
  { method: 'get', path: '/api/v1/priority-information/stats', summary: 'Provisions, organisations and acceptances by sector (coordinators)', tag, auth: 'user' },
]

import type { Operation } from '../platform/http/openapi-operation.js'
import { addPartySchema, classificationSchema, contactAttemptSchema, contactSchema, notifySchema, organizationSchema, responseSchema, vulnerabilityStatusSchema } from './coordination.schemas.js'

/** The coordination operations of /api/v1, for the OpenAPI document. */
export const coordinationOperations: readonly Operation[] = [
  { method: 'get', path: '/api/v1/coordination/cases', summary: 'Product cases in coordination (coordinators; ?mine=1)', tag: 'coordination', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/classification', summary: 'Set product type and cause (intake or coordinators)', tag: 'coordination', body: classificationSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/take', summary: 'Take a case as its coordinator', tag: 'coordination', auth: 'user' },
  { method: 'get', path: '/api/v1/organizations', summary: 'Developer organisations', tag: 'coordination', auth: 'user' },
  { method: 'post', path: '/api/v1/organizations', summary: 'Register a developer organisation', tag: 'coordination', body: organizationSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/organizations/{id}', summary: 'An organisation with contacts and members', tag: 'coordination', auth: 'user' },
  { method: 'post', path: '/api/v1/organizations/{id}/contacts', summary: 'Add a contact to an organisation', tag: 'coordination', body: contactSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties', summary: 'Add a developer organisation to a case', tag: 'coordination', body: addPartySchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/contact-attempts', summary: 'Log a contact attempt', tag: 'coordination', body: contactAttemptSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/notify', summary: 'Send the notification (records the 起算日)', tag: 'coordination', body: notifySchema, auth: 'user' },
  { method: 'get', path: '/api/v1/my/cases', summary: "The cases the caller's organisation was notified of", tag: 'developer', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/acknowledge', summary: 'Acknowledge the notification (developer)', tag: 'developer', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/response', summary: 'Answer vulnerable / not vulnerable with statement, fix plan and date (developer)', tag: 'developer', body: responseSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/vulnerability-statuses', summary: 'Set the status for one vulnerability (developer)', tag: 'developer', body: vulnerabilityStatusSchema, auth: 'user' },
]

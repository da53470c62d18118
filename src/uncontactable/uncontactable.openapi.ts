import type { Operation } from '../platform/http/openapi-operation.js'
import { declareSchema, policySchema, resumeSchema, tipHandlingSchema, tipSchema } from './uncontactable.schemas.js'

/** The /api/v1 operations of uncontactable, merged into the OpenAPI document. */
export const uncontactableOperations: Operation[] = [
  { method: 'get', path: '/api/v1/uncontactable', summary: '連絡不能開発者一覧: the public uncontactable-developer list (products appear after the configured months); publishedByCommittee: listings that ended when the committee-decided advisory was published, with that advisory', tag: 'public', auth: 'none' },
  { method: 'get', path: '/api/v1/uncontactable/{listingId}', summary: 'One live listing of the uncontactable-developer list, or one ended by a committee publication (status published_by_committee, with the advisory)', tag: 'public', auth: 'none' },
  { method: 'post', path: '/api/v1/uncontactable/{listingId}/tips', summary: 'Tell the coordinators how to reach a listed developer (rate-limited)', tag: 'public', body: tipSchema, auth: 'optional' },
  { method: 'get', path: '/api/v1/cases/{caseId}/parties/{partyId}/contact-policy', summary: 'The contact-attempt policy and how far this developer is towards it (coordinators)', tag: 'coordination', auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/uncontactable', summary: '連絡不能: declare a developer uncontactable and list it publicly; 409 uncontactable.policy_not_met until the policy is met (coordinators)', tag: 'coordination', body: declareSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/resumption', summary: '調整再開: resume coordination; listings end, the case returns to developer_notified (coordinators)', tag: 'coordination', body: resumeSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/uncontactable/tips/{tipId}/handling', summary: 'Mark a tip from the public handled: outcome reached_developer | not_useful and a note; 409 uncontactable.tip_already_handled (coordinators of the case)', tag: 'coordination', body: tipHandlingSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/uncontactable-policy', summary: 'The contact-attempt policy (administrators)', tag: 'admin', auth: 'user' },
  { method: 'put', path: '/api/v1/uncontactable-policy', summary: 'Change the contact-attempt policy (administrators)', tag: 'admin', body: policySchema, auth: 'user' },
]

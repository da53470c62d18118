import type { Operation } from '../platform/http/openapi-operation.js'
import { array, bilingualText, boolean, date, id, integer, literal, named, nullable, object, oneOfStrings, optional, optionalBilingualText, string, timestamp } from '../platform/http/openapi-schema.js'
import { declareSchema, policySchema, resumeSchema, tipHandlingSchema, tipSchema } from './uncontactable.schemas.js'

/** A listing of the public uncontactable-developer list; the product appears after the configured months. */
const listing = named('UncontactableListing', object({
  id, developer: bilingualText, listedAt: timestamp,
  product: optional(nullable(object({ name: optionalBilingualText, versions: optionalBilingualText }))),
  status: optional(string({ examples: ['listed', 'published_by_committee'] })),
  advisory: optional(nullable({ type: 'object', description: 'The advisory the committee decided, once published' })),
}))
const contactPolicy = named('ContactPolicy', object({
  requiredChannels: array(string()), minAttempts: integer({ minimum: 0 }), minSpanBusinessDays: integer({ minimum: 0 }), detailsAfterMonths: integer({ minimum: 0 }),
}))
const progress = object({
  attempts: integer(), minAttempts: integer(), channelsTried: array(string()), missingChannels: array(string()), firstAttemptOn: nullable(date),
  businessDaysElapsed: integer(), minSpanBusinessDays: integer(), earliestOn: nullable(date), met: boolean(),
})

/** The /api/v1 operations of uncontactable, merged into the OpenAPI document. */
export const uncontactableOperations: Operation[] = [
  { method: 'get', path: '/api/v1/uncontactable', summary: '連絡不能開発者一覧: the public uncontactable-developer list (products appear after the configured months); publishedByCommittee: listings that ended when the committee-decided advisory was published, with that advisory', tag: 'public', auth: 'none', response: { status: 200, schema: object({ listings: array(listing), publishedByCommittee: array(listing) }) } },
  { method: 'get', path: '/api/v1/uncontactable/{listingId}', summary: 'One live listing of the uncontactable-developer list, or one ended by a committee publication (status published_by_committee, with the advisory)', tag: 'public', auth: 'none', response: { status: 200, schema: listing } },
  { method: 'post', path: '/api/v1/uncontactable/{listingId}/tips', summary: 'Tell the coordinators how to reach a listed developer (rate-limited)', tag: 'public', body: tipSchema, auth: 'optional', response: { status: 201, schema: object({ status: literal('received') }) } },
  { method: 'get', path: '/api/v1/cases/{caseId}/parties/{partyId}/contact-policy', summary: 'The contact-attempt policy and how far this developer is towards it (coordinators)', tag: 'coordination', auth: 'user', response: { status: 200, schema: object({ policy: contactPolicy, progress }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/parties/{partyId}/uncontactable', summary: '連絡不能: declare a developer uncontactable and list it publicly; 409 uncontactable.policy_not_met until the policy is met (coordinators)', tag: 'coordination', body: declareSchema, auth: 'user', response: { status: 201, schema: object({ listingId: id, caseStatus: string() }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/resumption', summary: '調整再開: resume coordination; listings end, the case returns to developer_notified (coordinators)', tag: 'coordination', body: resumeSchema, auth: 'user', response: { status: 200, schema: object({ caseStatus: string(), endedListingIds: array(id) }) } },
  { method: 'post', path: '/api/v1/uncontactable/tips/{tipId}/handling', summary: 'Mark a tip from the public handled: outcome reached_developer | not_useful and a note; 409 uncontactable.tip_already_handled (coordinators of the case)', tag: 'coordination', body: tipHandlingSchema, auth: 'user', response: { status: 200, schema: object({ tipId: id, outcome: oneOfStrings(['reached_developer', 'not_useful']), handledAt: timestamp }) } },
  { method: 'get', path: '/api/v1/uncontactable-policy', summary: 'The contact-attempt policy (administrators)', tag: 'admin', auth: 'user', response: { status: 200, schema: contactPolicy } },
  { method: 'put', path: '/api/v1/uncontactable-policy', summary: 'Change the contact-attempt policy (administrators)', tag: 'admin', body: policySchema, auth: 'user', response: { status: 200, schema: contactPolicy } },
]

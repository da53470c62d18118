import type { Operation } from '../platform/http/openapi-operation.js'
import { array, bilingualText, boolean, date, id, integer, nullable, object, oneOfStrings, optional, string, timestamp } from '../platform/http/openapi-schema.js'
import { decisionApiSchema, meetingSchema, recusalSchema, referralSchema, urgencySchema, voteSchema } from './committee.schemas.js'

const referralSummary = object({
  id, title: string(), reason: string(), status: string(), referredAt: timestamp, decidedAt: nullable(timestamp), urgent: boolean(), urgentSince: nullable(timestamp),
})
const records = array({ type: 'object' })
/** One referral as members see it: the record, and (unless recused) the case summary and the deliberation so far. */
const referralDetail = object({
  referral: object({
    id, reason: string(), status: string(), referred_by: nullable(id), referred_at: timestamp, decided_at: nullable(timestamp), closed_at: nullable(timestamp),
    note: nullable(string()), urgent: boolean(), urgent_since: nullable(timestamp), urgentDue: nullable(date),
  }),
  title: string(), recused: boolean(), chairOf: array(id),
  summary: optional(nullable(object({
    kase: object({ title: string(), status: string(), product_type: nullable(string()), accepted_at: nullable(timestamp), start_date: nullable(date) }),
    reports: array(object({ receiptNumber: string(), submittedAt: timestamp })),
    developers: array(object({ id, status: string(), name: bilingualText })),
    vulnerabilities: records,
    attempts: array(object({ party_id: id, channel: string(), attempted_at: timestamp, result: string() })),
    listings: array(object({ party_id: id, listed_at: timestamp, ended_at: nullable(timestamp) })),
    advisory: nullable({ type: 'object' }),
  }))),
  deliberation: optional(nullable(object({ votes: records, recusals: records, decisions: records, meetings: records }))),
})
const meetingDetail = object({
  meeting: object({ id, held_on: date, chair_user_id: id, notes: nullable(string()), recorded_by: id, recorded_at: timestamp, chair: nullable(string()) }),
  attendees: array(object({ id, name: string() })),
  referrals: array(object({ id, reason: string(), status: string(), title: string() })),
})

/** The /api/v1 operations of committee, merged into the OpenAPI document. */
export const committeeOperations: Operation[] = [
  { method: 'post', path: '/api/v1/cases/{caseId}/committee-referrals', summary: 'Refer an uncontactable or uncoordinatable case to the publication decision committee; urgent: true with urgencyReason refers it as urgent (coordinators)', tag: 'committee', body: referralSchema, auth: 'user', response: { status: 201, schema: object({ referralId: id, urgent: boolean() }) } },
  { method: 'get', path: '/api/v1/committee/referrals', summary: 'Referrals before the committee and decided (members, coordinators)', tag: 'committee', auth: 'user', response: { status: 200, schema: object({ referrals: array(referralSummary) }) } },
  { method: 'get', path: '/api/v1/committee/referrals/{referralId}', summary: 'One referral: product, developers, vulnerability summary, contact history, deliberation (read is logged; a recused member gets the record only)', tag: 'committee', auth: 'user', response: { status: 200, schema: referralDetail } },
  { method: 'post', path: '/api/v1/committee/referrals/{referralId}/recusal', summary: 'Recuse yourself for a conflict of interest (members)', tag: 'committee', body: recusalSchema, auth: 'user', response: { status: 201, schema: object({ referralId: id, reason: string(), voteWithdrawn: boolean() }) } },
  { method: 'post', path: '/api/v1/committee/referrals/{referralId}/votes', summary: 'Vote publish / keep waiting with a comment (members)', tag: 'committee', body: voteSchema, auth: 'user', response: { status: 201, schema: object({ referralId: id, vote: oneOfStrings(['publish', 'keep_waiting']), comment: nullable(string()), meetingId: nullable(id) }) } },
  { method: 'post', path: '/api/v1/committee/referrals/{referralId}/urgency', summary: 'Mark a referral urgent with a reason: the shorter committee_urgent_referral deadline applies and every member is mailed at once; 409 committee.already_urgent (coordinators)', tag: 'committee', body: urgencySchema, auth: 'user', response: { status: 201, schema: object({ referralId: id, reason: string(), urgentSince: timestamp, due: date }) } },
  { method: 'post', path: '/api/v1/committee/referrals/{referralId}/urgency/cancellation', summary: 'Cancel the urgency of a referral with a reason: back to normal handling; 409 committee.not_urgent (coordinators)', tag: 'committee', body: urgencySchema, auth: 'user', response: { status: 200, schema: object({ referralId: id, reason: string(), urgentSince: timestamp }) } },
  { method: 'post', path: '/api/v1/committee/referrals/{referralId}/decision', summary: "The committee's decision with reasons; publish schedules the advisory (coordinators, or the meeting's chair)", tag: 'committee', body: decisionApiSchema, auth: 'user', response: { status: 201, schema: object({ decisionId: id, decision: oneOfStrings(['publish', 'keep_waiting']), advisoryId: optional(nullable(id)), identifier: optional(nullable(string())), publishAt: optional(nullable(timestamp)) }) } },
  { method: 'get', path: '/api/v1/committee/meetings', summary: 'Committee meetings (members, coordinators)', tag: 'committee', auth: 'user', response: { status: 200, schema: object({ meetings: array(object({ id, held_on: date, recorded_at: timestamp, chair: nullable(string()), referrals: integer({ minimum: 0 }) })) }) } },
  { method: 'post', path: '/api/v1/committee/meetings', summary: 'Record a meeting: date, chair, attendees, notes, referrals discussed (coordinators)', tag: 'committee', body: meetingSchema, auth: 'user', response: { status: 201, schema: object({ meetingId: id }) } },
  { method: 'get', path: '/api/v1/committee/meetings/{meetingId}', summary: 'One meeting record (members, coordinators)', tag: 'committee', auth: 'user', response: { status: 200, schema: meetingDetail } },
]

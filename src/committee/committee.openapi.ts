import type { Operation } from '../platform/http/openapi-operation.js'
import { decisionApiSchema, meetingSchema, recusalSchema, referralSchema, urgencySchema, voteSchema } from './committee.schemas.js'

/** The /api/v1 operations of committee, merged into the OpenAPI document. */
export const committeeOperations: Operation[] = [
  { method: 'post', path: '/api/v1/cases/{caseId}/committee-referrals', summary: 'Refer an uncontactable or uncoordinatable case to the publication decision committee; urgent: true with urgencyReason refers it as urgent (coordinators)', tag: 'committee', body: referralSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/committee/referrals', summary: 'Referrals before the committee and decided (members, coordinators)', tag: 'committee', auth: 'user' },
  { method: 'get', path: '/api/v1/committee/referrals/{referralId}', summary: 'One referral: product, developers, vulnerability summary, contact history, deliberation (read is logged; a recused member gets the record only)', tag: 'committee', auth: 'user' },
  { method: 'post', path: '/api/v1/committee/referrals/{referralId}/recusal', summary: 'Recuse yourself for a conflict of interest (members)', tag: 'committee', body: recusalSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/committee/referrals/{referralId}/votes', summary: 'Vote publish / keep waiting with a comment (members)', tag: 'committee', body: voteSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/committee/referrals/{referralId}/urgency', summary: 'Mark a referral urgent with a reason: the shorter committee_urgent_referral deadline applies and every member is mailed at once; 409 committee.already_urgent (coordinators)', tag: 'committee', body: urgencySchema, auth: 'user' },
  { method: 'post', path: '/api/v1/committee/referrals/{referralId}/urgency/cancellation', summary: 'Cancel the urgency of a referral with a reason: back to normal handling; 409 committee.not_urgent (coordinators)', tag: 'committee', body: urgencySchema, auth: 'user' },
  { method: 'post', path: '/api/v1/committee/referrals/{referralId}/decision', summary: "The committee's decision with reasons; publish schedules the advisory (coordinators, or the meeting's chair)", tag: 'committee', body: decisionApiSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/committee/meetings', summary: 'Committee meetings (members, coordinators)', tag: 'committee', auth: 'user' },
  { method: 'post', path: '/api/v1/committee/meetings', summary: 'Record a meeting: date, chair, attendees, notes, referrals discussed (coordinators)', tag: 'committee', body: meetingSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/committee/meetings/{meetingId}', summary: 'One meeting record (members, coordinators)', tag: 'committee', auth: 'user' },
]

import type { AccessTable, Actor } from './access-types.js'
import type { AccessSeed } from './seeds.js'
import { createUser } from '../../support/clients.js'
import { declareThroughApi, walkToUnansweredDeveloper } from '../../../src/uncontactable/uncontactable.test-support.js'

const COMMITTEE_PAGES: Actor[] = ['committee', 'coordinator']

/** Who may call each committee route: 'METHOD /path/:param' → actors allowed (everyone else: 404 / sign in). */
export const committeeAccess: AccessTable = {
  // Members see referred cases only, here; coordinators are the committee's secretariat.
  'GET /committee': COMMITTEE_PAGES,
  'GET /committee/referrals/:referralId': COMMITTEE_PAGES,
  'GET /committee/meetings': COMMITTEE_PAGES,
  'GET /committee/meetings/:meetingId': COMMITTEE_PAGES,
  'GET /api/v1/committee/referrals': COMMITTEE_PAGES,
  'GET /api/v1/committee/referrals/:referralId': COMMITTEE_PAGES,
  'GET /api/v1/committee/meetings': COMMITTEE_PAGES,
  'GET /api/v1/committee/meetings/:meetingId': COMMITTEE_PAGES,
  // A member's own acts.
  'POST /committee/referrals/:referralId/recusal': ['committee'],
  'POST /committee/referrals/:referralId/votes': ['committee'],
  'POST /api/v1/committee/referrals/:referralId/recusal': ['committee'],
  'POST /api/v1/committee/referrals/:referralId/votes': ['committee'],
  // The decision: the secretariat, or the chair of a meeting that discussed it (the seed's member chairs).
  'POST /committee/referrals/:referralId/decision': COMMITTEE_PAGES,
  'POST /api/v1/committee/referrals/:referralId/decision': COMMITTEE_PAGES,
  // The secretariat's acts.
  'POST /committee/meetings': ['coordinator'],
  'POST /api/v1/committee/meetings': ['coordinator'],
  'POST /cases/:caseId/committee-referrals': ['coordinator'],
  // Urgency is the secretariat's call (members are told, they do not set the agenda).
  'POST /committee/referrals/:referralId/urgency': ['coordinator'],
  'POST /committee/referrals/:referralId/urgency/cancellation': ['coordinator'],
  'POST /api/v1/committee/referrals/:referralId/urgency': ['coordinator'],
  'POST /api/v1/committee/referrals/:referralId/urgency/cancellation': ['coordinator'],
  'POST /api/v1/cases/:caseId/committee-referrals': ['coordinator'],
}

/** A listed case referred to the committee and discussed at a meeting chaired by the matrix's committee member. */
export const committeeSeed: AccessSeed | null = async ({ t, users }) => {
  const finder = await createUser(t, { name: 'Seed finder' })
  const s = await walkToUnansweredDeveloper(t, {
    finder: finder.api,
    orgName: { ja: '行列試験付議社', en: 'Matrix Referred Co.' },
    attempts: [
      { channel: 'email', attemptedOn: '2026-03-02', result: 'no_answer' },
      { channel: 'phone', attemptedOn: '2026-03-05', result: 'no_answer' },
      { channel: 'email', attemptedOn: '2026-03-10', result: 'no_answer' },
    ],
  })
  await declareThroughApi(s)
  const referral = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/committee-referrals`, { reason: 'uncontactable' })
  const member = users.committee!
  const meeting = await s.coordinator.api.post('/api/v1/committee/meetings', {
    heldOn: '2026-04-01', chairId: member.id, attendeeIds: [member.id], referralIds: [referral.json.referralId],
  })
  if (meeting.status !== 201) throw new Error(`committee seed: ${meeting.text}`)
  return { referralId: referral.json.referralId, meetingId: meeting.json.meetingId }
}

import type { Deps, CurrentUser } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { isCoordinator } from '../policies/policies.js'
import { detailsOf } from '../cases/reports.repository.js'
import { findAdvisoryByCase } from '../advisories/index.js'
import { chairedMeetings, isRecused, isUrgent, requireReferral } from './referrals.repository.js'
import { urgentDueDate } from './urgency.usecases.js'
import { committeePolicies } from './committee.policies.js'

/** The votes, recusals, decisions and meetings of a referral, with members' names. */
async function deliberation(db: DB, referralId: string) {
  const votes = await db.selectFrom('committee_votes').innerJoin('users', 'users.id', 'committee_votes.user_id')
    .select(['committee_votes.user_id', 'users.display_name as member', 'committee_votes.vote', 'committee_votes.comment', 'committee_votes.cast_at', 'committee_votes.meeting_id'])
    .where('referral_id', '=', referralId).orderBy('cast_at').execute()
  const recusals = await db.selectFrom('committee_recusals').innerJoin('users', 'users.id', 'committee_recusals.user_id')
    .select(['committee_recusals.user_id', 'users.display_name as member', 'committee_recusals.reason', 'committee_recusals.recused_at'])
    .where('referral_id', '=', referralId).orderBy('recused_at').execute()
  const decisions = await db.selectFrom('committee_decisions').innerJoin('users', 'users.id', 'committee_decisions.decided_by')
    .select(['committee_decisions.id', 'committee_decisions.decision', 'committee_decisions.reasons', 'committee_decisions.decided_at', 'committee_decisions.meeting_id',
      'committee_decisions.publish_at', 'users.display_name as decidedBy'])
    .where('referral_id', '=', referralId).orderBy('decided_at').execute()
  const meetings = await db.selectFrom('committee_meetings').innerJoin('committee_meeting_referrals', 'committee_meeting_referrals.meeting_id', 'committee_meetings.id')
    .innerJoin('users', 'users.id', 'committee_meetings.chair_user_id')
    .select(['committee_meetings.id', 'committee_meetings.held_on', 'committee_meetings.chair_user_id', 'users.display_name as chair'])
    .where('committee_meeting_referrals.referral_id', '=', referralId).orderBy('held_on').execute()
  return { votes, recusals, decisions, meetings }
}

/** What a member needs to judge a referral: the product, the developers, the vulnerability in summary, the contact history. */
async function caseSummary(db: DB, caseId: string) {
  const kase = await db.selectFrom('cases').select(['title', 'status', 'product_type', 'accepted_at', 'start_date']).where('id', '=', caseId).executeTakeFirstOrThrow()
  const reports = await db.selectFrom('reports').select(['receipt_number', 'details', 'submitted_at']).where('case_id', '=', caseId).orderBy('submitted_at').execute()
  const developers = await db.selectFrom('case_parties').innerJoin('organizations', 'organizations.id', 'case_parties.organization_id')
    .select(['case_parties.id', 'case_parties.status', 'case_parties.notified_at', 'case_parties.response', 'organizations.name_ja', 'organizations.name_en', 'organizations.website'])
    .where('case_parties.case_id', '=', caseId).orderBy('case_parties.created_at').execute()
  const vulnerabilities = await db.selectFrom('vulnerabilities').select(['title_ja', 'title_en', 'cve_id', 'cwe_id', 'cvss31_score', 'cvss40_score'])
    .where('case_id', '=', caseId).orderBy('position').execute()
  const attempts = await db.selectFrom('contact_attempts').select(['party_id', 'channel', 'address', 'attempted_at', 'result', 'note'])
    .where('case_id', '=', caseId).orderBy('attempted_at').execute()
  const listings = await db.selectFrom('uncontactable_listings').select(['party_id', 'listed_at', 'ended_at']).where('case_id', '=', caseId).orderBy('listed_at').execute()
  const advisory = await findAdvisoryByCase(db, caseId)
  return {
    kase,
    // Only what judging needs: no reproduction steps, no attachments, no finder identity.
    reports: reports.map((r) => {
      const d = detailsOf(r)
      return { receiptNumber: r.receipt_number, submittedAt: r.submitted_at, productName: d.productName, productVersion: d.productVersion, description: d.description, impact: d.impact }
    }),
    // Bilingual text also as `{ ja, en }`, the API's one shape; the `_ja` / `_en` columns stay one release.
    developers: developers.map((d) => ({ ...d, name: { ja: d.name_ja, en: d.name_en } })),
    vulnerabilities: vulnerabilities.map((v) => ({ ...v, title: { ja: v.title_ja, en: v.title_en } })),
    attempts, listings,
    advisory: advisory ? { status: advisory.status, identifier: advisory.identifier, publishAt: advisory.publishAt, title: advisory.content.title, overview: advisory.content.overview, solution: advisory.content.solution } : null,
  }
}

export type ReferralView = Awaited<ReturnType<typeof loadReferralView>>

/**
 * One referral as `user` may see it: coordinators and members who have not recused get the case
 * summary and the deliberation; a recused member gets only the referral and their own recusal.
 * Every read is logged in access_log. The route has already checked the user is staff or a member.
 */
export async function loadReferralView(deps: Deps, input: { referralId: string; user: CurrentUser }) {
  const { db, clock } = deps
  const referral = await requireReferral(db, input.referralId)
  const coordinator = isCoordinator(input.user)
  const recused = await isRecused(db, referral.id, input.user.id)
  // A withdrawn referral is no longer before the committee: members keep only its record.
  const full = committeePolicies.readReferralDetails(input.user, recused) && (coordinator || referral.status !== 'withdrawn')
  await db.insertInto('access_log').values({
    user_id: input.user.id, case_id: referral.case_id, what: `committee_referral:${referral.id}:${full ? 'full' : 'summary'}`, occurred_at: clock.now(),
  }).execute()
  const base = await db.selectFrom('cases').select(['title']).where('id', '=', referral.case_id).executeTakeFirstOrThrow()
  const chairOf = await chairedMeetings(db, referral.id, input.user.id)
  const ownRecusal = recused
    ? await db.selectFrom('committee_recusals').select(['reason', 'recused_at']).where('referral_id', '=', referral.id).where('user_id', '=', input.user.id).executeTakeFirst()
    : undefined
  return {
    referral, title: base.title, coordinator, recused, ownRecusal: ownRecusal ?? null, chairOf,
    urgent: isUrgent(referral), urgentDue: isUrgent(referral) ? await urgentDueDate(db, referral.urgent_since!) : null,
    summary: full ? await caseSummary(db, referral.case_id) : null,
    deliberation: full ? await deliberation(db, referral.id) : null,
  }
}

/** Meetings, newest first, with their chair and what they discussed. */
export async function listMeetings(db: DB) {
  const meetings = await db.selectFrom('committee_meetings').innerJoin('users', 'users.id', 'committee_meetings.chair_user_id')
    .select(['committee_meetings.id', 'committee_meetings.held_on', 'committee_meetings.recorded_at', 'users.display_name as chair'])
    .orderBy('held_on', 'desc').orderBy('recorded_at', 'desc').execute()
  const counts = await db.selectFrom('committee_meeting_referrals').select(['meeting_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('meeting_id').execute()
  return meetings.map((m) => ({ ...m, referrals: Number(counts.find((c) => c.meeting_id === m.id)?.n ?? 0) }))
}

export async function loadMeeting(db: DB, meetingId: string) {
  const meeting = await db.selectFrom('committee_meetings').innerJoin('users', 'users.id', 'committee_meetings.chair_user_id')
    .selectAll('committee_meetings').select('users.display_name as chair').where('committee_meetings.id', '=', meetingId).executeTakeFirst()
  if (!meeting) throw errors.notFound()
  const attendees = await db.selectFrom('committee_meeting_attendees').innerJoin('users', 'users.id', 'committee_meeting_attendees.user_id')
    .select(['users.id', 'users.display_name as name']).where('meeting_id', '=', meetingId).orderBy('users.display_name').execute()
  const referrals = await db.selectFrom('committee_meeting_referrals').innerJoin('committee_referrals', 'committee_referrals.id', 'committee_meeting_referrals.referral_id')
    .innerJoin('cases', 'cases.id', 'committee_referrals.case_id')
    .select(['committee_referrals.id', 'committee_referrals.reason', 'committee_referrals.status', 'cases.title'])
    .where('committee_meeting_referrals.meeting_id', '=', meetingId).execute()
  return { meeting, attendees, referrals }
}

import type { Deps, CurrentUser } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { newId } from '../platform/secrets.js'
import { translator } from '../platform/i18n/index.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { appendEvent, changeCase, transitionProductCase, actorOf, type Actor } from '../cases/case-events.js'
import { lockCase } from '../cases/cases.repository.js'
import type { ReferralReason, CommitteeVote } from './committee.tables.js'
import { committeeErrors } from './committee.errors.js'
import type { MeetingInput } from './committee.schemas.js'
import { ACTIVE_REFERRAL, isRecused, listMembers, requireReferral } from './referrals.repository.js'
import { referUrgently } from './urgency.usecases.js'
import { errors } from '../platform/errors.js'

/**
 * Refers a case to the publication decision committee (公表判定委員会): an uncontactable developer
 * (連絡不能, EoL case E) or an uncoordinatable one (調整不能, EoL case D). Applies
 * `refer_to_committee` (from uncontactable, developer_notified or fix_in_progress),
 * opens the referral, and mails each member a pointer to sign in — nothing of the case itself.
 * With `urgent` (and its required `urgencyReason`) the referral is urgent from the start: its own
 * shorter deadline and the members' urgent mail instead of the ordinary one.
 */
export async function referToCommittee(deps: Deps, input: {
  caseId: string; reason: ReferralReason; actor: Actor; note?: string | null | undefined; urgent?: boolean | undefined; urgencyReason?: string | null | undefined
}): Promise<{ referralId: string; urgent: boolean }> {
  const note = input.note?.trim() || null
  const urgencyReason = input.urgencyReason?.trim() || null
  if (input.urgent && !urgencyReason) throw errors.invalidInput({ fields: { urgencyReason: 'validation.required' } })
  const { result } = await transitionProductCase(deps.db, {
    caseId: input.caseId, action: 'refer_to_committee', actor: input.actor, clock: deps.clock,
    data: { reason: input.reason, ...(input.urgent && { urgent: true }) },
    apply: async (trx, { now }) => {
      const referralId = newId()
      await trx.insertInto('committee_referrals').values({
        id: referralId, case_id: input.caseId, reason: input.reason, note, status: 'open', referred_by: input.actor.user?.id ?? null, referred_at: now,
      }).execute()
      if (input.urgent && urgencyReason) {
        await referUrgently(trx, deps, { referralId, caseId: input.caseId, reason: urgencyReason, actor: input.actor, now })
        return { referralId, urgent: true }
      }
      const url = `${deps.config.publicUrl}/committee/referrals/${referralId}`
      const members = await trx.selectFrom('users').select(['email', 'locale', 'roles']).where('disabled_at', 'is', null).execute()
      for (const m of members.filter((u) => u.roles.includes('committee'))) {
        const t = translator(m.locale)
        await enqueueMail(trx, { to: m.email, subject: t('committee.mail.referral.subject'), text: t('committee.mail.referral.body', { url }) }, now)
      }
      return { referralId, urgent: false }
    },
  })
  return { referralId: result!.referralId, urgent: result!.urgent }
}

/**
 * Records a committee meeting (coordinators, as its secretariat): date, chair and attendees (all
 * committee members, the chair among them), notes, and the referrals discussed — each still
 * before the committee. Each discussed case gets a `committee_meeting_held` event.
 */
export async function recordMeeting(deps: Deps, input: { meeting: MeetingInput; actor: Actor }): Promise<{ meetingId: string }> {
  const m = input.meeting
  const members = new Set((await listMembers(deps.db)).map((u) => u.id))
  const attendees = [...new Set(m.attendeeIds)]
  if (attendees.some((id) => !members.has(id))) throw committeeErrors.invalidMeeting('attendeeIds', 'Only committee members attend.')
  if (!attendees.includes(m.chairId)) throw committeeErrors.invalidMeeting('chairId', 'The chair must be among the attendees.')
  const referralIds = [...new Set(m.referralIds)]
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now()
    const referrals = referralIds.length ? await trx.selectFrom('committee_referrals').select(['id', 'case_id', 'status']).where('id', 'in', referralIds).execute() : []
    if (referrals.length !== referralIds.length || referrals.some((r) => !ACTIVE_REFERRAL.includes(r.status))) {
      throw committeeErrors.invalidMeeting('referralIds', 'Only referrals before the committee can be discussed.')
    }
    const meetingId = newId()
    await trx.insertInto('committee_meetings').values({ id: meetingId, held_on: m.heldOn, chair_user_id: m.chairId, notes: m.notes, recorded_by: input.actor.user!.id, recorded_at: now }).execute()
    for (const userId of attendees) await trx.insertInto('committee_meeting_attendees').values({ meeting_id: meetingId, user_id: userId }).execute()
    // Cases are locked in id order, so two meetings recorded at once cannot deadlock.
    for (const r of [...referrals].sort((a, b) => a.case_id.localeCompare(b.case_id))) {
      await lockCase(trx, r.case_id)
      await trx.insertInto('committee_meeting_referrals').values({ meeting_id: meetingId, referral_id: r.id }).execute()
      await appendEvent(trx, { caseId: r.case_id, type: 'committee_meeting_held', actor: input.actor, at: now, data: { meetingId, referralId: r.id, heldOn: m.heldOn } })
    }
    return { meetingId }
  })
}

async function activeReferralOf(db: DB, referralId: string) {
  const referral = await requireReferral(db, referralId)
  if (!ACTIVE_REFERRAL.includes(referral.status)) throw committeeErrors.notActive()
  return referral
}

/**
 * A member declares a conflict of interest (with a reason): from then on they cannot vote on the
 * referral or read its details, and a vote they had cast is withdrawn. Logged as `committee_recusal`.
 */
export async function recuse(deps: Deps, input: { referralId: string; member: CurrentUser; reason: string }): Promise<{ referralId: string }> {
  const referral = await activeReferralOf(deps.db, input.referralId)
  return changeCase(deps.db, {
    caseId: referral.case_id, type: 'committee_recusal', actor: actorOf(input.member), clock: deps.clock,
    apply: async (trx, { now }) => {
      if (await isRecused(trx, input.referralId, input.member.id)) throw committeeErrors.alreadyRecused()
      await trx.insertInto('committee_recusals').values({ referral_id: input.referralId, user_id: input.member.id, reason: input.reason, recused_at: now }).execute()
      const withdrawn = await trx.deleteFrom('committee_votes').where('referral_id', '=', input.referralId).where('user_id', '=', input.member.id).executeTakeFirst()
      return { referralId: input.referralId, reason: input.reason, voteWithdrawn: Number(withdrawn.numDeletedRows) > 0 }
    },
  })
}

/**
 * A member's vote (publish / keep waiting, with a comment). A later vote replaces the member's
 * earlier one (a referral told to keep waiting comes back); every vote stays in the case log.
 */
export async function castVote(deps: Deps, input: { referralId: string; member: CurrentUser; vote: CommitteeVote; comment: string; meetingId?: string | undefined }): Promise<{ referralId: string; vote: CommitteeVote }> {
  const referral = await activeReferralOf(deps.db, input.referralId)
  if (input.meetingId) {
    const discussed = await deps.db.selectFrom('committee_meeting_referrals').select('meeting_id')
      .where('meeting_id', '=', input.meetingId).where('referral_id', '=', input.referralId).executeTakeFirst()
    if (!discussed) throw committeeErrors.invalidMeeting('meetingId', 'That meeting did not discuss this referral.')
  }
  return changeCase(deps.db, {
    caseId: referral.case_id, type: 'committee_vote', actor: actorOf(input.member), clock: deps.clock, allowedIn: ['committee_review'],
    apply: async (trx, { now }) => {
      const current = await requireReferral(trx, input.referralId, { lock: true })
      if (!ACTIVE_REFERRAL.includes(current.status)) throw committeeErrors.notActive()
      if (await isRecused(trx, input.referralId, input.member.id)) throw committeeErrors.recused()
      const values = { meeting_id: input.meetingId ?? null, vote: input.vote, comment: input.comment, cast_at: now }
      await trx.insertInto('committee_votes').values({ referral_id: input.referralId, user_id: input.member.id, ...values })
        .onConflict((oc) => oc.columns(['referral_id', 'user_id']).doUpdateSet(values)).execute()
      return { referralId: input.referralId, vote: input.vote, comment: input.comment, meetingId: input.meetingId ?? null }
    },
  })
}

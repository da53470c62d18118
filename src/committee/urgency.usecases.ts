import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { translator, formatDate } from '../platform/i18n/index.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { japanDate } from '../platform/calendar/business-days.js'
import { appendEvent, changeCase, type Actor } from '../cases/case-events.js'
import { dueDateFor, loadDeadlinePolicy } from '../deadlines/index.js'
import { committeeErrors } from './committee.errors.js'
import { ACTIVE_REFERRAL, requireReferral } from './referrals.repository.js'

/**
 * The day an urgency marked at `at` must be decided by, from the administrator's
 * `committee_urgent_referral` policy; null when that policy is switched off.
 */
export async function urgentDueDate(db: DB, at: Date): Promise<string | null> {
  const policy = await loadDeadlinePolicy(db, 'committee_urgent_referral')
  return policy.enabled ? dueDateFor(policy, japanDate(at)) : null
}

/**
 * Mails every committee member at once that a referral is urgent: a pointer to sign in and the
 * day it is due — no reason and nothing of the case (mail leaves the system; members read the
 * referral on its page). Members who recused from the referral are not asked.
 */
export async function mailMembersUrgent(trx: DB, input: { referralId: string; publicUrl: string; due: string | null; now: Date }): Promise<number> {
  const recused = new Set((await trx.selectFrom('committee_recusals').select('user_id').where('referral_id', '=', input.referralId).execute()).map((r) => r.user_id))
  const members = (await trx.selectFrom('users').select(['id', 'email', 'locale', 'roles']).where('disabled_at', 'is', null).execute())
    .filter((u) => u.roles.includes('committee') && !recused.has(u.id))
  const url = `${input.publicUrl}/committee/referrals/${input.referralId}`
  for (const m of members) {
    const t = translator(m.locale)
    const text = input.due ? t('committee.mail.urgent.body', { url, due: formatDate(input.due, m.locale === 'en' ? 'en' : 'ja') }) : t('committee.mail.urgent.body_no_due', { url })
    await enqueueMail(trx, { to: m.email, subject: t('committee.mail.urgent.subject'), text }, input.now)
  }
  return members.length
}

/**
 * Sets a referral urgent inside the caller's transaction: stores since when and why and mails the
 * members. The caller logs `committee_urgency_marked` with the returned data (the deadlines
 * feature starts the urgent referral's clock from that event).
 */
async function applyUrgency(trx: DB, deps: Deps, input: { referralId: string; reason: string; now: Date }) {
  await trx.updateTable('committee_referrals').set({ urgent_since: input.now, urgency_reason: input.reason }).where('id', '=', input.referralId).execute()
  const due = await urgentDueDate(trx, input.now)
  await mailMembersUrgent(trx, { referralId: input.referralId, publicUrl: deps.config.publicUrl, due, now: input.now })
  return { referralId: input.referralId, reason: input.reason, urgentSince: input.now.toISOString(), due }
}

/** A referral made urgent as it is made (inside referToCommittee's transaction), logged like a later marking. */
export async function referUrgently(trx: DB, deps: Deps, input: { referralId: string; caseId: string; reason: string; actor: Actor; now: Date }) {
  const data = await applyUrgency(trx, deps, input)
  await appendEvent(trx, { caseId: input.caseId, type: 'committee_urgency_marked', actor: input.actor, at: input.now, data })
  return data
}

/**
 * A coordinator marks a referral still before the committee urgent, with a reason (409
 * `committee.already_urgent` when it is; `committee.referral_closed` when decided or withdrawn).
 * Its decision is then due by the shorter `committee_urgent_referral` policy, and every member is
 * mailed at once.
 */
export async function markUrgent(deps: Deps, input: { referralId: string; actor: Actor; reason: string }): Promise<{ referralId: string; reason: string; urgentSince: string; due: string | null }> {
  const referral = await requireReferral(deps.db, input.referralId)
  return changeCase(deps.db, {
    caseId: referral.case_id, type: 'committee_urgency_marked', actor: input.actor, clock: deps.clock, allowedIn: ['committee_review'],
    apply: async (trx, { now }) => {
      const current = await requireReferral(trx, input.referralId, { lock: true })
      if (!ACTIVE_REFERRAL.includes(current.status)) throw committeeErrors.notActive()
      if (current.urgent_since) throw committeeErrors.alreadyUrgent()
      return applyUrgency(trx, deps, { referralId: input.referralId, reason: input.reason, now })
    },
  })
}

/**
 * A coordinator cancels a referral's urgency, with a reason: the referral returns to normal
 * handling and the urgent clock stops (`committee_urgency_cancelled`). 409 `committee.not_urgent`
 * when it was not urgent.
 */
export async function cancelUrgency(deps: Deps, input: { referralId: string; actor: Actor; reason: string }): Promise<{ referralId: string }> {
  const referral = await requireReferral(deps.db, input.referralId)
  return changeCase(deps.db, {
    caseId: referral.case_id, type: 'committee_urgency_cancelled', actor: input.actor, clock: deps.clock, allowedIn: ['committee_review'],
    apply: async (trx) => {
      const current = await requireReferral(trx, input.referralId, { lock: true })
      if (!ACTIVE_REFERRAL.includes(current.status)) throw committeeErrors.notActive()
      if (!current.urgent_since) throw committeeErrors.notUrgent()
      await trx.updateTable('committee_referrals').set({ urgent_since: null, urgency_reason: null }).where('id', '=', input.referralId).execute()
      return { referralId: input.referralId, reason: input.reason, urgentSince: current.urgent_since.toISOString() }
    },
  })
}

import type { Deps } from '../platform/http/context.js'
import type { Config } from '../platform/config.js'
import type { DB } from '../platform/db/database.js'
import { AppError, errors } from '../platform/errors.js'
import { tokyoDate, translator, type Lang } from '../platform/i18n/index.js'
import { enqueueLocalizedMail } from '../platform/mail/outbox.js'
import { newId } from '../platform/secrets.js'
import { changeCase, transitionWebsiteCase, type Actor } from '../cases/case-events.js'
import { CLOSED_WEBSITE_STATUSES } from '../cases/website-case.transitions.js'
import { caseStaffRecipients, organizationRecipients, type CaseRecipient } from '../cases/case-recipients.js'
import { createInvitation } from '../accounts/index.js'
import { notifyFinders } from '../cases/finder-mail.js'
import type { FixType, StallReason } from '../cases/website-categories.js'

export const websiteErrors = {
  notOperator: () => new AppError('websites.not_an_operator', 400, 'The organisation is not a website operator.'),
  neverNotified: () => new AppError('websites.never_notified', 409, 'No operator was ever notified: notify one instead.'),
  fixedOnOutOfRange: () => new AppError('websites.fixed_on_out_of_range', 400, 'The fix date lies between the notification and today.'),
  sourceRequired: () => new AppError('websites.source_required', 400, 'A fix recorded on the operator\'s behalf names its source.'),
}

/** The operator organisations notified of a case (normally one). */
async function notifiedOperatorParties(db: DB, caseId: string) {
  return db.selectFrom('case_parties').select(['id', 'organization_id', 'notified_at']).where('case_id', '=', caseId)
    .where('notified_at', 'is not', null).orderBy('notified_at').execute()
}

/** Who hears from keikai on the notified operators' behalf: members and open invitations. */
export async function operatorRecipients(db: DB, caseId: string, now: Date): Promise<CaseRecipient[]> {
  const organizationIds = (await notifiedOperatorParties(db, caseId)).map((p) => p.organization_id)
  return organizationRecipients(db, { caseId, organizationIds, now })
}

/** One mail in the recipient's language, or in both when we do not know it. Never any detail of the site. */
const mailBilingual = (trx: DB, to: string, locale: Lang | null, key: string, params: Record<string, string>, now: Date) =>
  enqueueLocalizedMail(trx, to, locale, (lang, part) => translator(lang)(`websites.mail.${key}.${part}`, params), now)

/**
 * IPA notifies the website operator (DESIGN §4): the operator organisation joins the case as its
 * party, its contact gets a single-use invitation to an account that sees exactly this case, and
 * the first notification's Japan date starts the days-to-fix clock. The finders are told.
 */
export async function notifyOperator(deps: Deps, input: { caseId: string; organizationId: string; contactId: string; actor: Actor }) {
  const org = await deps.db.selectFrom('organizations').select(['id', 'kind', 'org_type']).where('id', '=', input.organizationId).executeTakeFirst()
  if (!org) throw errors.notFound()
  if (org.kind !== 'operator') throw websiteErrors.notOperator()
  const contact = await deps.db.selectFrom('organization_contacts').selectAll()
    .where('id', '=', input.contactId).where('organization_id', '=', org.id).executeTakeFirst()
  if (!contact) throw errors.notFound()
  const kase = await deps.db.selectFrom('cases').select(['start_date']).where('id', '=', input.caseId).executeTakeFirst()
  if (!kase) throw errors.notFound()
  const notifiedOn = tokyoDate(deps.clock.now())
  const startDate = kase.start_date ?? notifiedOn
  const r = await transitionWebsiteCase(deps.db, {
    caseId: input.caseId, action: 'notify_operator', actor: input.actor, clock: deps.clock,
    changes: { start_date: startDate, closed_at: null },
    apply: async (trx, { now }) => {
      const existing = await trx.selectFrom('case_parties').select('id').where('case_id', '=', input.caseId).where('organization_id', '=', org.id).executeTakeFirst()
      const partyId = existing?.id ?? newId()
      if (existing) await trx.updateTable('case_parties').set({ status: 'notified', notified_at: now }).where('id', '=', partyId).execute()
      else await trx.insertInto('case_parties').values({ id: partyId, case_id: input.caseId, organization_id: org.id, status: 'notified', notified_at: now }).execute()
      const invitation = await createInvitation(trx, {
        purpose: 'organization_member', now, email: contact.email, organizationId: org.id, caseId: input.caseId, createdBy: input.actor.user?.id ?? null,
      })
      await mailBilingual(trx, contact.email, null, 'notification', { url: `${deps.config.publicUrl}${invitation.path}` }, now)
      const members = await trx.selectFrom('users').select(['email', 'locale']).where('organization_id', '=', org.id).where('disabled_at', 'is', null).execute()
      for (const m of members) await mailBilingual(trx, m.email, m.locale, 'member_notice', { url: `${deps.config.publicUrl}/cases/${input.caseId}` }, now)
      if (!kase.start_date) await notifyFinders(deps, trx, input.caseId, 'operator_notified', now, { startDate })
      return { partyId, organizationId: org.id, organizationType: org.org_type, notifiedOn, contactEmail: contact.email, invitationId: invitation.id }
    },
  })
  return { ...r.result!, status: r.to }
}

/**
 * 修正完了: the operator reports its site fixed, with the kind of fix; intake staff may record it on
 * the operator's behalf (from a mail or a call), naming the source. The fix date lies between the
 * first notification and today; the finders are told.
 */
export async function reportFix(deps: Deps, input: { caseId: string; actor: Actor; asOperator: boolean; fixType: FixType; fixedOn?: string; note?: string; source?: string }) {
  if (!input.asOperator && !input.source) throw websiteErrors.sourceRequired()
  const kase = await deps.db.selectFrom('cases').select(['start_date']).where('id', '=', input.caseId).executeTakeFirst()
  if (!kase) throw errors.notFound()
  const today = tokyoDate(deps.clock.now())
  const fixedOn = input.fixedOn ?? today
  if (fixedOn > today || (kase.start_date && fixedOn < kase.start_date)) throw websiteErrors.fixedOnOutOfRange()
  const partyId = (await notifiedOperatorParties(deps.db, input.caseId))[0]?.id ?? null
  return transitionWebsiteCase(deps.db, {
    caseId: input.caseId, action: 'report_fix', actor: input.actor, clock: deps.clock,
    changes: { fix_type: input.fixType, fixed_on: fixedOn, closed_at: deps.clock.now() },
    data: { partyId, fixType: input.fixType, fixedOn, note: input.note ?? null, onBehalf: !input.asOperator, source: input.source ?? null },
    apply: async (trx, { now }) => {
      await notifyFinders(deps, trx, input.caseId, 'website_fixed', now, { fixType: input.fixType })
      await mailHandler(deps, trx, input.caseId, 'fix_reported', now, !input.asOperator)
    },
  })
}

/** The operator disputes the report (not a vulnerability, not its site…); staff decide what follows. */
export async function disputeAsOperator(deps: Deps, input: { caseId: string; actor: Actor; partyId: string; reason: string }) {
  return transitionWebsiteCase(deps.db, {
    caseId: input.caseId, action: 'operator_disputed', actor: input.actor, clock: deps.clock,
    data: { partyId: input.partyId, reason: input.reason },
    apply: async (trx, { now }) => { await mailHandler(deps, trx, input.caseId, 'disputed', now, false) },
  })
}

/** The case's handler (the intake officer who accepted it), or every intake officer, hears of the operator's step. */
async function mailHandler(deps: Deps, trx: DB, caseId: string, key: 'fix_reported' | 'disputed', now: Date, byStaff: boolean) {
  if (byStaff) return
  for (const u of await caseStaffRecipients(trx, caseId)) await mailBilingual(trx, u.email, u.locale, `staff_${key}`, { url: `${deps.config.publicUrl}/cases/${caseId}` }, now)
}

/** Closed as not a vulnerability, judged so by IPA and the operator. */
export async function closeNotVulnerable(deps: Deps, input: { caseId: string; actor: Actor; note: string }) {
  return transitionWebsiteCase(deps.db, {
    caseId: input.caseId, action: 'close_not_vulnerable', actor: input.actor, clock: deps.clock,
    changes: { closed_at: deps.clock.now() }, data: { note: input.note },
    apply: async (trx, { now }) => { await notifyFinders(deps, trx, input.caseId, 'website_not_vulnerable', now) },
  })
}

/** 調整が滞った: the operator cannot be reached or coordination has stopped. Resumable. */
export async function closeStalled(deps: Deps, input: { caseId: string; actor: Actor; reason: StallReason; note: string }) {
  return transitionWebsiteCase(deps.db, {
    caseId: input.caseId, action: 'close_stalled', actor: input.actor, clock: deps.clock,
    changes: { closed_at: deps.clock.now() }, data: { reason: input.reason, note: input.note },
    apply: async (trx, { now }) => { await notifyFinders(deps, trx, input.caseId, 'website_stalled', now) },
  })
}

/** Handling ends because a published public alert (注意喚起) covers the case. One event per case. */
export async function closeByAlert(deps: Deps, input: { caseId: string; alertId: string; actor: Actor }) {
  const r = await transitionWebsiteCase(deps.db, {
    caseId: input.caseId, action: 'close_by_alert', actor: input.actor, clock: deps.clock,
    changes: { closed_at: deps.clock.now() }, data: { alertId: input.alertId },
    apply: async (trx, { now }) => { await notifyFinders(deps, trx, input.caseId, 'website_closed_by_alert', now) },
  })
  return { from: r.from, to: r.to }
}

/** The operator reappears after the case stalled: handling resumes; days to fix still count from the first notification. */
export async function resumeHandling(deps: Deps, input: { caseId: string; actor: Actor; note: string }) {
  if (!(await notifiedOperatorParties(deps.db, input.caseId)).length) throw websiteErrors.neverNotified()
  return transitionWebsiteCase(deps.db, {
    caseId: input.caseId, action: 'resume_handling', actor: input.actor, clock: deps.clock,
    changes: { closed_at: null }, data: { note: input.note },
  })
}

/**
 * A fresh single-use invitation, mailed in both languages to the contact the operator was last
 * notified at — for an operator nobody of which ever joined, whose first invitation has run out.
 * Returns the invitation's id, or null when there is nobody to invite. Runs in the caller's transaction.
 */
export async function reinviteOperator(trx: DB, config: Config, input: { caseId: string; now: Date; createdBy: string | null }): Promise<string | null> {
  const party = (await notifiedOperatorParties(trx, input.caseId)).at(-1)
  const notified = await trx.selectFrom('case_events').select('data').where('case_id', '=', input.caseId).where('type', '=', 'notify_operator')
    .orderBy('id', 'desc').limit(1).executeTakeFirst()
  const email = (notified?.data as { contactEmail?: string } | undefined)?.contactEmail
  if (!party || !email) return null
  const invitation = await createInvitation(trx, {
    purpose: 'organization_member', now: input.now, email, organizationId: party.organization_id, caseId: input.caseId, createdBy: input.createdBy,
  })
  await mailBilingual(trx, email, null, 'notification', { url: `${config.publicUrl}${invitation.path}` }, input.now)
  return invitation.id
}

/**
 * Reminds the operator to report its fix: mail to its members and open invitations, and the event.
 * An operator nobody of which ever joined (its 14-day invitation ran out) gets a fresh invitation
 * at the contact it was notified at, so a reminder always reaches someone who can act on it.
 */
export async function remindOperator(deps: Deps, input: { caseId: string; actor: Actor; note?: string }): Promise<{ reminded: number }> {
  const r = await transitionWebsiteCase(deps.db, {
    caseId: input.caseId, action: 'remind_operator', actor: input.actor, clock: deps.clock,
    apply: async (trx, { now }) => {
      const parties = await notifiedOperatorParties(trx, input.caseId)
      const recipients = await operatorRecipients(trx, input.caseId, now)
      for (const to of recipients) await mailBilingual(trx, to.email, to.locale, 'reminder', { url: `${deps.config.publicUrl}/cases/${input.caseId}` }, now)
      const reinvited = recipients.length ? null : await reinviteOperator(trx, deps.config, { caseId: input.caseId, now, createdBy: input.actor.user?.id ?? null })
      return { partyId: parties.at(-1)?.id ?? null, reminded: recipients.length + (reinvited ? 1 : 0), reinvited, note: input.note ?? null }
    },
  })
  return { reminded: r.result!.reminded }
}

/** Intake reclassifies a website case (vulnerability type, impact); the statistics follow the events. */
export async function classifyWebsiteCase(deps: Deps, input: { caseId: string; actor: Actor; vulnerabilityType: string; impact: string }) {
  return changeCase(deps.db, {
    caseId: input.caseId, type: 'website_classified', actor: input.actor, clock: deps.clock,
    allowedIn: ['received', 'accepted', 'operator_notified', ...CLOSED_WEBSITE_STATUSES.filter((s) => s !== 'not_accepted')],
    apply: async (trx) => {
      await trx.updateTable('cases').set({ vulnerability_type: input.vulnerabilityType, impact: input.impact }).where('id', '=', input.caseId).execute()
      return { vulnerabilityType: input.vulnerabilityType, impact: input.impact }
    },
  })
}

import type { z } from 'zod'
import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { newId } from '../platform/secrets.js'
import { AppError, errors } from '../platform/errors.js'
import { tokyoDate, translator } from '../platform/i18n/index.js'
import { enqueueLocalizedMail, enqueueMail } from '../platform/mail/outbox.js'
import { changeCase, transitionProductCase, type Actor } from '../cases/case-events.js'
import { createInvitation } from '../accounts/index.js'
import { notifyFinders } from '../cases/finder-mail.js'
import type { contactAttemptSchema } from './coordination.schemas.js'

const alreadyNotified = () => new AppError('coordination.already_notified', 409, 'This organisation has already been notified.')

/** States in which coordinators work with developer organisations. */
const COORDINATING = ['accepted', 'contacting_developer', 'uncontactable', 'committee_review', 'developer_notified', 'investigating', 'fix_in_progress', 'publication_scheduled'] as const

async function loadParty(db: DB, caseId: string, partyId: string) {
  const party = await db.selectFrom('case_parties').selectAll().where('id', '=', partyId).where('case_id', '=', caseId).executeTakeFirst()
  if (!party) throw errors.notFound()
  return party
}

/** Adds a developer organisation to a case, with an `unknown` status for each vulnerability. */
export async function addParty(deps: Deps, input: { caseId: string; organizationId: string; actor: Actor }) {
  const org = await deps.db.selectFrom('organizations').select(['id', 'kind']).where('id', '=', input.organizationId).executeTakeFirst()
  if (!org || org.kind !== 'developer') throw errors.notFound()
  return changeCase(deps.db, {
    caseId: input.caseId, type: 'party_added', actor: input.actor, clock: deps.clock, allowedIn: COORDINATING,
    apply: async (trx, { now }) => {
      const existing = await trx.selectFrom('case_parties').select('id').where('case_id', '=', input.caseId)
        .where('organization_id', '=', input.organizationId).executeTakeFirst()
      if (existing) return { partyId: existing.id, organizationId: input.organizationId }
      const partyId = newId()
      await trx.insertInto('case_parties').values({ id: partyId, case_id: input.caseId, organization_id: input.organizationId }).execute()
      const vulns = await trx.selectFrom('vulnerabilities').select('id').where('case_id', '=', input.caseId).execute()
      for (const v of vulns) {
        await trx.insertInto('party_vulnerability_statuses').values({ party_id: partyId, vulnerability_id: v.id, status: 'unknown', updated_at: now }).execute()
      }
      return { partyId, organizationId: input.organizationId }
    },
  })
}

/**
 * Logs one attempt to reach a developer (channel, address, date, result). The first attempt on an
 * accepted case starts the contacting state.
 */
export async function logContactAttempt(deps: Deps, input: { caseId: string; partyId: string; attempt: z.infer<typeof contactAttemptSchema>; actor: Actor }) {
  await loadParty(deps.db, input.caseId, input.partyId)
  const write = async (trx: DB) => {
    const id = newId()
    await trx.insertInto('contact_attempts').values({
      id, case_id: input.caseId, party_id: input.partyId, channel: input.attempt.channel, address: input.attempt.address,
      attempted_at: new Date(`${input.attempt.attemptedOn}T00:00:00+09:00`), result: input.attempt.result,
      note: input.attempt.note ?? null, recorded_by: input.actor.user!.id,
    }).execute()
    await trx.updateTable('case_parties').set({ status: 'contacting' }).where('id', '=', input.partyId).where('status', '=', 'to_contact').execute()
    return { attemptId: id, partyId: input.partyId, channel: input.attempt.channel, result: input.attempt.result, attemptedOn: input.attempt.attemptedOn }
  }
  const current = await deps.db.selectFrom('cases').select('status').where('id', '=', input.caseId).executeTakeFirstOrThrow()
  if (current.status === 'accepted') {
    const r = await transitionProductCase(deps.db, { caseId: input.caseId, action: 'start_contacting', actor: input.actor, clock: deps.clock, apply: write })
    return r.result!
  }
  return changeCase(deps.db, { caseId: input.caseId, type: 'contact_attempt', actor: input.actor, clock: deps.clock, allowedIn: COORDINATING, apply: write })
}

/**
 * Sends the notification to a developer organisation's contact. The first notification in a case
 * records the 起算日 (start date, Japan time) and tells the finders. The contact gets a single-use,
 * expiring invitation to create an account that sees exactly this case; existing members get a pointer.
 */
export async function notifyDeveloper(deps: Deps, input: { caseId: string; partyId: string; contactId: string; actor: Actor }) {
  const party = await loadParty(deps.db, input.caseId, input.partyId)
  const contact = await deps.db.selectFrom('organization_contacts').selectAll()
    .where('id', '=', input.contactId).where('organization_id', '=', party.organization_id).executeTakeFirst()
  if (!contact) throw errors.notFound()
  const write = async (trx: DB, now: Date, setsStartDate: boolean) => {
    // Guarded so a double click or two coordinators never notify (and mail) one organisation twice.
    const updated = await trx.updateTable('case_parties').set({ status: 'notified', notified_at: now })
      .where('id', '=', input.partyId).where('notified_at', 'is', null).executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw alreadyNotified()
    const invitation = await createInvitation(trx, {
      purpose: 'organization_member', now, email: contact.email, organizationId: party.organization_id,
      caseId: input.caseId, createdBy: input.actor.user?.id ?? null,
    })
    const url = `${deps.config.publicUrl}${invitation.path}`
    await enqueueLocalizedMail(trx, contact.email, null, (lang, part) => translator(lang)(`coordination.mail.notification.${part}`, { url }), now)
    const members = await trx.selectFrom('users').select(['email', 'locale']).where('organization_id', '=', party.organization_id).execute()
    for (const m of members) {
      const tm = translator(m.locale)
      await enqueueMail(trx, { to: m.email, subject: tm('coordination.mail.notification.subject'),
        text: tm('coordination.mail.member_notice.body', { url: `${deps.config.publicUrl}/cases/${input.caseId}` }) }, now)
    }
    if (setsStartDate) await notifyFinders(deps, trx, input.caseId, 'start_date', now, { startDate: tokyoDate(now) })
    return { partyId: input.partyId, organizationId: party.organization_id, contactEmail: contact.email, invitationId: invitation.id }
  }
  const current = await deps.db.selectFrom('cases').select(['status', 'start_date']).where('id', '=', input.caseId).executeTakeFirstOrThrow()
  if (current.status === 'accepted' || current.status === 'contacting_developer') {
    const startDate = current.start_date ?? tokyoDate(deps.clock.now())
    const r = await transitionProductCase(deps.db, {
      caseId: input.caseId, action: 'notify_developer', actor: input.actor, clock: deps.clock,
      changes: { start_date: startDate },
      data: { startDate },
      apply: (trx, { now }) => write(trx, now, !current.start_date),
    })
    return r.result!
  }
  return changeCase(deps.db, {
    caseId: input.caseId, type: 'party_notified', actor: input.actor, clock: deps.clock, allowedIn: COORDINATING,
    apply: (trx, { now }) => write(trx, now, false),
  })
}

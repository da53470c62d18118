import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { translator } from '../platform/i18n/index.js'
import { resolveTimers } from '../deadlines/index.js'
import { listScheduledProvisions, recipientOrganizations, type ProvisionRecord } from './provisions.repository.js'
import { provisionState } from './provision-time.js'

/**
 * Mails the members of every recipient organisation once a provision opens: a pointer to sign in,
 * never the content. Returns how many (provision, organisation) notices this call sent.
 *
 * Work lives in `priority_information_recipients` rows, claimed with FOR UPDATE SKIP LOCKED and
 * marked with the provision time they were mailed for, in one transaction with the queued mail:
 * two concurrent runs (or a restart) never mail an organisation twice for the same time. When the
 * publication date moves after the notice, the provision time moves too and the organisation gets
 * one new notice for the new time when it comes (the old time no longer opens anything).
 */
export async function notifyDueProvisions(deps: Deps): Promise<number> {
  const { db, clock, config } = deps
  const now = clock.now()
  // Only advisories not yet public: after publication a notice would be pointless.
  const due = (await listScheduledProvisions(db, { futureOnlyAfter: now }))
    .map((p) => ({ p, ...provisionState(p.advisory, p.leadBusinessDays, now) }))
    .filter((x) => x.state === 'open')
  let sent = 0
  for (const { p, provideAt } of due) {
    const recipients = await recipientOrganizations(db, p)
    if (recipients.length === 0) continue
    // Sector membership can change at any time, so the rows are made when the provision is due.
    await db.insertInto('priority_information_recipients')
      .values(recipients.map((o) => ({ provision_id: p.id, organization_id: o.id })))
      .onConflict((oc) => oc.columns(['provision_id', 'organization_id']).doNothing()).execute()
    sent += await db.transaction().execute((trx) => noticeClaimed(trx, p, recipients.map((o) => o.id), provideAt!, now, config.publicUrl))
  }
  return sent
}

async function noticeClaimed(trx: DB, p: ProvisionRecord, organizationIds: string[], provideAt: Date, now: Date, publicUrl: string): Promise<number> {
  // The advisory may have moved between the read above and now: check again inside the transaction.
  const advisory = await trx.selectFrom('advisories').select(['status', 'publish_at']).where('id', '=', p.advisoryId).executeTakeFirstOrThrow()
  const current = provisionState({ status: advisory.status, publishAt: advisory.publish_at }, p.leadBusinessDays, now)
  if (current.state !== 'open' || current.provideAt!.getTime() !== provideAt.getTime()) return 0
  const claimed = await trx.selectFrom('priority_information_recipients').select(['organization_id', 'notified_provide_at'])
    .where('provision_id', '=', p.id).where('organization_id', 'in', organizationIds)
    .where((eb) => eb.or([eb('notified_provide_at', 'is', null), eb('notified_provide_at', '!=', provideAt)]))
    .forUpdate().skipLocked().execute()
  // Provided: the deadlines feature's staff clock for this provision has done its job.
  await resolveTimers(trx, { caseId: p.caseId, kinds: ['priority_information_lead'], now, resolution: 'provided' })
  const url = `${publicUrl}/priority-information/provisions/${p.id}`
  for (const row of claimed) {
    const moved = row.notified_provide_at !== null
    const members = await trx.selectFrom('users').select(['email', 'locale'])
      .where('organization_id', '=', row.organization_id).where('disabled_at', 'is', null).execute()
    for (const m of members) {
      const t = translator(m.locale)
      await enqueueMail(trx, {
        to: m.email,
        subject: t(moved ? 'priority_information.mail.moved.subject' : 'priority_information.mail.notice.subject'),
        text: t(moved ? 'priority_information.mail.moved.body' : 'priority_information.mail.notice.body', { url }),
      }, now)
    }
    await trx.updateTable('priority_information_recipients').set({ notified_provide_at: provideAt, notified_at: now })
      .where('provision_id', '=', p.id).where('organization_id', '=', row.organization_id).execute()
  }
  return claimed.length
}

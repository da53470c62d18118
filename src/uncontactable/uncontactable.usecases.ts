import { sql } from 'kysely'
import { fromSingleName } from '../platform/http/bilingual.js'
import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { newId } from '../platform/secrets.js'
import { translator } from '../platform/i18n/index.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { changeCase, transitionProductCase, type Actor } from '../cases/case-events.js'
import { detailsOf } from '../cases/reports.repository.js'
import { uncontactableErrors } from './uncontactable.errors.js'
import { partyProgress } from './contact-policy.js'
import { committeePublications } from './listings.repository.js'
import type { TipInput } from './uncontactable.schemas.js'

/** States in which a single developer of a multi-vendor case can be listed while the case goes on. */
const PARTY_LEVEL_STATES = ['contacting_developer', 'developer_notified', 'investigating', 'fix_in_progress', 'uncontactable', 'committee_review', 'publication_scheduled']
const CASE_LEVEL_STATES = ['contacting_developer', 'developer_notified', 'investigating', 'fix_in_progress']

async function loadParty(db: DB, caseId: string, partyId: string) {
  const party = await db.selectFrom('case_parties').innerJoin('organizations', 'organizations.id', 'case_parties.organization_id')
    .select(['case_parties.id', 'case_parties.status', 'case_parties.organization_id', 'organizations.name_ja', 'organizations.name_en'])
    .where('case_parties.id', '=', partyId).where('case_parties.case_id', '=', caseId).executeTakeFirst()
  if (!party) throw errors.notFound()
  return party
}

/**
 * 連絡不能: declares one developer of a case uncontactable once the contact-attempt policy is met
 * (else 409 `uncontactable.policy_not_met` with the progress), marks the party 'uncontactable'
 * and puts the developer on the public list from this moment. When it was the case's last
 * developer still in play, the case itself moves (`declare_uncontactable`, also for a notified
 * developer who stopped answering); in a multi-vendor case with others still answering only the
 * party is listed (`party_uncontactable`).
 */
export async function declareUncontactable(deps: Deps, input: { caseId: string; partyId: string; actor: Actor; reason: string }): Promise<{ listingId: string; caseStatus: string }> {
  const reason = input.reason.trim()
  if (!reason) throw errors.invalidInput({ fields: { reason: 'Required.' } })
  const party = await loadParty(deps.db, input.caseId, input.partyId)
  if (party.status === 'uncontactable') throw uncontactableErrors.alreadyListed()
  const others = await deps.db.selectFrom('case_parties').select('id').where('case_id', '=', input.caseId)
    .where('id', '!=', input.partyId).where('status', '!=', 'uncontactable').execute()
  const kase = await deps.db.selectFrom('cases').select('status').where('id', '=', input.caseId).executeTakeFirstOrThrow()

  const write = async (trx: DB, now: Date) => {
    // Re-read under the case lock: attempts logged or a listing made meanwhile count.
    const current = await trx.selectFrom('case_parties').select('status').where('id', '=', input.partyId).executeTakeFirstOrThrow()
    if (current.status === 'uncontactable') throw uncontactableErrors.alreadyListed()
    const progress = await partyProgress(trx, { caseId: input.caseId, partyId: input.partyId, now })
    if (!progress.met) throw uncontactableErrors.policyNotMet(progress)
    const report = await trx.selectFrom('reports').select('details').where('case_id', '=', input.caseId).orderBy('submitted_at').executeTakeFirst()
    const details = report ? detailsOf(report) : null
    const listingId = newId()
    await trx.insertInto('uncontactable_listings').values({
      id: listingId, case_id: input.caseId, party_id: input.partyId, organization_id: party.organization_id,
      developer_name_ja: party.name_ja, developer_name_en: party.name_en,
      // The finder's words: the Japanese, and the English too when ASCII (a model number, "1.2.3").
      product_name_ja: details?.productName ?? '', product_name_en: fromSingleName(details?.productName ?? '').en,
      product_versions_ja: details?.productVersion ?? '', product_versions_en: fromSingleName(details?.productVersion ?? '').en,
      reason, listed_at: now, listed_by: input.actor.user?.id ?? null,
    }).execute()
    await trx.updateTable('case_parties').set({ status: 'uncontactable' }).where('id', '=', input.partyId).execute()
    return { partyId: input.partyId, listingId, reason, attempts: progress.attempts }
  }

  if (others.length === 0 && CASE_LEVEL_STATES.includes(kase.status)) {
    const r = await transitionProductCase(deps.db, {
      caseId: input.caseId, action: 'declare_uncontactable', actor: input.actor, clock: deps.clock,
      apply: (trx, { now }) => write(trx, now),
    })
    return { listingId: r.result!.listingId, caseStatus: r.to }
  }
  const r = await changeCase(deps.db, {
    caseId: input.caseId, type: 'party_uncontactable', actor: input.actor, clock: deps.clock, allowedIn: PARTY_LEVEL_STATES,
    apply: (trx, { now }) => write(trx, now),
  })
  return { listingId: r.listingId, caseStatus: kase.status }
}

/**
 * The public's "we know how to reach this developer": stores the tip for the coordinators, logs
 * it on the case, and mails the case's coordinator (or every coordinator) a pointer — never the
 * tip or anything of the case. Only live listings take tips; anything else is 404.
 */
export async function submitTip(deps: Deps, input: { listingId: string; tip: TipInput }): Promise<{ tipId: string }> {
  const listing = await deps.db.selectFrom('uncontactable_listings').select(['id', 'case_id'])
    .where('id', '=', input.listingId).where('ended_at', 'is', null).where('listed_at', '<=', deps.clock.now())
    .where('case_id', 'not in', committeePublications(deps.db, deps.clock.now()).select('advisories.case_id')).executeTakeFirst()
  if (!listing) throw errors.notFound()
  return changeCase(deps.db, {
    caseId: listing.case_id, type: 'uncontactable_tip_received', actor: { user: null, label: 'public' }, clock: deps.clock,
    apply: async (trx, { now }) => {
      const tipId = newId()
      await trx.insertInto('uncontactable_tips').values({
        id: tipId, listing_id: listing.id, case_id: listing.case_id, name: input.tip.name, email: input.tip.email, message: input.tip.message, created_at: now,
      }).execute()
      const kase = await trx.selectFrom('cases').select('coordinator_id').where('id', '=', listing.case_id).executeTakeFirstOrThrow()
      let recipients = trx.selectFrom('users').select(['email', 'locale']).where('disabled_at', 'is', null)
      recipients = kase.coordinator_id ? recipients.where('id', '=', kase.coordinator_id) : recipients.where(sql<boolean>`'coordinator' = any(roles)`)
      const url = `${deps.config.publicUrl}/cases/${listing.case_id}`
      for (const r of await recipients.execute()) {
        const t = translator(r.locale)
        await enqueueMail(trx, { to: r.email, subject: t('uncontactable.mail.tip.subject'), text: t('uncontactable.mail.tip.body', { url }) }, now)
      }
      return { tipId, listingId: listing.id }
    },
  })
}

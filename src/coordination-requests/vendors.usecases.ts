import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { newId } from '../platform/secrets.js'
import { translator } from '../platform/i18n/index.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { changeCase, type Actor } from '../cases/case-events.js'
import { notifyDeveloper } from '../coordination/index.js'
import { coordinationRequestErrors } from './coordination-requests.errors.js'
import type { VendorEntry } from './coordination-requests.schemas.js'

/** States in which coordinators work with developer organisations (as parties.usecases.ts). */
export const COORDINATING = ['accepted', 'contacting_developer', 'uncontactable', 'committee_review', 'developer_notified', 'investigating', 'fix_in_progress', 'publication_scheduled'] as const

const sameName = (a: string | undefined, b: string) => Boolean(a) && a!.normalize('NFKC').toLowerCase() === b.normalize('NFKC').toLowerCase()

/** Finds each entry's organisation — by id, else by name among developers, else creates it — and adds missing contacts. */
async function resolveOrganizations(trx: DB, vendors: VendorEntry[]) {
  const ids = vendors.flatMap((v) => (v.organizationId ? [v.organizationId] : []))
  const known = ids.length ? await trx.selectFrom('organizations').select(['id', 'kind']).where('id', 'in', ids).execute() : []
  vendors.forEach((v, i) => {
    if (v.organizationId && known.find((k) => k.id === v.organizationId)?.kind !== 'developer') throw coordinationRequestErrors.unknownOrganization(i)
  })
  const developers = vendors.some((v) => !v.organizationId)
    ? await trx.selectFrom('organizations').select(['id', 'name_ja', 'name_en']).where('kind', '=', 'developer').execute()
    : []
  const orgIds: string[] = []
  let createdOrganizations = 0
  let createdContacts = 0
  for (const v of vendors) {
    let orgId = v.organizationId
    if (!orgId) {
      const match = developers.find((o) => sameName(v.name?.ja, o.name_ja) || sameName(v.name?.en, o.name_en))
      if (match) orgId = match.id
      else {
        orgId = newId()
        const org = { id: orgId, name_ja: (v.name?.ja ?? v.name?.en)!, name_en: (v.name?.en ?? v.name?.ja)! }
        await trx.insertInto('organizations').values({ ...org, kind: 'developer' }).execute()
        developers.push(org)
        createdOrganizations++
      }
    }
    if (v.contact) {
      const has = await trx.selectFrom('organization_contacts').select('id').where('organization_id', '=', orgId)
        .where('email', '=', v.contact.email).executeTakeFirst()
      if (!has) {
        await trx.insertInto('organization_contacts').values({ id: newId(), organization_id: orgId, name: v.contact.name, email: v.contact.email }).execute()
        createdContacts++
      }
    }
    if (!orgIds.includes(orgId)) orgIds.push(orgId)
  }
  return { orgIds, createdOrganizations, createdContacts }
}

/**
 * Adds many developer organisations to a case at once (coordinator): existing ones by id, new
 * ones by name (reusing a developer of the same name) with an optional contact. Each new party
 * starts `to_contact` with an `unknown` status per vulnerability. One transaction and one
 * `parties_added` event: a bad entry adds nothing.
 */
export async function addVendors(deps: Deps, input: { caseId: string; vendors: VendorEntry[]; actor: Actor }) {
  return changeCase(deps.db, {
    caseId: input.caseId, type: 'parties_added', actor: input.actor, clock: deps.clock, allowedIn: COORDINATING,
    apply: async (trx, { now }) => {
      const { orgIds, createdOrganizations, createdContacts } = await resolveOrganizations(trx, input.vendors)
      const existing = new Set((await trx.selectFrom('case_parties').select('organization_id').where('case_id', '=', input.caseId)
        .where('organization_id', 'in', orgIds).execute()).map((p) => p.organization_id))
      const fresh = orgIds.filter((id) => !existing.has(id)).map((organizationId) => ({ partyId: newId(), organizationId }))
      if (fresh.length) {
        await trx.insertInto('case_parties').values(fresh.map((p) => ({ id: p.partyId, case_id: input.caseId, organization_id: p.organizationId, created_at: now }))).execute()
        const vulns = await trx.selectFrom('vulnerabilities').select('id').where('case_id', '=', input.caseId).execute()
        const statuses = fresh.flatMap((p) => vulns.map((v) => ({ party_id: p.partyId, vulnerability_id: v.id, status: 'unknown' as const, updated_at: now })))
        if (statuses.length) await trx.insertInto('party_vulnerability_statuses').values(statuses).execute()
      }
      return { added: fresh, alreadyParties: existing.size, createdOrganizations, createdContacts }
    },
  })
}

/**
 * Notifies every organisation of the case not yet notified that has a contact (its first one),
 * through the ordinary `notifyDeveloper` — each notification its own transaction, invitation and
 * mail; the first one records the 起算日. Those without a contact are returned, not skipped silently.
 */
export async function notifyAllPending(deps: Deps, input: { caseId: string; actor: Actor }) {
  const kase = await deps.db.selectFrom('cases').select('status').where('id', '=', input.caseId).executeTakeFirstOrThrow()
  if (!(COORDINATING as readonly string[]).includes(kase.status)) throw coordinationRequestErrors.notCoordinating(kase.status)
  const pending = await deps.db.selectFrom('case_parties').select(['id', 'organization_id']).where('case_id', '=', input.caseId)
    .where('notified_at', 'is', null).orderBy('created_at').orderBy('id').execute()
  const contacts = pending.length
    ? await deps.db.selectFrom('organization_contacts').select(['id', 'organization_id'])
      .where('organization_id', 'in', pending.map((p) => p.organization_id)).orderBy('created_at').orderBy('id').execute()
    : []
  const firstContact = new Map<string, string>()
  for (const ct of contacts) if (!firstContact.has(ct.organization_id)) firstContact.set(ct.organization_id, ct.id)
  const notified: string[] = []
  const withoutContact: string[] = []
  for (const p of pending) {
    const contactId = firstContact.get(p.organization_id)
    if (!contactId) { withoutContact.push(p.id); continue }
    // Another coordinator may have notified it since we listed it.
    const still = await deps.db.selectFrom('case_parties').select('id').where('id', '=', p.id).where('notified_at', 'is', null).executeTakeFirst()
    if (!still) continue
    await notifyDeveloper(deps, { caseId: input.caseId, partyId: p.id, contactId, actor: input.actor })
    notified.push(p.id)
  }
  return { notified, withoutContact }
}

/**
 * Reminds every notified organisation that has not answered yet: a pointer to sign in, mailed to
 * its members (or, without members yet, its contacts), and a reminder row per organisation for the
 * vendor matrix's "last contact". One transaction, one `parties_reminded` event.
 */
export async function remindUnanswered(deps: Deps, input: { caseId: string; actor: Actor }) {
  const waiting = await unansweredParties(deps.db, input.caseId)
  if (!waiting.length) return { reminded: [] as string[], mails: 0 }
  return changeCase(deps.db, {
    caseId: input.caseId, type: 'parties_reminded', actor: input.actor, clock: deps.clock, allowedIn: COORDINATING,
    apply: async (trx, { now }) => {
      const parties = await unansweredParties(trx, input.caseId)
      const orgIds = parties.map((p) => p.organization_id)
      const members = orgIds.length ? await trx.selectFrom('users').select(['email', 'locale', 'organization_id'])
        .where('organization_id', 'in', orgIds).where('disabled_at', 'is', null).execute() : []
      const contacts = orgIds.length ? await trx.selectFrom('organization_contacts').select(['email', 'organization_id'])
        .where('organization_id', 'in', orgIds).execute() : []
      const url = `${deps.config.publicUrl}/cases/${input.caseId}`
      let mails = 0
      for (const p of parties) {
        const own = members.filter((m) => m.organization_id === p.organization_id)
        const recipients = own.length
          ? own.map((m) => ({ to: m.email, langs: [m.locale] as const }))
          : [...new Set(contacts.filter((ct) => ct.organization_id === p.organization_id).map((ct) => ct.email))].map((to) => ({ to, langs: ['ja', 'en'] as const }))
        for (const r of recipients) {
          await enqueueMail(trx, {
            to: r.to,
            subject: r.langs.map((l) => translator(l)('coordination_requests.mail.reminder.subject')).join(' / '),
            text: r.langs.map((l) => translator(l)('coordination_requests.mail.reminder.body', { url })).join('\n\n----\n\n'),
          }, now)
        }
        mails += recipients.length
        await trx.insertInto('party_reminders').values({ id: newId(), case_id: input.caseId, party_id: p.id, sent_at: now, recipients: recipients.length, sent_by: input.actor.user?.id ?? null }).execute()
      }
      return { reminded: parties.map((p) => p.id), mails }
    },
  })
}

async function unansweredParties(db: DB, caseId: string) {
  return db.selectFrom('case_parties').select(['id', 'organization_id']).where('case_id', '=', caseId)
    .where('notified_at', 'is not', null).where('response', 'is', null).orderBy('created_at').execute()
}

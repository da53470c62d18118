import type { z } from 'zod'
import type { DB } from '../platform/db/database.js'
import type { Deps } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { newId } from '../platform/secrets.js'
import { describePublicKey, requireUsablePublicKey } from '../platform/mail/openpgp-keys.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { formatDateTime, translator } from '../platform/i18n/index.js'
import { createInvitation } from '../accounts/index.js'
import { addContact } from '../coordination/index.js'
import type { contactSchema } from '../coordination/index.js'
import type { CiOrganizationInput } from './priority-information.schemas.js'

const INVITATION_DAYS = 14

/**
 * Registers a critical-infrastructure organisation (重要インフラ事業者) in its sector, with its optional
 * OpenPGP key (refused when mail cannot be encrypted to it at `now`).
 */
export async function createCiOrganization(db: DB, input: CiOrganizationInput, now: Date): Promise<{ id: string }> {
  if (input.pgpPublicKey) await requireUsablePublicKey(input.pgpPublicKey, now, 'pgpPublicKey')
  const id = newId()
  await db.insertInto('organizations').values({
    id, kind: 'critical_infrastructure', sector: input.sector, name_ja: input.name.ja, name_en: input.name.en, website: input.website ?? null,
    pgp_public_key: input.pgpPublicKey ?? null,
  }).execute()
  return { id }
}

/** Every critical-infrastructure organisation, by sector, with how many member accounts it has. */
export async function listCiOrganizations(db: DB) {
  return db.selectFrom('organizations')
    .select(['organizations.id', 'organizations.name_ja', 'organizations.name_en', 'organizations.sector'])
    .select((eb) => eb.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')).whereRef('users.organization_id', '=', 'organizations.id').as('members'))
    .where('kind', '=', 'critical_infrastructure').orderBy('sector').orderBy('name_ja').execute()
}

async function requireCiOrganization(db: DB, id: string) {
  const org = await db.selectFrom('organizations').select(['id', 'name_ja', 'name_en', 'sector', 'website', 'pgp_public_key'])
    .where('id', '=', id).where('kind', '=', 'critical_infrastructure').executeTakeFirst()
  if (!org) throw errors.notFound()
  return org
}

/** One critical-infrastructure organisation with its contacts and members (404 for any other kind). */
export async function loadCiOrganization(db: DB, id: string) {
  const org = await requireCiOrganization(db, id)
  const contacts = await db.selectFrom('organization_contacts').select(['id', 'name', 'email', 'phone']).where('organization_id', '=', id).orderBy('created_at').execute()
  const members = await db.selectFrom('users').select(['id', 'display_name', 'email']).where('organization_id', '=', id).orderBy('display_name').execute()
  const keyFacts = org.pgp_public_key ? await describePublicKey(org.pgp_public_key) : null
  return { org, contacts, members, keyFacts }
}

export async function addCiContact(db: DB, organizationId: string, input: z.infer<typeof contactSchema>) {
  await requireCiOrganization(db, organizationId)
  return addContact(db, organizationId, input)
}

/**
 * Invites a member of a critical-infrastructure organisation: a single-use, expiring
 * organisation-member invitation, mailed (ja then en) in the same transaction. Only the hash of
 * the link is stored; the link goes to the invitee alone.
 */
export async function inviteCiMember(deps: Deps, input: { organizationId: string; email: string; createdBy: string }): Promise<{ invitationId: string; expiresAt: Date }> {
  const org = await requireCiOrganization(deps.db, input.organizationId)
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86400_000)
  return deps.db.transaction().execute(async (trx) => {
    const { id, path } = await createInvitation(trx, {
      purpose: 'organization_member', now, email: input.email, organizationId: org.id, createdBy: input.createdBy, validDays: INVITATION_DAYS,
    })
    const url = `${deps.config.publicUrl}${path}`
    const text = (['ja', 'en'] as const).map((lang) => {
      const t = translator(lang)
      return t('priority_information.mail.invitation.body', { org: lang === 'ja' ? org.name_ja : org.name_en, url, date: formatDateTime(expiresAt, lang) })
    }).join('\n\n----------\n\n')
    const subject = `${translator('ja')('priority_information.mail.invitation.subject')} / ${translator('en')('priority_information.mail.invitation.subject')}`
    await enqueueMail(trx, { to: input.email, subject, text }, now)
    return { invitationId: id, expiresAt }
  })
}

import type { z } from 'zod'
import type { DB } from '../platform/db/database.js'
import type { OrganizationKind } from '../platform/db/schema.js'
import { newId } from '../platform/secrets.js'
import { errors } from '../platform/errors.js'
import { describePublicKey, requireUsablePublicKey, type PublicKeyFacts } from '../platform/mail/openpgp-keys.js'
import type { contactSchema, organizationSchema } from './coordination.schemas.js'

/**
 * Creates a developer (or other) organisation with its optional OpenPGP key; a key mail cannot be
 * encrypted to at `now` (unreadable, private, expired, revoked, no encryption subkey) is refused.
 */
export async function createOrganization(db: DB, input: Omit<z.infer<typeof organizationSchema>, 'pgpPublicKey'> & { pgpPublicKey?: string; kind?: OrganizationKind; orgType?: string }, now: Date) {
  if (input.pgpPublicKey) await requireUsablePublicKey(input.pgpPublicKey, now, 'pgpPublicKey')
  const id = newId()
  await db.insertInto('organizations').values({
    id, kind: input.kind ?? 'developer', name_ja: input.name.ja, name_en: input.name.en,
    website: input.website ?? null, pgp_public_key: input.pgpPublicKey ?? null, org_type: input.orgType ?? null,
  }).execute()
  return { id }
}

/** The fingerprint and expiry of an organisation's registered key, for its page (null: none, or unreadable). */
export async function organizationKeyFacts(org: { pgp_public_key: string | null }): Promise<PublicKeyFacts | null> {
  return org.pgp_public_key ? describePublicKey(org.pgp_public_key) : null
}

export async function addContact(db: DB, organizationId: string, input: z.infer<typeof contactSchema>) {
  const org = await db.selectFrom('organizations').select('id').where('id', '=', organizationId).executeTakeFirst()
  if (!org) throw errors.notFound()
  const id = newId()
  await db.insertInto('organization_contacts').values({
    id, organization_id: organizationId, name: input.name, email: input.email, phone: input.phone ?? null, note: input.note ?? null,
  }).execute()
  return { id }
}

export async function listOrganizations(db: DB, kind: OrganizationKind = 'developer') {
  return db.selectFrom('organizations').selectAll().where('kind', '=', kind).orderBy('name_ja').execute()
}

export async function loadOrganization(db: DB, id: string) {
  const org = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst()
  if (!org) throw errors.notFound()
  const contacts = await db.selectFrom('organization_contacts').selectAll().where('organization_id', '=', id).orderBy('created_at').execute()
  const members = await db.selectFrom('users').select(['id', 'display_name', 'email']).where('organization_id', '=', id).execute()
  return { org, contacts, members }
}

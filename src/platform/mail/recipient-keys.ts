import { sql } from 'kysely'
import type { DB } from '../db/database.js'

/** Where a recipient's key was registered. */
export type RecipientKey = { armored: string; source: 'organization' | 'report' }

/**
 * The OpenPGP keys mail to `address` is encrypted to, whatever feature sent it:
 * - an address of an organisation (one of its contacts, or a member account) gets the keys of every
 *   such organisation that registered one — staff registered them, nobody else can change them;
 * - any other address gets the key given with the newest report naming it as the finder's address
 *   (none if that report gave none: the finder's latest word counts). For an address that has an
 *   account, only reports filed while signed in to that account count, so nobody can attach a key
 *   to a staff member's or another finder's address by filing a report in their name.
 */
export async function findRecipientKeys(db: DB, address: string): Promise<RecipientKey[]> {
  const email = address.trim().toLowerCase()
  const lower = (column: string) => sql<string>`lower(${sql.ref(column)})`
  const contactOf = await db.selectFrom('organization_contacts').select('organization_id').where(lower('organization_contacts.email'), '=', email).execute()
  const memberOf = await db.selectFrom('users').select('organization_id').where(lower('users.email'), '=', email).execute()
  const organizationIds = [...contactOf, ...memberOf].flatMap((r) => (r.organization_id ? [r.organization_id] : []))
  if (organizationIds.length > 0) {
    const keys = await db.selectFrom('organizations').select('pgp_public_key')
      .where('id', 'in', organizationIds).where('pgp_public_key', 'is not', null).orderBy('id').execute()
    return [...new Set(keys.map((k) => k.pgp_public_key!))].map((armored) => ({ armored, source: 'organization' }))
  }
  const account = await db.selectFrom('users').select('id').where(lower('users.email'), '=', email).executeTakeFirst()
  let reports = db.selectFrom('reports').select('finder_pgp_public_key').where(lower('reports.finder_email'), '=', email)
  if (account) reports = reports.where('finder_user_id', '=', account.id)
  const newest = await reports.orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return newest?.finder_pgp_public_key ? [{ armored: newest.finder_pgp_public_key, source: 'report' }] : []
}

import type { DB } from '../platform/db/database.js'
import type { Lang } from '../platform/i18n/index.js'

/** Someone keikai writes to about a case. `locale: null`: no account yet, so both languages. */
export type CaseRecipient = { email: string; locale: Lang | null }

/**
 * The staff who run a case: whoever took it (`coordinator_id`: the coordinator of a product case,
 * the intake officer who accepted a website case); while nobody has, every coordinator — or, for a
 * website case, every intake officer (coordinators never see website cases).
 */
export async function caseStaffRecipients(db: DB, caseId: string): Promise<CaseRecipient[]> {
  const kase = await db.selectFrom('cases').select(['coordinator_id', 'kind']).where('id', '=', caseId).executeTakeFirstOrThrow()
  const role = kase.kind === 'website' ? 'intake' : 'coordinator'
  let q = db.selectFrom('users').select(['email', 'locale']).where('disabled_at', 'is', null)
  q = kase.coordinator_id ? q.where('id', '=', kase.coordinator_id) : q.where((eb) => eb(eb.val(role), '=', eb.fn.any('roles')))
  return q.execute()
}

/**
 * Who hears from keikai on behalf of organisations that are parties to a case (developers or
 * website operators): their members, and the contacts whose invitation for this case is still
 * unused (they have no account to sign in with yet). One entry per address, members first.
 */
export async function organizationRecipients(db: DB, input: { caseId: string; organizationIds: string[]; now: Date }): Promise<CaseRecipient[]> {
  const orgs = input.organizationIds
  if (!orgs.length) return []
  const members = await db.selectFrom('users').select(['email', 'locale']).where('organization_id', 'in', orgs).where('disabled_at', 'is', null).execute()
  const invited = await db.selectFrom('invitations').select('email').where('case_id', '=', input.caseId).where('organization_id', 'in', orgs)
    .where('purpose', '=', 'organization_member').where('used_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '>', input.now).execute()
  const all: CaseRecipient[] = [...members, ...invited.flatMap((i) => (i.email ? [{ email: i.email, locale: null }] : []))]
  return all.filter((r, i) => all.findIndex((o) => o.email === r.email) === i)
}

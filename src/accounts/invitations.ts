import type { DB } from '../platform/db/database.js'
import type { Role } from '../platform/db/schema.js'
import { hashSecret, newId, newSecret } from '../platform/secrets.js'
import { accountErrors } from './accounts.errors.js'

export type InvitationPurpose = 'first_admin' | 'organization_member' | 'staff'

const DAY = 86400_000

/**
 * Creates a single-use, expiring invitation and returns its secret link path. Only the hash is stored,
 * so the link can be shown or mailed once and revoked at any time.
 */
export async function createInvitation(db: DB, input: {
  purpose: InvitationPurpose; now: Date; email?: string | null; organizationId?: string | null; roles?: Role[]
  caseId?: string | null; createdBy?: string | null; validDays?: number
}): Promise<{ id: string; path: string }> {
  const secret = newSecret()
  const id = newId()
  await db.insertInto('invitations').values({
    id,
    token_hash: hashSecret(secret),
    purpose: input.purpose,
    email: input.email?.toLowerCase() ?? null,
    organization_id: input.organizationId ?? null,
    roles: input.roles ?? [],
    case_id: input.caseId ?? null,
    created_by: input.createdBy ?? null,
    expires_at: new Date(input.now.getTime() + (input.validDays ?? 14) * DAY),
  }).execute()
  return { id, path: `/invitations/${secret}` }
}

/** The open invitation behind a secret, or an error if it is used, expired or revoked. */
export async function findOpenInvitation(db: DB, secret: string, now: Date) {
  const row = await db.selectFrom('invitations').selectAll().where('token_hash', '=', hashSecret(secret)).executeTakeFirst()
  if (!row || row.used_at || row.revoked_at || row.expires_at <= now) throw accountErrors.invitationInvalid()
  return row
}

/** Marks an invitation used; the row lock makes a double submit use it once only. */
export async function consumeInvitation(db: DB, id: string, userId: string, now: Date): Promise<void> {
  const res = await db.updateTable('invitations').set({ used_at: now, used_by: userId })
    .where('id', '=', id).where('used_at', 'is', null).executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw accountErrors.invitationInvalid()
}

import { z } from 'zod'
import type { DB } from '../platform/db/database.js'
import { blankToUndefined } from '../platform/http/validate.js'
import { accountErrors } from './accounts.errors.js'

/** One of the account's API tokens as its owner sees it: never the secret. */
export type TokenSummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null }

/** The form's choices of lifetime in days; null: until revoked. */
export const TOKEN_EXPIRY_CHOICES = [7, 30, 90, 365, null] as const

/** The form: a name and a lifetime from the choices (empty: until revoked). */
export const createTokenFormSchema = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.preprocess(blankToUndefined, z.coerce.number().int().refine((d) => (TOKEN_EXPIRY_CHOICES as readonly (number | null)[]).includes(d), 'Choose one of the lifetimes offered.').optional()),
})

/** The account's tokens that are not revoked (expired ones included, marked by their date), oldest first. */
export async function listTokens(db: DB, userId: string): Promise<TokenSummary[]> {
  const rows = await db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('created_at').orderBy('id').execute()
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at, expiresAt: r.expires_at }))
}

/**
 * Revokes one of the account's own tokens; it is refused from the next request on. Revoking one
 * already revoked is no error; another account's token, or none, is `accounts.token_not_found`.
 */
export async function revokeToken(db: DB, userId: string, tokenId: string, now: Date): Promise<void> {
  const row = await db.selectFrom('api_tokens').select(['id', 'revoked_at']).where('id', '=', tokenId).where('user_id', '=', userId).executeTakeFirst()
  if (!row) throw accountErrors.tokenNotFound()
  if (!row.revoked_at) await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', tokenId).execute()
}

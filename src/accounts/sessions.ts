import type { MiddlewareHandler } from 'hono'
import { getCookie, deleteCookie } from 'hono/cookie'
import type { DB } from '../platform/db/database.js'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { SESSION_COOKIE, setAppCookie } from '../platform/http/cookies.js'
import { hashSecret, newId, newSecret } from '../platform/secrets.js'
import { loadCurrentUser } from './accounts.repository.js'
import { isEnrolled, needsSecondFactor } from './second-factor.js'

const SESSION_HOURS = 12

/** Starts a session for `userId` and sets its cookie. The cookie holds the secret; the table only its hash. */
export async function startSession(c: Ctx, userId: string): Promise<{ csrfToken: string }> {
  const { db, clock } = c.var.deps
  const secret = newSecret()
  const csrf = newSecret()
  await db.insertInto('sessions').values({
    id_hash: hashSecret(secret),
    user_id: userId,
    csrf_token: csrf,
    expires_at: new Date(clock.now().getTime() + SESSION_HOURS * 3600_000),
  }).execute()
  setAppCookie(c, SESSION_COOKIE, secret, SESSION_HOURS * 3600)
  return { csrfToken: csrf }
}

/** Marks the current session as having passed the second factor. */
export async function completeSecondFactor(c: Ctx): Promise<void> {
  const secret = getCookie(c, SESSION_COOKIE)
  if (secret) await c.var.deps.db.updateTable('sessions').set({ second_factor_done: true }).where('id_hash', '=', hashSecret(secret)).execute()
}

export async function endSession(c: Ctx): Promise<void> {
  const secret = getCookie(c, SESSION_COOKIE)
  if (secret) await c.var.deps.db.deleteFrom('sessions').where('id_hash', '=', hashSecret(secret)).execute()
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
}

/** Creates a personal API token; the secret is shown once and stored hashed. Without `expiresAt` it lasts until revoked. */
export async function createApiToken(db: DB, userId: string, name: string, expiresAt: Date | null = null): Promise<{ id: string; token: string }> {
  const token = `kk_${newSecret()}`
  const id = newId()
  await db.insertInto('api_tokens').values({ id, user_id: userId, name, token_hash: hashSecret(token), expires_at: expiresAt }).execute()
  return { id, token }
}

/** Ends every session of an account at once (deactivation, a new password, a reset second factor). */
export async function endSessionsOf(db: DB, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}

/** How stale `last_used_at` may grow before a request writes it again: not a write per request. */
const LAST_USED_GRANULARITY_MS = 60_000

const invalidToken = (code: 'auth.invalid_token' | 'auth.token_expired') =>
  ({ error: { code, message: code === 'auth.token_expired' ? 'The API token has expired.' : 'The API token is not valid.' } })

/** Resolves the user from `Authorization: Bearer` or the session cookie. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, clock } = c.var.deps
  c.set('user', null)
  c.set('authVia', 'none')
  c.set('csrfToken', '')
  c.set('secondFactorPending', false)
  c.set('pendingUser', null)
  const auth = c.req.header('authorization')
  if (auth?.startsWith('Bearer ')) {
    const now = clock.now()
    const row = await db.selectFrom('api_tokens').select(['id', 'user_id', 'expires_at', 'last_used_at'])
      .where('token_hash', '=', hashSecret(auth.slice(7).trim())).where('revoked_at', 'is', null).executeTakeFirst()
    if (row?.expires_at && row.expires_at <= now) return c.json(invalidToken('auth.token_expired'), 401)
    // A deactivated account's tokens are refused like unknown ones (loadCurrentUser returns null).
    const user = row ? await loadCurrentUser(db, row.user_id) : null
    if (!row || !user) return c.json(invalidToken('auth.invalid_token'), 401)
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= LAST_USED_GRANULARITY_MS) {
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute()
    }
    c.set('user', user)
    c.set('authVia', 'token')
    return next()
  }
  const secret = getCookie(c, SESSION_COOKIE)
  if (secret) {
    const session = await db.selectFrom('sessions').select(['user_id', 'csrf_token', 'expires_at', 'second_factor_done'])
      .where('id_hash', '=', hashSecret(secret)).executeTakeFirst()
    if (session && session.expires_at > clock.now()) {
      const user = await loadCurrentUser(db, session.user_id)
      if (user) {
        const pending = !session.second_factor_done && (needsSecondFactor(user.roles) || await isEnrolled(db, user.id))
        c.set('user', pending ? null : user)
        c.set('pendingUser', pending ? user : null)
        c.set('secondFactorPending', pending)
        c.set('authVia', 'session')
        c.set('csrfToken', session.csrf_token)
      }
    }
  }
  return next()
}

import { errors } from '../errors.js'
import type { CurrentUser } from './context.js'
import type { Ctx } from './context.js'

/** The signed-in user, or 401 (pages turn that into a redirect to the login page). */
export function requireUser(c: Ctx): CurrentUser {
  const user = c.var.user
  if (!user) throw errors.unauthenticated()
  return user
}

/**
 * Staff-only areas answer 404 to everyone else who is signed in, so their existence is not
 * advertised; anonymous visitors are sent to sign in.
 */
export function requireAllowed(c: Ctx, allowed: (u: CurrentUser) => boolean): CurrentUser {
  const user = requireUser(c)
  if (!allowed(user)) throw errors.notFound()
  return user
}

/** A same-site path to go to after signing in; anything else (absolute, protocol-relative) goes home. */
export const safeNext = (next: unknown): string =>
  typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/'

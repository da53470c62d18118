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

const SAME_SITE_BASE = 'http://keikai.invalid'

/**
 * A same-site path to go to after signing in; anything else goes home. The raw text must be a
 * path (one `/`, not `//` or `/\`, which browsers read as another host) without control
 * characters or white space of any script (a tab or newline inside `/\t/evil.example` is
 * dropped by the URL parser and leaves `//evil.example`), and the URL parser must agree it
 * stays on this site.
 * The path, query and fragment the parser gives back are what is returned — checked again, since
 * the parser resolves dot segments: `/..//evil.example` comes back as `//evil.example`.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000) return '/'
  if (!/^\/(?![/\\])/.test(next) || /[\u0000-\u0020\u007f-\u009f\s\\]/u.test(next)) return '/'
  try {
    const url = new URL(next, SAME_SITE_BASE)
    const path = `${url.pathname}${url.search}${url.hash}`
    if (url.origin !== SAME_SITE_BASE || !/^\/(?![/\\])/.test(path)) return '/'
    return path
  } catch {
    return '/'
  }
}

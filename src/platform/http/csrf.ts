import { timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { errors } from '../errors.js'
import { newSecret } from '../secrets.js'
import type { AppEnv, Ctx } from './context.js'
import { CSRF_COOKIE, SESSION_COOKIE, setAppCookie } from './cookies.js'
import { parsedForm } from './validate.js'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Paths whose POST only reads public data (the MyJVN API takes its query as a form): no token is asked there. */
let readOnlyPosts: ReadonlySet<string> = new Set()

/** Path prefixes whose POST is authorised by the secret in the path (one-click unsubscribe): no token is asked there either. */
let secretLinkPosts: readonly string[] = []

/** Hands the features' read-only POST paths and secret-link POST prefixes over at start-up (`PlatformFeature`). */
export function installCsrfExemptions(paths: readonly string[], secretLinkPrefixes: readonly string[]): void {
  readOnlyPosts = new Set(paths)
  secretLinkPosts = [...secretLinkPrefixes]
}

/**
 * Every state-changing request that a browser could send with ambient credentials must carry the
 * token rendered into our own forms (field `_csrf`) or the `X-CSRF-Token` header. Requests that
 * authenticate with a bearer token carry no ambient credentials and need none; neither does a JSON
 * request without cookies (a cross-site page cannot send one without a CORS pre-flight).
 * Must run after the session middleware, which sets `csrfToken` for signed-in users.
 */
export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  let expected = c.var.csrfToken
  if (!expected) {
    // A visitor's token comes from their cookie; one is made only when a page renders a form
    // (csrfTokenFor), so a page without forms sets no cookie and stays cacheable.
    const cookie = getCookie(c, CSRF_COOKIE) ?? ''
    expected = TOKEN.test(cookie) ? cookie : ''
    c.set('csrfToken', expected)
  }
  if (!UNSAFE.has(c.req.method) || c.var.authVia === 'token') return next()
  if (c.req.method === 'POST' && (readOnlyPosts.has(c.req.path) || secretLinkPosts.some((p) => c.req.path.startsWith(p)))) return next()
  const contentType = c.req.header('content-type') ?? ''
  const isForm = contentType.startsWith('application/x-www-form-urlencoded') || contentType.startsWith('multipart/form-data')
  const hasCookies = Boolean(getCookie(c, SESSION_COOKIE) || getCookie(c, CSRF_COOKIE))
  if (!isForm && !hasCookies) return next()
  let sent = c.req.header('x-csrf-token')
  if (!sent && isForm) {
    const field = (await parsedForm(c))['_csrf']
    sent = typeof field === 'string' ? field : undefined
  }
  if (!sent || !expected || !safeEqual(sent, expected)) throw errors.csrf()
  return next()
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/

/** The token a form carries: the signed-in session's, the visitor's cookie's, or a new one set in a cookie now. */
export function csrfTokenFor(c: Ctx): string {
  let token = c.var.csrfToken
  if (!token) {
    token = newSecret()
    setAppCookie(c, CSRF_COOKIE, token, 60 * 60 * 24)
    c.set('csrfToken', token)
  }
  return token
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

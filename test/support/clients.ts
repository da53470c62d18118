import type { TestApp } from './test-app.js'
import { createApiToken } from '../../src/accounts/sessions.js'
import { hashPassword } from '../../src/accounts/passwords.js'
import { newId } from '../../src/platform/secrets.js'
import type { Role } from '../../src/platform/db/schema.js'
import { currentCode, needsSecondFactor } from '../../src/accounts/second-factor.js'
import { Secret } from 'otpauth'

/** An API client that authenticates with a personal token (no cookies, no CSRF). */
export function apiClient(t: TestApp, token?: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = {}
    if (token) headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    const res = await t.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    let json: any = undefined
    try { json = text ? JSON.parse(text) : undefined } catch { /* not JSON */ }
    return { status: res.status, json, text, headers: res.headers }
  }
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown = {}) => call('POST', path, body),
    put: (path: string, body: unknown = {}) => call('PUT', path, body),
    delete: (path: string) => call('DELETE', path),
  }
}
export type ApiClient = ReturnType<typeof apiClient>

/** A browser-like client: keeps cookies and sends the CSRF token found in the last page. */
export function browserClient(t: TestApp) {
  const jar = new Map<string, string>()
  let csrf = ''
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const remember = (res: Response) => {
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';')
      const [k, ...v] = pair!.split('=')
      if (/max-age=0/i.test(sc) || /expires=Thu, 01 Jan 1970/i.test(sc)) jar.delete(k!.trim())
      else jar.set(k!.trim(), v.join('='))
    }
  }
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    if (jar.size) headers.set('cookie', cookieHeader())
    const res = await t.app.request(path, { ...init, headers })
    remember(res)
    const text = await res.text()
    const m = text.match(/name="_csrf" value="([^"]+)"/)
    if (m) csrf = m[1]!
    return { status: res.status, text, headers: res.headers, location: res.headers.get('location') }
  }
  return {
    get: (path: string) => request(path),
    /** Posts a form; fetches `fromPage` first when no CSRF token is known yet. */
    post: async (path: string, fields: Record<string, string | Blob | (string | Blob)[]>, opts: { multipart?: boolean; csrf?: string | null } = {}) => {
      if (!csrf && opts.csrf === undefined) await request('/login')
      const token = opts.csrf === undefined ? csrf : opts.csrf
      if (opts.multipart) {
        const fd = new FormData()
        if (token) fd.set('_csrf', token)
        for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item as any)
        return request(path, { method: 'POST', body: fd })
      }
      const params = new URLSearchParams()
      if (token) params.set('_csrf', token)
      for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item))
      return request(path, { method: 'POST', body: params, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    },
    cookies: jar,
  }
}
export type BrowserClient = ReturnType<typeof browserClient>

let passwordHash: Promise<string> | undefined
export const TEST_PASSWORD = 'correct horse battery staple'

/** A user with roles and/or an organisation, plus an API client for them. */
export async function createUser(t: TestApp, opts: { roles?: Role[]; organizationId?: string | null; name?: string; email?: string } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD)
  const id = newId()
  const email = opts.email ?? `${(opts.name ?? 'user').toLowerCase().replace(/\W+/g, '-')}-${id.slice(0, 8)}@example.test`
  // Staff are enrolled in TOTP as they would be after their first sign-in.
  const totpSecret = needsSecondFactor(opts.roles ?? []) ? new Secret({ size: 20 }).base32 : null
  await t.db.insertInto('users').values({
    id, email, display_name: opts.name ?? 'Test user', password_hash: await passwordHash,
    roles: opts.roles ?? [], organization_id: opts.organizationId ?? null, totp_secret: totpSecret,
  }).execute()
  const { token } = await createApiToken(t.db, id, 'test')
  return { id, email, token, totpSecret, api: apiClient(t, token) }
}
export type TestUser = Awaited<ReturnType<typeof createUser>>

/** The newest outbox mail to an address. */
export async function lastMailTo(t: TestApp, to: string) {
  return t.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('created_at', 'desc').orderBy('id').execute()
}

/**
 * The authenticator code a staff member would type now. The clock moves one period first, because
 * a code is accepted only once.
 */
export function totpCode(t: TestApp, user: { totpSecret: string | null }): string {
  t.clock.advance(30_000)
  return currentCode(user.totpSecret!, t.clock.now())
}

/** Signs a browser client in through the forms, with the second factor for staff. */
export async function signInBrowser(t: TestApp, b: BrowserClient, user: { email: string; totpSecret: string | null }) {
  await b.get('/login')
  const res = await b.post('/login', { email: user.email, password: TEST_PASSWORD })
  if (res.location?.startsWith('/login/second-factor')) {
    await b.get(res.location)
    return b.post('/login/second-factor', { code: totpCode(t, user), next: '/' })
  }
  return res
}

/**
 * A party's contact (a developer's or an operator's) registers from the invitation mailed with
 * the case notification, as in life, lands on the case, and gets an API token for what follows;
 * the browser stays signed in.
 */
export async function acceptMailedInvitation(t: TestApp, contactEmail: string, caseId: string, displayName: string) {
  const mail = (await lastMailTo(t, contactEmail))[0]!
  const invitationPath = new URL(mail.body_text.match(/https?:\/\/\S+\/invitations\/\S+/)![0]).pathname
  const browser = browserClient(t)
  await browser.get(invitationPath)
  const created = await browser.post(invitationPath, { displayName, email: contactEmail, password: TEST_PASSWORD })
  if (created.status !== 303 || created.location !== `/cases/${caseId}`) {
    throw new Error(`invitation of ${contactEmail} answered ${created.status} to ${created.location}, not the case`)
  }
  const row = await t.db.selectFrom('users').select('id').where('email', '=', contactEmail).executeTakeFirstOrThrow()
  const { token } = await createApiToken(t.db, row.id, 'story')
  const user: TestUser = { id: row.id, email: contactEmail, token, totpSecret: null, api: apiClient(t, token) }
  return { user, browser, invitationPath }
}

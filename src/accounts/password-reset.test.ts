import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, lastMailTo, signInBrowser, TEST_PASSWORD, type TestUser } from '../../test/support/clients.js'
import { ASK_FLOOR_MS, RESET_MAILS_PER_HOUR } from './password-reset.js'

let t: TestApp
const NEW_PASSWORD = 'a brand new password, long'

beforeAll(async () => { t = await setupTestApp() })
afterAll(async () => { await t.close() })
// One address asks and signs in throughout: these tests are about resets, not the per-address limit.
beforeEach(async () => { await t.db.deleteFrom('rate_limits').execute() })

async function ask(email: string) {
  const b = browserClient(t)
  await b.get('/password/forgot')
  const started = performance.now()
  const res = await b.post('/password/forgot', { email })
  return { ...res, ms: performance.now() - started }
}

/** The reset link in the newest mail to the address, as a path. */
async function linkFor(user: TestUser): Promise<string> {
  const [mail] = await lastMailTo(t, user.email)
  const path = mail?.body_text.match(/http:\/\/keikai\.test(\/password\/reset\/[A-Za-z0-9_-]{43})/)?.[1]
  if (!path) throw new Error(`no reset link mailed to ${user.email}`)
  return path
}

async function setPassword(path: string, password: string) {
  const b = browserClient(t)
  const form = await b.get(path)
  return { form, done: await b.post(path, { password }) }
}

describe('forgot password', () => {
  it('is offered on the sign-in page', async () => {
    expect((await browserClient(t).get('/login')).text).toContain('href="/password/forgot"')
  })

  it('mails a link that sets a new password once, ends every session, and lets the person sign in with it', async () => {
    const finder = await createUser(t, { name: 'Forgetful' })
    const elsewhere = browserClient(t)
    await signInBrowser(t, elsewhere, finder)
    expect((await elsewhere.get('/account')).status).toBe(200)

    const asked = await ask(finder.email)
    expect(asked.status).toBe(200)
    expect(asked.text).toContain('パスワード再設定用のリンクをメールで送りました')
    const [mail] = await lastMailTo(t, finder.email)
    expect(mail!.subject).toBe('【keikai】パスワードの再設定')
    const path = await linkFor(finder)
    const stored = await t.db.selectFrom('password_resets').select('token_hash').where('user_id', '=', finder.id).execute()
    expect(stored.map((r) => r.token_hash)).not.toContain(path.split('/').pop())

    const { form, done } = await setPassword(path, NEW_PASSWORD)
    expect(form.text).toContain(finder.email)
    expect(form.headers.get('cache-control')).toBe('no-store')
    expect(done.status).toBe(200)
    expect(done.text).toContain('パスワードを変更しました')

    expect((await elsewhere.get('/account')).location).toBe('/login?next=/account')
    const b = browserClient(t)
    await b.get('/login')
    expect((await b.post('/login', { email: finder.email, password: TEST_PASSWORD })).status).toBe(400)
    expect((await b.post('/login', { email: finder.email, password: NEW_PASSWORD })).status).toBe(303)

    // used: the link no longer works, to read or to post
    const reused = await browserClient(t).get(path)
    expect(reused.status).toBe(404)
    expect(reused.text).toContain('このパスワード再設定リンクは無効です')
    expect(reused.text).toContain('href="/password/forgot"')
    expect((await setPassword(path, 'yet another password here')).done.status).toBe(404)
  })

  it('keeps the same rules as registration for the new password, and the link stays usable after a refusal', async () => {
    const finder = await createUser(t)
    await ask(finder.email)
    const path = await linkFor(finder)
    const short = await setPassword(path, 'short')
    expect(short.done.status).toBe(400)
    expect((await setPassword(path, NEW_PASSWORD)).done.status).toBe(200)
  })

  it('expires an hour after it was sent', async () => {
    const finder = await createUser(t)
    await ask(finder.email)
    const path = await linkFor(finder)
    t.clock.advance(61 * 60_000)
    expect((await browserClient(t).get(path)).status).toBe(404)
    expect((await setPassword(path, NEW_PASSWORD)).done.status).toBe(404)
  })

  it('answers an unknown address with the same page, and no faster', async () => {
    const finder = await createUser(t)
    const known = await ask(finder.email)
    const unknown = await ask('nobody-here@example.test')
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '')
    expect(strip(unknown.text)).toBe(strip(known.text))
    expect(unknown.status).toBe(known.status)
    expect(known.ms).toBeGreaterThanOrEqual(ASK_FLOOR_MS - 5)
    expect(unknown.ms).toBeGreaterThanOrEqual(ASK_FLOOR_MS - 5)
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(ASK_FLOOR_MS / 2)
    expect(await lastMailTo(t, 'nobody-here@example.test')).toEqual([])
  })

  it('sends nothing for a deactivated account, and a link sent before deactivation stops working', async () => {
    const admin = await createUser(t, { roles: ['admin'] })
    const leaver = await createUser(t)
    await ask(leaver.email)
    const path = await linkFor(leaver)
    await admin.api.post(`/api/v1/admin/users/${leaver.id}/deactivation`)
    const before = (await lastMailTo(t, leaver.email)).length
    expect((await ask(leaver.email)).text).toContain('パスワード再設定用のリンクをメールで送りました')
    expect(await lastMailTo(t, leaver.email)).toHaveLength(before)
    expect((await setPassword(path, NEW_PASSWORD)).done.status).toBe(404)
  })

  it(`sends at most ${RESET_MAILS_PER_HOUR} mails an hour to one account`, async () => {
    const finder = await createUser(t)
    for (let i = 0; i < RESET_MAILS_PER_HOUR + 2; i++) await ask(finder.email)
    expect(await lastMailTo(t, finder.email)).toHaveLength(RESET_MAILS_PER_HOUR)
  })

  it('is rate-limited per client like sign-in', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await browserClient(t).post('/password/forgot', { email: 'flood@example.test' })).status)
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true)
    expect(statuses[10]).toBe(429)
  })

  it('keeps the link out of the administrators\' view of the outbox', async () => {
    const admin = await createUser(t, { roles: ['admin'] })
    const finder = await createUser(t)
    await ask(finder.email)
    const path = await linkFor(finder)
    const [mail] = await lastMailTo(t, finder.email)
    const shown = await admin.api.get(`/api/v1/admin/outbox/${mail!.id}`)
    expect(shown.json.text).toContain('/password/reset/[redacted]')
    expect(shown.json.text).not.toContain(path)
  })
})

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser, TEST_PASSWORD, totpCode, type TestUser } from '../../test/support/clients.js'

let t: TestApp
let admin: TestUser

beforeAll(async () => {
  t = await setupTestApp()
  admin = await createUser(t, { roles: ['admin'], name: 'Chief admin' })
})
afterAll(async () => { await t.close() })
// Every sign-in here comes from one address: these tests are about accounts, not the per-address limit.
beforeEach(async () => { await t.db.deleteFrom('rate_limits').execute() })

type Audit = { action: string; actor: { id: string }; subject: { id: string | null; label: string | null }; before: Record<string, unknown> | null; after: Record<string, unknown> | null }
const auditOf = async (subjectId: string): Promise<Audit[]> =>
  ((await admin.api.get('/api/v1/admin/audit')).json.items as Audit[]).filter((e) => e.subject.id === subjectId)

/** An administrator's browser, signed in with the second factor, on the accounts page. */
async function adminBrowser() {
  const b = browserClient(t)
  await signInBrowser(t, b, admin)
  await b.get('/admin/users')
  return b
}

describe('deactivating an account', () => {
  it('stops its open session, its half-finished sign-in and its API token at the very next request', async () => {
    const coordinator = await createUser(t, { roles: ['coordinator'], name: 'Leaving coordinator' })
    const session = browserClient(t)
    await signInBrowser(t, session, coordinator)
    expect((await session.get('/coordination')).status).toBe(200)
    const halfway = browserClient(t)
    await halfway.get('/login')
    expect((await halfway.post('/login', { email: coordinator.email, password: TEST_PASSWORD })).location).toMatch(/^\/login\/second-factor/)
    expect((await coordinator.api.get('/api/v1/me')).status).toBe(200)

    const b = await adminBrowser()
    expect((await b.post(`/admin/users/${coordinator.id}/deactivate`, {})).location).toBe('/admin/users')

    expect((await session.get('/coordination')).location).toBe('/login?next=%2Fcoordination')
    expect((await halfway.get('/login/second-factor')).status).toBe(404)
    const api = await coordinator.api.get('/api/v1/me')
    expect(api.status).toBe(401)
    expect(api.json.error.code).toBe('auth.invalid_token')
    const list = await b.get('/admin/users')
    expect(list.text).toMatch(new RegExp(`data-account="${coordinator.email}">.*?data-status="disabled"`))
  })

  it('refuses sign-in with a message that says so, and only to whoever gives the right password', async () => {
    const intake = await createUser(t, { roles: ['intake'] })
    await admin.api.post(`/api/v1/admin/users/${intake.id}/deactivation`)
    const b = browserClient(t)
    await b.get('/login')
    const right = await b.post('/login', { email: intake.email, password: TEST_PASSWORD })
    expect(right.status).toBe(403)
    expect(right.text).toContain('このアカウントは無効化されています')
    const wrong = await b.post('/login', { email: intake.email, password: 'not the password at all' })
    expect(wrong.status).toBe(400)
    expect(wrong.text).not.toContain('無効化')
    const api = await t.app.request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: intake.email, password: TEST_PASSWORD }) })
    expect(api.status).toBe(403)
    expect((await api.json()).error.code).toBe('accounts.account_deactivated')
  })

  it('is undone by reactivation: the person signs in again, old tokens stay revoked', async () => {
    const developer = await createUser(t, { name: 'Returning developer' })
    const deactivated = await admin.api.post(`/api/v1/admin/users/${developer.id}/deactivation`)
    expect(deactivated.json).toMatchObject({ id: developer.id, disabled: true })
    const reactivated = await admin.api.post(`/api/v1/admin/users/${developer.id}/reactivation`)
    expect(reactivated.json).toMatchObject({ id: developer.id, disabled: false })
    expect((await signInBrowser(t, browserClient(t), developer)).location).toBe('/')
    expect((await developer.api.get('/api/v1/me')).status).toBe(401)
    expect((await auditOf(developer.id)).map((e) => e.action)).toEqual(['account_reactivated', 'account_deactivated'])
  })
})

describe('the last active administrator', () => {
  it('can neither deactivate themselves nor give up the admin role, on the page or through the API', async () => {
    const b = await adminBrowser()
    const self = await b.post(`/admin/users/${admin.id}/deactivate`, {})
    expect(self.status).toBe(409)
    expect(self.text).toContain('有効な管理者がいなくなるため')
    const demote = await b.post(`/admin/users/${admin.id}/roles`, { roles: 'coordinator' })
    expect(demote.status).toBe(409)
    const api = await admin.api.put(`/api/v1/admin/users/${admin.id}/roles`, { roles: [] })
    expect(api.status).toBe(409)
    expect(api.json.error.code).toBe('admin.last_admin')
    const me = await admin.api.get('/api/v1/me')
    expect(me.json.roles).toEqual(['admin'])
    expect(await auditOf(admin.id)).toEqual([])
  })

  it('may step down once another administrator is active', async () => {
    const deputy = await createUser(t, { roles: ['coordinator'], name: 'Deputy' })
    const promoted = await admin.api.put(`/api/v1/admin/users/${deputy.id}/roles`, { roles: ['coordinator', 'admin'] })
    expect(promoted.json.roles).toEqual(['admin', 'coordinator'])
    const [entry] = await auditOf(deputy.id)
    expect(entry).toMatchObject({ action: 'roles_changed', actor: { id: admin.id }, subject: { label: deputy.email }, before: { roles: ['coordinator'] }, after: { roles: ['admin', 'coordinator'] } })
    // the deputy, deactivated, no longer counts: the chief is the last one again
    await admin.api.post(`/api/v1/admin/users/${deputy.id}/deactivation`)
    expect((await admin.api.put(`/api/v1/admin/users/${admin.id}/roles`, { roles: ['coordinator'] })).status).toBe(409)
    await admin.api.post(`/api/v1/admin/users/${deputy.id}/reactivation`)
    const deputyApi = (await createUser(t, { roles: ['admin'], name: 'Third admin' })).api
    expect((await deputyApi.put(`/api/v1/admin/users/${deputy.id}/roles`, { roles: ['coordinator'] })).status).toBe(200)
  })
})

describe('changing roles', () => {
  it('gives a finder staff powers that need a second factor before they count', async () => {
    const finder = await createUser(t, { name: 'Future intake' })
    const b = browserClient(t)
    await signInBrowser(t, b, finder)
    expect((await b.get('/intake')).status).toBe(404)
    const admins = await adminBrowser()
    expect((await admins.post(`/admin/users/${finder.id}/roles`, { roles: ['intake'] })).location).toBe('/admin/users')
    // the open session must now enrol an authenticator app before anything else
    expect((await b.get('/intake')).location).toBe('/login/second-factor?next=%2Fintake')
    const enrol = await b.get('/login/second-factor')
    const secret = enrol.text.match(/data-testid="totp-secret">([A-Z2-7]+)</)![1]!
    await b.post('/login/second-factor', { code: totpCode(t, { totpSecret: secret }), next: '/intake' })
    expect((await b.get('/intake')).status).toBe(200)
  })

  it('refuses a role the app does not know', async () => {
    const user = await createUser(t)
    const res = await admin.api.put(`/api/v1/admin/users/${user.id}/roles`, { roles: ['superuser'] })
    expect(res.status).toBe(400)
    expect((await admin.api.get(`/api/v1/admin/users/${user.id}`)).json.roles).toEqual([])
  })
})

describe('resetting a lost second factor', () => {
  it('forgets the app and the recovery codes, signs the person out, and has them enrol again at the next sign-in', async () => {
    const coordinator = await createUser(t, { roles: ['coordinator'], name: 'Lost phone' })
    await t.db.insertInto('recovery_codes').values({ user_id: coordinator.id, code_hash: 'x'.repeat(64), created_at: t.clock.now() }).execute()
    const session = browserClient(t)
    await signInBrowser(t, session, coordinator)
    const list = await (await adminBrowser()).get('/admin/users')
    expect(list.text).toContain(`/admin/users/${coordinator.id}/second-factor/reset`)

    const reset = await admin.api.delete(`/api/v1/admin/users/${coordinator.id}/second-factor`)
    expect(reset.json).toMatchObject({ secondFactor: false })
    expect((await session.get('/coordination')).location).toBe('/login?next=%2Fcoordination')
    expect(await t.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', coordinator.id).execute()).toEqual([])

    const again = browserClient(t)
    await again.get('/login')
    await again.post('/login', { email: coordinator.email, password: TEST_PASSWORD })
    const enrol = await again.get('/login/second-factor')
    expect(enrol.text).toContain('data-testid="totp-secret"')
    expect(await auditOf(coordinator.id)).toMatchObject([{ action: 'second_factor_reset', before: { secondFactor: true }, after: { secondFactor: false } }])
  })
})

describe('the audit trail', () => {
  it('shows administrators who did what to whom and when, invitations included, in Japanese and English', async () => {
    const invited = await admin.api.post('/api/v1/admin/invitations', { roles: ['committee'], email: 'member@example.jp' })
    expect(invited.status).toBe(201)
    const page = await t.app.request('/admin/audit', { headers: { authorization: `Bearer ${admin.token}` } })
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('招待を作成')
    expect(html).toContain('member@example.jp')
    expect(html).toContain('公表判定委員')
    expect(html).toContain('役割を変更')
    expect(html).toContain('Chief admin')
    const en = await (await t.app.request('/admin/audit?lang=en', { headers: { authorization: `Bearer ${admin.token}` } })).text()
    expect(en).toContain('Created an invitation')
    expect(en).toContain('Deactivated the account')
    const last = await admin.api.get('/api/v1/admin/audit')
    expect(last.json.items[0]).toMatchObject({ action: 'invitation_created', subject: { label: 'member@example.jp' }, after: { roles: ['committee'] } })
  })

  it('shows each account\'s last sign-in', async () => {
    const finder = await createUser(t)
    expect((await admin.api.get(`/api/v1/admin/users/${finder.id}`)).json.lastSignInAt).toBeNull()
    await signInBrowser(t, browserClient(t), finder)
    expect((await admin.api.get(`/api/v1/admin/users/${finder.id}`)).json.lastSignInAt).toBe(t.clock.now().toISOString())
  })
})

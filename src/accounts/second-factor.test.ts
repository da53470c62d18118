import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser, TEST_PASSWORD, totpCode } from '../../test/support/clients.js'
import { currentCode } from './second-factor.js'
import { createInvitation } from './invitations.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp() })
afterAll(async () => { await t.close() })

describe('the second factor for staff', () => {
  it('withholds staff powers after the password alone, and grants them after the code', async () => {
    const intake = await createUser(t, { roles: ['intake'] })
    const b = browserClient(t)
    await b.get('/login')
    const res = await b.post('/login', { email: intake.email, password: TEST_PASSWORD, next: '/intake' })
    expect(res.location).toBe('/login/second-factor?next=%2Fintake')
    // half signed in is not signed in: the page asks for the code
    const early = await b.get('/intake')
    expect(early.status).toBe(303)
    expect(early.location).toBe('/login/second-factor?next=%2Fintake')
    // a half-signed-in session cannot mint a token that would skip the second factor
    await b.get('/login/second-factor')
    expect((await b.post('/account/tokens', { name: 'sneaky' })).status).toBe(409)
    expect((await b.post('/login/second-factor', { code: '000000', next: '/intake' })).status).toBe(400)
    const ok = await b.post('/login/second-factor', { code: totpCode(t, intake), next: '/intake' })
    expect(ok.location).toBe('/intake')
    expect((await b.get('/intake')).status).toBe(200)
  })

  it('accepts each code only once', async () => {
    const coordinator = await createUser(t, { roles: ['coordinator'] })
    const first = browserClient(t)
    await signInBrowser(t, first, coordinator)
    const code = currentCode(coordinator.totpSecret!, t.clock.now())
    const second = browserClient(t)
    await second.get('/login')
    await second.post('/login', { email: coordinator.email, password: TEST_PASSWORD })
    await second.get('/login/second-factor')
    expect((await second.post('/login/second-factor', { code })).status).toBe(400)
  })

  it('enrols a new staff member from an invitation with a QR code', async () => {
    const inv = await createInvitation(t.db, { purpose: 'staff', roles: ['coordinator'], now: t.clock.now() })
    const b = browserClient(t)
    await b.get(inv.path)
    const created = await b.post(inv.path, { displayName: 'New Coordinator', email: 'newcoord@example.test', password: TEST_PASSWORD })
    // the way on is the coordinator's start page, their own cases
    expect(created.location).toBe('/login/second-factor?next=%2Fcoordination%3Fmine%3D1')
    const enrol = await b.get('/login/second-factor')
    expect(enrol.text).toContain('data:image/svg+xml;base64,')
    const secret = enrol.text.match(/data-testid="totp-secret">([A-Z2-7]+)</)![1]!
    const ok = await b.post('/login/second-factor', { code: totpCode(t, { totpSecret: secret }) })
    // enrolled: the recovery codes are shown once, then the way on
    expect(ok.status).toBe(200)
    expect(ok.text.match(/<li><code class="secret">[a-z2-9]{5}-[a-z2-9]{5}<\/code><\/li>/g)).toHaveLength(10)
    expect(ok.text).toContain('<a href="/coordination?mine=1">')
    expect((await b.get('/coordination')).status).toBe(200)
    const user = await t.db.selectFrom('users').select(['totp_secret', 'totp_pending_secret']).where('email', '=', 'newcoord@example.test').executeTakeFirstOrThrow()
    expect(user).toEqual({ totp_secret: secret, totp_pending_secret: null })
  })

  it('asks no second factor of finders and developers', async () => {
    const finder = await createUser(t)
    const b = browserClient(t)
    const res = await signInBrowser(t, b, finder)
    expect(res.location).toBe('/')
  })

  it('works through the API: session, then code', async () => {
    const intake = await createUser(t, { roles: ['intake'] })
    const login = await t.app.request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: intake.email, password: TEST_PASSWORD }) })
    const body = await login.json()
    expect(body.secondFactorRequired).toBe(true)
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const headers = { cookie, 'content-type': 'application/json', 'x-csrf-token': body.csrfToken }
    expect((await t.app.request('/api/v1/intake/queue', { headers })).status).toBe(401)
    const done = await t.app.request('/api/v1/session/second-factor', { method: 'POST', headers, body: JSON.stringify({ code: totpCode(t, intake) }) })
    expect(done.status).toBe(200)
    expect((await t.app.request('/api/v1/intake/queue', { headers })).status).toBe(200)
  })
})

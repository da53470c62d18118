import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser, TEST_PASSWORD, totpCode } from '../../test/support/clients.js'
import { safeNext } from '../platform/http/guards.js'
import { FORGET_AFTER_MS, MAX_WAIT_MS } from './sign-in-throttle.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-01T01:00:00Z' }) })
afterAll(async () => { await t.close() })

let address = 0
/** POST /api/v1/session from a new client address each time, as a distributed guesser would. */
async function signIn(email: string, password: string) {
  address++
  const env = { incoming: { socket: { remoteAddress: `198.51.100.${address % 250}` } } }
  const res = await t.app.request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) }, env)
  return { status: res.status, retryAfter: res.headers.get('retry-after'), json: await res.json() as { error?: { code: string } } }
}

describe('password guessing against one account from many addresses', () => {
  it('lets five failures pass, then makes every try wait, longer each time, refusing even the right password while it waits', async () => {
    const owner = await createUser(t)
    for (let i = 0; i < 5; i++) expect((await signIn(owner.email, `guess-${i}`)).status).toBe(401)
    expect((await signIn(owner.email, 'guess-5')).status).toBe(401) // the sixth failure earns a minute's wait
    const waiting = await signIn(owner.email, TEST_PASSWORD)
    expect(waiting.status).toBe(429)
    expect(waiting.json.error!.code).toBe('accounts.sign_in_throttled')
    expect(Number(waiting.retryAfter)).toBe(60)
    t.clock.advance(61_000)
    expect((await signIn(owner.email, 'guess-6')).status).toBe(401) // now two minutes
    t.clock.advance(61_000)
    expect(Number((await signIn(owner.email, TEST_PASSWORD)).retryAfter)).toBe(59)
    t.clock.advance(60_000)
    expect((await signIn(owner.email, TEST_PASSWORD)).status).toBe(200)
    // success forgets: the next typo costs nothing
    expect((await signIn(owner.email, 'typo')).status).toBe(401)
    expect((await signIn(owner.email, TEST_PASSWORD)).status).toBe(200)
  })

  it('never holds the owner off for more than fifteen minutes after the last counted failure', async () => {
    const owner = await createUser(t)
    for (let i = 0; i < 20; i++) {
      const r = await signIn(owner.email, `guess-${i}`)
      expect(r.status).toBe(401)
      const wait = await signIn(owner.email, 'another guess')
      if (i >= 5) expect(Number(wait.retryAfter) * 1000).toBeLessThanOrEqual(MAX_WAIT_MS)
      t.clock.advance(MAX_WAIT_MS + 1000)
    }
    expect((await signIn(owner.email, TEST_PASSWORD)).status).toBe(200)
  })

  it('forgets the failures after a quiet day: a typo long after an attack costs the owner nothing', async () => {
    const owner = await createUser(t)
    for (let i = 0; i < 12; i++) { await signIn(owner.email, `guess-${i}`); t.clock.advance(MAX_WAIT_MS) }
    t.clock.advance(FORGET_AFTER_MS)
    expect((await signIn(owner.email, 'typo')).status).toBe(401)
    expect((await signIn(owner.email, TEST_PASSWORD)).status).toBe(200)
  })

  it('answers for an address without an account exactly as for one with', async () => {
    const owner = await createUser(t)
    const answers = async (email: string) => {
      const seen: string[] = []
      for (let i = 0; i < 7; i++) { const r = await signIn(email, `guess-${i}`); seen.push(`${r.status} ${r.json.error?.code} ${r.retryAfter}`) }
      return seen
    }
    expect(await answers(`nobody-${Date.now()}@example.test`)).toEqual(await answers(owner.email))
  })

  it('says on the sign-in page, in the page\'s language, how long to wait', async () => {
    const owner = await createUser(t)
    for (let i = 0; i < 6; i++) await signIn(owner.email, `guess-${i}`)
    const b = browserClient(t)
    await b.get('/login')
    const page = await b.post('/login', { email: owner.email.toUpperCase(), password: TEST_PASSWORD })
    expect(page.status).toBe(429)
    expect(page.headers.get('retry-after')).toBe('60')
    expect(page.text).toContain('1 分後に再度お試しください')
  })
})

describe('a second factor for every account', () => {
  it('a finder turns it on at /account; signing in then asks for the code before anything of theirs is shown', async () => {
    const finder = await createUser(t)
    const b = browserClient(t)
    await signInBrowser(t, b, finder)
    expect((await b.get('/account')).text).toContain('data-section="second-factor"')
    const enrol = await b.get('/account/second-factor')
    const secret = enrol.text.match(/data-testid="totp-secret">([A-Z2-7]+)</)![1]!
    expect((await b.post('/account/second-factor', { code: '000000' })).status).toBe(400)
    const on = await b.post('/account/second-factor', { code: totpCode(t, { totpSecret: secret }) })
    expect(on.status).toBe(200)
    expect(on.text.match(/<li><code class="secret">[a-z2-9]{5}-[a-z2-9]{5}<\/code><\/li>/g)).toHaveLength(10)
    expect(on.headers.get('cache-control')).toBe('no-store')
    // still signed in in this browser
    expect((await b.get('/my/reports')).status).toBe(200)

    const other = browserClient(t)
    await other.get('/login')
    const pwd = await other.post('/login', { email: finder.email, password: TEST_PASSWORD, next: '/my/reports' })
    expect(pwd.location).toBe('/login/second-factor?next=%2Fmy%2Freports')
    const early = await other.get('/my/reports')
    expect(early.status).toBe(303)
    expect(early.location).toBe('/login/second-factor?next=%2Fmy%2Freports')
    await other.get('/login/second-factor')
    const done = await other.post('/login/second-factor', { code: totpCode(t, { totpSecret: secret }), next: '/my/reports' })
    expect(done.location).toBe('/my/reports')
    expect((await other.get('/my/reports')).status).toBe(200)

    // off again: password and a current code
    await b.get('/account')
    expect((await b.post('/account/second-factor/disable', { password: 'wrong password!!', code: totpCode(t, { totpSecret: secret }) })).status).toBe(400)
    const off = await b.post('/account/second-factor/disable', { password: TEST_PASSWORD, code: totpCode(t, { totpSecret: secret }) })
    expect(off.location).toBe('/account')
    const third = browserClient(t)
    expect((await signInBrowser(t, third, finder)).location).toBe('/')
  })

  it('through the API: enrolment, confirmation, and staff cannot turn it off', async () => {
    const developer = await createUser(t, { organizationId: null })
    expect((await developer.api.get('/api/v1/account/second-factor')).json).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 })
    const start = await developer.api.post('/api/v1/account/second-factor')
    expect(start.json.uri).toMatch(/^otpauth:\/\/totp\//)
    const confirmed = await developer.api.post('/api/v1/account/second-factor/confirmation', { code: totpCode(t, { totpSecret: start.json.secret }) })
    expect(confirmed.json.enabled).toBe(true)
    expect(confirmed.json.recoveryCodes).toHaveLength(10)
    expect((await developer.api.get('/api/v1/account/second-factor')).json).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 })
    const login = await signIn(developer.email, TEST_PASSWORD)
    expect(login.json).toMatchObject({ secondFactorRequired: true })

    const coordinator = await createUser(t, { roles: ['coordinator'] })
    const refused = await coordinator.api.delete('/api/v1/account/second-factor')
    expect(refused.status).toBe(400) // no password and code given
    const b = browserClient(t)
    await signInBrowser(t, b, coordinator)
    const page = await b.get('/account')
    expect(page.text).not.toContain('/account/second-factor/disable')
    const stillOn = await b.post('/account/second-factor/disable', { password: TEST_PASSWORD, code: totpCode(t, coordinator) })
    expect(stillOn.status).toBe(400)
    expect(stillOn.text).toContain('二要素認証を無効にできません')
  })
})

describe('the return address after signing in', () => {
  it('accepts only paths on this site, whatever a browser would read as another host', () => {
    for (const bad of ['/\\evil.example', '//evil.example', '/\t/evil.example', '/\n/evil.example', '\t//evil.example', 'https://evil.example', 'javascript:alert(1)', '/\\/evil.example', 'evil.example', ' /intake', '']) {
      expect(safeNext(bad), JSON.stringify(bad)).toBe('/')
    }
    for (const good of ['/intake', '/cases/abc?tab=report#advisory', '/advisories?q=%E8%84%86%E5%BC%B1']) expect(safeNext(good)).toBe(good)
  })

  it('does not let dot segments collapse a path into another host (/..//evil.example resolves to //evil.example)', () => {
    for (const bad of ['/..//evil.example', '/.//evil.example', '/a/..//evil.example', '/%2e%2e//evil.example', '/.%2E//evil.example', '/x/../..//evil.example?a=1']) {
      expect(safeNext(bad), bad).toBe('/')
    }
    expect(safeNext('/cases/../intake?x=1')).toBe('/intake?x=1')
  })

  it('keeps percent-encoded tricks (%09, %0A, %5C, %2F) inside this site, where browsers do not decode them into a host', () => {
    const base = 'http://keikai.invalid'
    for (const encoded of ['/%09/evil.example', '/%0a/evil.example', '/%5Cevil.example', '/%2F%2Fevil.example', '/%09%09//evil.example', '/x?next=//evil.example']) {
      const next = safeNext(encoded)
      expect(next, encoded).toMatch(/^\/(?![/\\])/)
      expect(new URL(next, base).origin, encoded).toBe(base)
      // and as a browser resolves the Location header against another page of the site
      expect(new URL(next, `${base}/login`).host, encoded).toBe('keikai.invalid')
    }
    for (const raw of ['/\r\n/evil.example', '/\u0000/evil.example', '/\u00a0/evil.example', '/\u2028/evil.example', '/\u3000evil.example', '\\/evil.example']) expect(safeNext(raw), JSON.stringify(raw)).toBe('/')
  })

  it('sends a sign-in with a tricky return address home', async () => {
    const finder = await createUser(t)
    const b = browserClient(t)
    await b.get('/login')
    const res = await b.post('/login', { email: finder.email, password: TEST_PASSWORD, next: '/\\evil.example' })
    expect(res.location).toBe('/')
    const again = browserClient(t)
    await again.get('/login')
    expect((await again.post('/login', { email: finder.email, password: TEST_PASSWORD, next: '/..//evil.example' })).location).toBe('/')
  })
})

describe('guesses sent all at once', () => {
  it('checks at most one password beyond the free five when many tries for one account arrive together', async () => {
    const owner = await createUser(t)
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(owner.email, `burst-${i}`)))
    const checked = answers.filter((a) => a.status === 401).length
    expect(checked).toBe(6)
    expect(answers.filter((a) => a.status === 429)).toHaveLength(14)
  })
})

describe('guessing the second-factor code of an account whose password is known', () => {
  /** Signs in with the password from a new address, then sends one code on that half-finished session. */
  async function tryCode(email: string, code: string) {
    address++
    const env = { incoming: { socket: { remoteAddress: `203.0.113.${address % 250}` } } }
    const login = await t.app.request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: TEST_PASSWORD }) }, env)
    const body = await login.json() as { csrfToken: string }
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const res = await t.app.request('/api/v1/session/second-factor', { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': body.csrfToken }, body: JSON.stringify({ code }) }, env)
    return { status: res.status, retryAfter: res.headers.get('retry-after') }
  }

  it('is limited per account, not per address: new addresses, sessions and password sign-ins do not buy more guesses', async () => {
    const finder = await createUser(t)
    const enrol = await finder.api.post('/api/v1/account/second-factor')
    await finder.api.post('/api/v1/account/second-factor/confirmation', { code: totpCode(t, { totpSecret: enrol.json.secret }) })
    t.clock.advance(300_000) // a new five-minute window: enrolling counted in this account's bucket too
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await tryCode(finder.email, '000000')).status)
    // five free wrong codes, the sixth earns a wait; each try signed in with the right password first
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 429, 429, 429, 429, 429, 429])
    const refused = await tryCode(finder.email, totpCode(t, { totpSecret: enrol.json.secret }))
    expect(refused.status).toBe(429)
    expect(Number(refused.retryAfter)).toBeGreaterThan(0)
    // the window passes: the owner with the right code gets in
    t.clock.advance(300_000)
    expect((await tryCode(finder.email, totpCode(t, { totpSecret: enrol.json.secret }))).status).toBe(200)
  })

  it('backs off like passwords: each further wrong code doubles the wait, the right one forgets them', async () => {
    const finder = await createUser(t)
    const secret = (await finder.api.post('/api/v1/account/second-factor')).json.secret as string
    await finder.api.post('/api/v1/account/second-factor/confirmation', { code: totpCode(t, { totpSecret: secret }) })
    for (let i = 0; i < 6; i++) {
      if (i % 3 === 0) t.clock.advance(300_000) // a new window each few tries: only the back-off holds them
      expect((await tryCode(finder.email, '000000')).status).toBe(400)
    }
    t.clock.advance(300_000)
    const right = totpCode(t, { totpSecret: secret }) // (moves the clock on by one code period first)
    expect((await tryCode(finder.email, '000000')).status).toBe(400) // the seventh: two minutes now
    const waiting = await tryCode(finder.email, right)
    expect(waiting.status).toBe(429)
    expect(waiting.retryAfter).toBe('120')
    t.clock.advance(121_000)
    expect((await tryCode(finder.email, totpCode(t, { totpSecret: secret }))).status).toBe(200)
    t.clock.advance(30_000)
    expect((await tryCode(finder.email, '000000')).status).toBe(400)
    expect((await tryCode(finder.email, totpCode(t, { totpSecret: secret }))).status).toBe(200) // one typo costs nothing again
  })

  it('tells the browser in its language how long to wait for the code step', async () => {
    const finder = await createUser(t)
    const secret = (await finder.api.post('/api/v1/account/second-factor')).json.secret as string
    await finder.api.post('/api/v1/account/second-factor/confirmation', { code: totpCode(t, { totpSecret: secret }) })
    t.clock.advance(300_000)
    const right = totpCode(t, { totpSecret: secret }) // (moves the clock on by one code period first)
    for (let i = 0; i < 6; i++) await tryCode(finder.email, '000000')
    const b = browserClient(t)
    await b.get('/login')
    await b.post('/login', { email: finder.email, password: TEST_PASSWORD })
    await b.get('/login/second-factor')
    const page = await b.post('/login/second-factor', { code: right })
    expect(page.status).toBe(429)
    expect(page.headers.get('retry-after')).toBe('60')
    expect(page.text).toContain('誤ったコードが続いたため')
    expect(page.text).toContain('1 分後に再度お試しください')
  })
})

describe('the password asked again to turn the second factor off or remake recovery codes', () => {
  it('backs off as at sign-in, so a stolen session or token cannot try passwords there faster', async () => {
    const finder = await createUser(t)
    const secret = (await finder.api.post('/api/v1/account/second-factor')).json.secret as string
    await finder.api.post('/api/v1/account/second-factor/confirmation', { code: totpCode(t, { totpSecret: secret }) })
    t.clock.advance(300_000) // a fresh fixed window: only the back-off may refuse below
    const statuses: number[] = []
    const remake = (password: string, code: string) => finder.api.post('/api/v1/account/second-factor/recovery-codes', { password, code })
    for (let i = 0; i < 7; i++) statuses.push((await remake(`guess-${i}`, '000000')).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429])
    const code = totpCode(t, { totpSecret: secret }) // (moves the clock on by 30 s)
    const right = await remake(TEST_PASSWORD, code)
    expect(right.status).toBe(429) // the right password too, while the account waits
    expect(right.json.error.code).toBe('accounts.sign_in_throttled')
    expect(right.headers.get('retry-after')).toBe('30')
    // the same count as signing in: the guesses here make sign-in wait too
    expect((await signIn(finder.email, TEST_PASSWORD)).status).toBe(429)
    t.clock.advance(31_000)
    expect((await remake(TEST_PASSWORD, totpCode(t, { totpSecret: secret }))).status).toBe(201)
  })

  it('answers the browser form with 429 and Retry-After while the account waits', async () => {
    const finder = await createUser(t)
    const b = browserClient(t)
    await signInBrowser(t, b, finder)
    await b.get('/account/second-factor').then((p) => b.post('/account/second-factor', { code: totpCode(t, { totpSecret: p.text.match(/data-testid="totp-secret">([A-Z2-7]+)</)![1]! }) }))
    t.clock.advance(300_000)
    for (let i = 0; i < 6; i++) await signIn(finder.email, `guess-${i}`)
    await b.get('/account')
    const page = await b.post('/account/second-factor/disable', { password: TEST_PASSWORD, code: '000000' })
    expect(page.status).toBe(429)
    expect(page.headers.get('retry-after')).toBe('60')
    expect(page.text).toContain('1 分後に再度お試しください')
  })
})

describe('the limit on the second-factor settings', () => {
  it('counts each request once: ten tries in five minutes, the eleventh waits', async () => {
    const finder = await createUser(t)
    t.clock.advance(300_000) // a fresh window
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await finder.api.post('/api/v1/account/second-factor')).status)
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true)
    expect(statuses[10]).toBe(429)
  })
})

describe('recovery codes for a lost authenticator app', () => {
  /** A finder with the second factor on through the API; returns the secret and the recovery codes. */
  async function enrolledFinder() {
    const finder = await createUser(t)
    const start = await finder.api.post('/api/v1/account/second-factor')
    const confirmed = await finder.api.post('/api/v1/account/second-factor/confirmation', { code: totpCode(t, { totpSecret: start.json.secret }) })
    t.clock.advance(30_000)
    return { finder, secret: start.json.secret as string, codes: confirmed.json.recoveryCodes as string[] }
  }

  /** Signs in with the password in a new browser and gives `code` at the second step. */
  async function signInWithCode(email: string, code: string) {
    const b = browserClient(t)
    await b.get('/login')
    await b.post('/login', { email, password: TEST_PASSWORD, next: '/my/reports' })
    const step = await b.get('/login/second-factor?next=%2Fmy%2Freports')
    const done = await b.post('/login/second-factor', { code, next: '/my/reports' })
    return { b, step, done }
  }

  it('sign a finder in once each, in any case and spacing, and the account page counts what is left', async () => {
    const { finder, codes } = await enrolledFinder()
    const { b, step, done } = await signInWithCode(finder.email, ` ${codes[0]!.toUpperCase().replace('-', ' ')} `)
    expect(step.text).toContain('data-section="recovery-code-sign-in"')
    expect(done.location).toBe('/my/reports')
    expect((await b.get('/my/reports')).status).toBe(200)
    expect((await b.get('/account')).text).toMatch(/data-testid="recovery-codes-left">[^<]*9/)
    // spent: the same code does not work twice
    expect((await signInWithCode(finder.email, codes[0]!)).done.status).toBe(400)
    expect((await signInWithCode(finder.email, codes[1]!)).done.location).toBe('/my/reports')
  })

  it('are replaced when remade (password and a code), and forgotten when the second factor is turned off', async () => {
    const { finder, secret, codes } = await enrolledFinder()
    expect((await finder.api.post('/api/v1/account/second-factor/recovery-codes', { password: 'wrong password!!', code: totpCode(t, { totpSecret: secret }) })).status).toBe(401)
    const remade = await finder.api.post('/api/v1/account/second-factor/recovery-codes', { password: TEST_PASSWORD, code: codes[0] })
    expect(remade.status).toBe(201)
    const fresh = remade.json.recoveryCodes as string[]
    expect(fresh).toHaveLength(10)
    expect((await signInWithCode(finder.email, codes[1]!)).done.status).toBe(400) // the old ones stopped working
    // off with the password and a recovery code (the app is lost), then the codes are gone
    const { b } = await signInWithCode(finder.email, fresh[0]!)
    await b.get('/account')
    expect((await b.post('/account/second-factor/disable', { password: TEST_PASSWORD, code: fresh[1]! })).location).toBe('/account')
    expect(await t.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', finder.id).execute()).toEqual([])
    expect((await signInBrowser(t, browserClient(t), finder)).location).toBe('/')
  })

  it('cannot stand in for the code that confirms a new authenticator app', async () => {
    const { finder, secret, codes } = await enrolledFinder()
    const { b } = await signInWithCode(finder.email, totpCode(t, { totpSecret: secret }))
    await b.get('/account')
    const off = await b.post('/account/second-factor/disable', { password: TEST_PASSWORD, code: codes[0]! })
    expect(off.location).toBe('/account')
    await b.get('/account/second-factor')
    expect((await b.post('/account/second-factor', { code: codes[1]! })).status).toBe(400)
  })
})

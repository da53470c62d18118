import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createUser, totpCode, TEST_PASSWORD, type TestUser } from '../support/clients.js'
import { clickAndWait, expectNoErrorBanner, mainText, signIn, startBrowserApp, type BrowserApp, type Person } from './browser.js'

/**
 * Accounts an administrator can run, in a real browser (issue 9): a coordinator deactivated while
 * signed in, a forgotten password reset by mail, API tokens revoked and expired, and the page each
 * role lands on after signing in.
 */

const STEP = 60_000
const NOW = '2026-04-15T01:00:00Z' // 10:00 in Japan
const NEW_PASSWORD = 'my new and much longer password'

let b: BrowserApp

beforeAll(async () => {
  b = await startBrowserApp({ now: NOW })
})
afterAll(async () => {
  await b?.close()
})

async function signedIn(user: TestUser): Promise<Person> {
  // Every person here signs in from 127.0.0.1: these steps are about accounts, not the per-address limit.
  await b.t.db.deleteFrom('rate_limits').execute()
  const person = await b.person()
  await signIn(person.page, user.email, TEST_PASSWORD, () => totpCode(b.t, user))
  return person
}

/** Calls the API over the network with a bearer token, as a script would. */
async function apiWith(token: string, path = '/api/v1/me') {
  const res = await fetch(`${b.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
  return { status: res.status, json: await res.json() as { error?: { code: string } } }
}

const here = (page: Page) => { const u = new URL(page.url()); return `${u.pathname}${u.search}` }

describe('an administrator deactivates a coordinator', () => {
  it('ends the coordinator\'s open browser session and API token at the next request, and sign-in says why', { timeout: STEP }, async () => {
    const admin = await createUser(b.t, { roles: ['admin'], name: '管理者 佐藤' })
    const coordinator = await createUser(b.t, { roles: ['coordinator'], name: '調整 鈴木' })
    const working = await signedIn(coordinator)
    await working.page.goto('/coordination')
    expect(here(working.page)).toBe('/coordination')
    expect((await apiWith(coordinator.token)).status).toBe(200)

    const { page } = await signedIn(admin)
    expect(here(page)).toBe('/admin/users')
    const row = page.locator(`tr[data-account="${coordinator.email}"]`)
    await clickAndWait(page, row.getByRole('button', { name: `${coordinator.email} を無効化` }))
    await expectNoErrorBanner(page)
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('disabled')

    await working.page.reload()
    expect(new URL(working.page.url()).pathname).toBe('/login')
    const api = await apiWith(coordinator.token)
    expect(api.status).toBe(401)
    expect(api.json.error?.code).toBe('auth.invalid_token')

    await working.page.getByLabel('メールアドレス').fill(coordinator.email)
    await working.page.getByLabel('パスワード').fill(TEST_PASSWORD)
    await clickAndWait(working.page, working.page.getByRole('button', { name: 'ログイン' }))
    expect(await working.page.locator('.error[role=alert]').innerText()).toContain('このアカウントは無効化されています')

    await page.goto('/admin/audit')
    const entry = page.getByTestId('audit').locator('tr[data-action="account_deactivated"]')
    expect(await entry.innerText()).toContain(coordinator.email)
    expect(await entry.innerText()).toContain('管理者 佐藤')
  })
})

describe('a forgotten password', () => {
  it('is reset from a mailed link that works once; an unknown address gets the same page', { timeout: STEP }, async () => {
    const finder = await createUser(b.t, { name: '発見者 田中' })
    await b.t.db.deleteFrom('rate_limits').execute()
    const { page } = await b.person()
    await page.goto('/login')
    await clickAndWait(page, page.getByRole('link', { name: 'パスワードを忘れた方' }))
    await page.getByLabel('メールアドレス').fill(finder.email)
    await clickAndWait(page, page.getByRole('button', { name: '再設定リンクを送る' }))
    const answer = await page.getByTestId('reset-asked').innerText()

    const mail = await b.t.db.selectFrom('mail_outbox').select('body_text').where('to_address', '=', finder.email).orderBy('created_at', 'desc').executeTakeFirstOrThrow()
    const link = mail.body_text.match(new RegExp(`${b.baseUrl}/password/reset/[A-Za-z0-9_-]+`))?.[0]
    expect(link).toBeDefined()
    await page.goto(link!)
    expect(await mainText(page)).toContain(finder.email)
    await page.getByLabel('新しいパスワード').fill(NEW_PASSWORD)
    await clickAndWait(page, page.getByRole('button', { name: 'パスワードを設定' }))
    expect(await page.getByTestId('password-reset-done').innerText()).toContain('パスワードを変更しました')

    await signIn(page, finder.email, NEW_PASSWORD)
    expect(here(page)).toBe('/')

    await page.goto(link!)
    expect(await page.locator('.error[role=alert]').innerText()).toContain('このパスワード再設定リンクは無効です')

    const stranger = (await b.person()).page
    await stranger.goto('/password/forgot')
    await stranger.getByLabel('メールアドレス').fill('no-such-person@example.test')
    await clickAndWait(stranger, stranger.getByRole('button', { name: '再設定リンクを送る' }))
    expect(await stranger.getByTestId('reset-asked').innerText()).toBe(answer)
  })
})

describe('API tokens', () => {
  it('stop working when revoked on /account, and when they expire', { timeout: STEP }, async () => {
    const developer = await createUser(b.t, { name: '開発者 伊藤' })
    const { page } = await signedIn(developer)
    await page.goto('/account')
    await page.getByLabel('トークン名').fill('nightly sync')
    await page.getByLabel('有効期間').selectOption({ label: '7 日' })
    await clickAndWait(page, page.getByRole('button', { name: 'トークンを作成' }))
    const token = await page.getByTestId('new-token').innerText()
    expect((await apiWith(token)).status).toBe(200)

    await page.goto('/account')
    const row = page.getByTestId('api-tokens').locator('tr', { hasText: 'nightly sync' })
    expect(await row.innerText()).toContain('2026/04/22') // a week from now, Japan time
    await clickAndWait(page, row.getByRole('button', { name: 'トークン「nightly sync」を失効' }))
    expect(await page.getByTestId('api-tokens').count() + await page.getByTestId('no-tokens').count()).toBe(1)
    expect(await mainText(page)).not.toContain('nightly sync')
    expect((await apiWith(token)).status).toBe(401)

    await page.getByLabel('トークン名').fill('short lived')
    await page.getByLabel('有効期間').selectOption({ label: '7 日' })
    await clickAndWait(page, page.getByRole('button', { name: 'トークンを作成' }))
    const shortLived = await page.getByTestId('new-token').innerText()
    expect((await apiWith(shortLived)).status).toBe(200)
    b.t.clock.advance(7 * 86400_000 + 60_000)
    const expired = await apiWith(shortLived)
    expect(expired.status).toBe(401)
    expect(expired.json.error?.code).toBe('auth.token_expired')
  })
})

describe('signing in', () => {
  it('takes each role to its own start page', { timeout: 2 * STEP }, async () => {
    const orgs: Record<'developer' | 'operator', string> = { developer: crypto.randomUUID(), operator: crypto.randomUUID() }
    for (const [kind, id] of Object.entries(orgs)) {
      await b.t.db.insertInto('organizations').values({ id, kind: kind as 'developer' | 'operator', name_ja: `${kind} 株式会社`, name_en: `${kind} Inc.` }).execute()
    }
    const expectations: [TestUser, string][] = [
      [await createUser(b.t, { roles: ['intake'], name: '受付 山本' }), '/intake'],
      [await createUser(b.t, { roles: ['coordinator'], name: '調整 中村' }), '/coordination?mine=1'],
      [await createUser(b.t, { organizationId: orgs.developer, name: '開発 小林' }), '/my/cases'],
      [await createUser(b.t, { organizationId: orgs.operator, name: '運営 加藤' }), '/my/cases'],
      [await createUser(b.t, { roles: ['committee'], name: '委員 吉田' }), '/committee'],
      [await createUser(b.t, { roles: ['admin'], name: '管理 山田' }), '/admin/users'],
    ]
    for (const [user, start] of expectations) {
      const { page } = await signedIn(user)
      expect(here(page), user.email).toBe(start)
      await expectNoErrorBanner(page)
      expect(await page.locator('h1').count()).toBe(1)
    }
  })
})

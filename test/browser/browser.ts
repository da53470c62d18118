import { createServer, type AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { setupTestApp, type TestApp } from '../support/test-app.js'

/** Debian's Chromium; browsers are never downloaded. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

/** A port nobody listens on right now: the app's PUBLIC_URL must name it before the app exists. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/** One person at the keyboard: their own cookies, their own tab. */
export type Person = { context: BrowserContext; page: Page }

export type BrowserApp = {
  t: TestApp
  baseUrl: string
  browser: Browser
  /** A fresh browser context (cookie jar) for one person, in Japanese and Japan time. */
  person: () => Promise<Person>
  close: () => Promise<void>
}

/**
 * A whole keikai over a fresh database, served on a real 127.0.0.1 port, and a headless Chromium
 * to click through it. Each person gets a context of their own so sessions never mix.
 */
export async function startBrowserApp(options: { now?: string } = {}): Promise<BrowserApp> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const t = await setupTestApp({ now: options.now, env: { PUBLIC_URL: baseUrl } })
  let server: Server | undefined
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s as Server)) as Server
      s.once('error', reject)
    })
    const actual = (server.address() as AddressInfo).port
    if (actual !== port) throw new Error(`listening on ${actual}, PUBLIC_URL says ${port}`)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  } catch (error) {
    await browser?.close().catch(() => undefined)
    await closeServer(server)
    await t.close()
    throw error
  }
  const b = browser
  const s = server
  return {
    t, baseUrl, browser: b,
    person: async () => {
      // A Japanese reader: Accept-Language ja, dates and times in Japan.
      const context = await b.newContext({ baseURL: baseUrl, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1200, height: 900 } })
      context.setDefaultTimeout(15_000)
      context.setDefaultNavigationTimeout(15_000)
      contexts.push(context)
      return { context, page: await context.newPage() }
    },
    close: async () => {
      for (const context of contexts) await context.close().catch(() => undefined)
      await b.close().catch(() => undefined)
      await closeServer(s)
      await t.close()
    },
  }
}

async function closeServer(server: Server | undefined) {
  if (!server) return
  server.closeAllConnections?.()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

/**
 * Clicks something that submits a form or follows a link and waits until the next page has loaded.
 * Works when the server redirects back to the same URL, where waiting for a URL change would not.
 */
export async function clickAndWait(page: Page, target: Locator): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() })
  // If the click itself fails, the wait must not outlive the step as an unhandled rejection.
  navigated.catch(() => undefined)
  await target.click()
  await navigated
  await page.waitForLoadState('load')
}

/** Signs in through the /login form like a person would. */
export async function signIn(page: Page, email: string, password: string, code?: () => string): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('メールアドレス').fill(email)
  await page.getByLabel('パスワード').fill(password)
  await clickAndWait(page, page.getByRole('button', { name: 'ログイン' }))
  if (new URL(page.url()).pathname === '/login/second-factor') {
    if (!code) throw new Error(`${email} needs a second factor`)
    await page.getByLabel('確認コード（6桁）').fill(code())
    await clickAndWait(page, page.getByRole('button', { name: '確認' }))
  }
  if (new URL(page.url()).pathname === '/login') {
    throw new Error(`sign-in failed for ${email}: ${await page.locator('.error').innerText().catch(() => '(no error shown)')}`)
  }
}

/** Fails with the page's error banner, if it shows one, so a refused form explains itself. */
export async function expectNoErrorBanner(page: Page): Promise<void> {
  const banner = page.locator('.error[role=alert]')
  if (await banner.count()) throw new Error(`${page.url()} shows an error: ${await banner.first().innerText()}`)
}

/**
 * The header link of that name, first opening the workspace menu that holds it: menus are closed
 * `<details>` until someone opens one, as a person would.
 */
export async function headerLink(page: Page, name: string): Promise<Locator> {
  const exact = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)
  const menu = page.locator('header .workspace-nav details.menu:not([open])').filter({ has: page.locator('a', { hasText: exact }) })
  if (await menu.count()) await menu.locator('summary').click()
  return page.locator('header').getByRole('link', { name, exact: true })
}

/** The visible text of the main content. */
export async function mainText(page: Page): Promise<string> {
  return page.locator('main').innerText()
}

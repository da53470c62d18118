import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Actor } from '../security/access/access-types.js'
import { overflow, startLayoutWorld, VECTOR_31, type LayoutWorld } from './layout-world.js'

/**
 * Every page keikai serves, opened at 390 px (a phone) by every kind of person, must fit the
 * screen: nothing scrolls sideways. The pages come from the app's own router, so a new page is
 * walked without anyone adding it here. At 1280 px the header's links each stay on one line.
 */

const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 900 }
const ACTORS: readonly Actor[] = ['anonymous', 'finder', 'intake', 'coordinator', 'developer', 'operator', 'committee', 'ciOperator', 'admin']
/** Not pages: files, feeds, machine endpoints, downloads. */
const NOT_A_PAGE = /^\/(api|static)\/|^\/\.well-known\/|^\/(healthz|readyz|favicon\.ico)$|\.(csv|rdf|json|xml|asc|txt|ico|svg|png)$|\/attachments\/|\/download$/

let w: LayoutWorld

/** Every GET route of the app that answers a page, with its parameters filled from the world. */
function pagePaths(): { paths: string[]; unfilled: string[] } {
  const routes = [...new Set(w.b.t.app.routes.filter((r) => r.method === 'GET' && !r.path.includes('*')).map((r) => r.path))]
  const paths: string[] = []
  const unfilled: string[] = []
  for (const route of routes.filter((r) => !NOT_A_PAGE.test(r))) {
    const filled = route.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => w.fuzz.params[name] ?? `:${name}`)
    if (filled.includes('/:')) unfilled.push(route)
    else paths.push(filled)
  }
  return { paths, unfilled }
}

async function loads(page: Page, path: string): Promise<boolean> {
  const answer = await page.context().request.get(path, { maxRedirects: 0 })
  return answer.status() === 200 && (answer.headers()['content-type'] ?? '').startsWith('text/html')
}

beforeAll(async () => {
  w = await startLayoutWorld()
}, 300_000)

afterAll(async () => {
  await w?.b.close()
})

describe('pages on a 390 px phone', () => {
  it('every route the app serves has its parameters filled, so every page is walked', () => {
    const { paths, unfilled } = pagePaths()
    expect(unfilled, 'give these parameters a value in the world (an access seed)').toEqual([])
    expect(paths.length).toBeGreaterThan(40)
  })

  it('fit the screen for everyone: no page scrolls sideways', { timeout: 600_000 }, async () => {
    const { paths } = pagePaths()
    const tooWide: string[] = []
    let walked = 0
    for (const actor of ACTORS) {
      const { page } = await w.as(actor, PHONE)
      for (const path of paths) {
        if (!(await loads(page, path))) continue
        await page.goto(path)
        walked++
        const o = await overflow(page)
        if (o.scrollWidth > PHONE.width) tooWide.push(`${actor} ${path}: ${o.scrollWidth}px — ${o.culprits.join('; ')}`)
      }
    }
    expect(tooWide, `pages wider than ${PHONE.width}px`).toEqual([])
    expect(walked).toBeGreaterThan(100)
  })

  it('wraps the CVSS vectors of a public advisory instead of widening the page', { timeout: 60_000 }, async () => {
    const { page } = await w.as('anonymous', PHONE)
    await page.goto(w.advisoryPath)
    expect(await page.locator('main').innerText()).toContain(VECTOR_31.slice(0, 20))
    expect((await overflow(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width)
  })

  it('stacks table rows as cards, each cell labelled with its column', { timeout: 60_000 }, async () => {
    const { page } = await w.as('anonymous', PHONE)
    await page.goto('/advisories')
    const row = page.locator('table.advisories tbody tr').first()
    const cells = row.locator('td')
    expect(await cells.count()).toBeGreaterThan(1)
    const [first, second] = [await cells.nth(0).boundingBox(), await cells.nth(1).boundingBox()]
    expect(second!.y, 'the second cell sits below the first, not beside it').toBeGreaterThanOrEqual(first!.y + first!.height - 1)
    const header = await page.locator('table.advisories thead th').nth(1).innerText()
    expect(await cells.nth(1).getAttribute('data-label')).toBe(header.trim())
  })

  it('hides the navigation behind a menu button that opens it without JavaScript', { timeout: 60_000 }, async () => {
    const context = await w.b.browser.newContext({ baseURL: w.b.baseUrl, locale: 'ja-JP', viewport: PHONE, javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto('/')
    const portalLink = page.locator('header').getByRole('link', { name: '脆弱性対策情報' })
    await expect(portalLink.isVisible()).resolves.toBe(false)
    await page.locator('header').getByText('メニュー').click()
    await expect(portalLink.isVisible()).resolves.toBe(true)
    await portalLink.click()
    await page.waitForURL('**/advisories')
    await page.locator('header').getByText('メニュー').click()
    await expect(portalLink.getAttribute('aria-current')).resolves.toBe('page')
    await context.close()
  })
})

describe('the header at 1280 px', () => {
  for (const actor of ['anonymous', 'intake', 'coordinator', 'admin', 'allStaff'] as const) {
    for (const lang of ['ja', 'en'] as const) {
      it(`keeps every link of ${actor} on one line, in one row per bar (${lang})`, { timeout: 60_000 }, async () => {
        const { page } = await w.as(actor, DESKTOP)
        await page.goto(`/?lang=${lang}`)
        const items = await page.locator('header.site').evaluate((header) => {
          const rows = (selector: string) => Array.from(header.querySelectorAll(selector))
            .filter((el) => el.getBoundingClientRect().width > 0)
            .map((el) => {
              const r = el.getBoundingClientRect()
              // Broken over lines: the text's boxes stand at more than one height.
              const range = document.createRange()
              range.selectNodeContents(el)
              const lines = new Set(Array.from(range.getClientRects()).filter((q) => q.width > 0).map((q) => Math.round(q.top)))
              return { text: (el.textContent ?? '').trim(), top: Math.round(r.top), bottom: Math.round(r.bottom), tall: lines.size > 1 }
            })
          return {
            top: rows('.brand > a, .portal-nav a, .lang-switch, .login'),
            workspace: rows('.workspace-nav > ul > li > a, .workspace-nav summary, .workbar .account a, .workbar .account button'),
          }
        })
        const wrapped = [...items.top, ...items.workspace].filter((i) => i.tall).map((i) => i.text)
        expect(wrapped, 'links broken over two lines').toEqual([])
        // One row: some horizontal line crosses every item of the bar.
        const oneRow = (row: { top: number; bottom: number }[]) => row.length === 0 || Math.max(...row.map((i) => i.top)) < Math.min(...row.map((i) => i.bottom))
        expect(oneRow(items.top), `the top bar holds one row: ${JSON.stringify(items.top)}`).toBe(true)
        expect(oneRow(items.workspace), `the workspace bar holds one row: ${JSON.stringify(items.workspace)}`).toBe(true)
        if (actor !== 'anonymous') expect(items.workspace.length).toBeGreaterThan(0)
      })
    }
  }

  it('groups an intake member\'s workspace into a few menus, the current page marked', { timeout: 60_000 }, async () => {
    const { page } = await w.as('intake', DESKTOP)
    await page.goto('/intake?lang=ja')
    const bar = page.getByRole('navigation', { name: '業務メニュー' })
    expect(await bar.locator(':scope > ul > li').count()).toBeLessThanOrEqual(5)
    await bar.locator('summary', { hasText: '受付' }).click()
    const link = bar.getByRole('link', { name: '受付キュー' })
    expect(await link.getAttribute('aria-current')).toBe('page')
    await bar.locator('summary', { hasText: 'ウェブサイト' }).click()
    // Opening one menu closes the other.
    expect(await link.isVisible()).toBe(false)
    expect(await bar.getByRole('link', { name: '長期化案件' }).isVisible()).toBe(true)
  })
})

import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './axe.js'
import type { Page } from 'playwright-core'
import { clickAndWait, signIn, startBrowserApp, type BrowserApp } from './browser.js'
import { overflow } from './layout-world.js'
import { createUser, TEST_PASSWORD } from '../support/clients.js'
import { createStatement } from '../../src/guides/statements.usecases.js'

/**
 * A developer fills in the checklist to a printable result and downloads it as JSON — with
 * JavaScript and without — and the pages pass axe-core in Japanese and English.
 */

let b: BrowserApp

beforeAll(async () => {
  b = await startBrowserApp({ now: '2026-11-02T01:00:00Z' })
}, 120_000)
afterAll(async () => { await b?.close() })

/** Item n answered at level n mod 4: every level appears. */
const levelOf = (n: number) => n % 4

async function fillIn(page: Page) {
  await page.goto('/guides/developers/checklist')
  await page.getByLabel('製品名').fill('例示ルーター WR-1000')
  for (let n = 1; n <= 12; n++) await page.locator(`#a${n}-${levelOf(n)}`).check()
  await clickAndWait(page, page.getByRole('button', { name: '結果を見る' }))
  expect(new URL(page.url()).pathname).toBe('/guides/developers/checklist/result')
}

describe('the developer checklist in a browser', () => {
  it('is filled in to a printable result and a JSON download', { timeout: 90_000 }, async () => {
    const { page } = await b.person()
    await fillIn(page)
    await expect(page.locator('h1').innerText()).resolves.toBe('チェックリストの結果')
    expect(await page.locator('tr[data-item]').count()).toBe(12)
    await expect(page.locator('tr[data-item="4"]').innerText()).resolves.toContain('未対応')

    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('header.site').isVisible()).toBe(false)
    expect(await page.locator('footer.site').isVisible()).toBe(false)
    expect(await page.locator('.checklist-actions').isVisible()).toBe(false)
    for (let n = 1; n <= 12; n++) expect(await page.locator(`tr[data-item="${n}"]`).isVisible()).toBe(true)
    const pdf = await page.pdf({ format: 'A4' })
    expect(pdf.length).toBeGreaterThan(1000)
    await page.emulateMedia({ media: 'screen' })

    const downloading = page.waitForEvent('download')
    await page.getByRole('link', { name: '結果を JSON でダウンロード' }).click()
    const download = await downloading
    const json = JSON.parse(await readFile((await download.path())!, 'utf8'))
    expect(json).toMatchObject({ version: 1, productName: '例示ルーター WR-1000', answers: { 1: 1, 4: 0, 12: 0 }, summary: { total: { items: 12 } } })
    expect(json.nextSteps.length).toBe(12 - 3)

    await clickAndWait(page, page.getByRole('link', { name: '回答を変更する' }))
    await expect(page.locator('#a3-3').isChecked()).resolves.toBe(true)
    await expect(page.getByLabel('製品名').inputValue()).resolves.toBe('例示ルーター WR-1000')
  })

  it('works the same with JavaScript turned off', { timeout: 90_000 }, async () => {
    const context = await b.browser.newContext({ baseURL: b.baseUrl, locale: 'ja-JP', javaScriptEnabled: false })
    try {
      const page = await context.newPage()
      await fillIn(page)
      expect(await page.locator('tr[data-item]').count()).toBe(12)
      const answer = await context.request.get(await page.getByRole('link', { name: '結果を JSON でダウンロード' }).getAttribute('href') ?? '')
      expect(answer.headers()['content-disposition']).toMatch(/^attachment/)
      expect((await answer.json()).version).toBe(1)
      // A skipped item comes back with the form and a message, the other answers kept.
      await page.goto('/guides/developers/checklist')
      await page.locator('#a1-2').check()
      await clickAndWait(page, page.getByRole('button', { name: '結果を見る' }))
      await expect(page.locator('.error-summary').innerText()).resolves.toContain('この項目のレベルを選んでください')
      await expect(page.locator('#a1-2').isChecked()).resolves.toBe(true)
    } finally {
      await context.close()
    }
  })

  for (const lang of ['ja', 'en'] as const) {
    it(`passes axe-core on the form, an item and the result (${lang})`, { timeout: 90_000 }, async () => {
      const { page } = await b.person()
      const query = Array.from({ length: 12 }, (_, i) => `a${i + 1}=${levelOf(i + 1)}`).join('&')
      for (const path of ['/guides/developers/checklist', '/guides/developers/checklist/items/4', `/guides/developers/checklist/result?v=1&${query}`]) {
        const answer = await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`)
        expect(answer?.status(), path).toBe(200)
        expect(await seriousViolations(page), path).toEqual([])
      }
    })
  }

  it('fits a 360 px phone, and a published statement passes axe-core', { timeout: 90_000 }, async () => {
    const orgId = crypto.randomUUID()
    await b.t.db.insertInto('organizations').values({ id: orgId, kind: 'developer', name_ja: '例示電機株式会社', name_en: 'Example Electric Co.' }).execute()
    const dev = await createUser(b.t, { organizationId: orgId })
    const slug = await createStatement(b.t.db, {
      slug: 'example-router-wr1000-with-a-rather-long-address', productName: '例示ルーター WR-1000', supportEndsOn: '2031-03-31',
      supportNoteJa: '販売終了から 5 年間', supportNoteEn: 'Five years after the end of sales', contactUrl: 'https://psirt.example.jp/vulnerability-report-form-for-products',
      contactEmail: 'product-security-incident-response@example.jp', updateMethodJa: '自動更新', updateMethodEn: 'Automatic updates',
    }, { id: dev.id, organizationId: orgId, organizationKind: 'developer', roles: [], email: dev.email, displayName: '', locale: 'ja' }, b.t.clock.now())
    await b.t.db.updateTable('guide_statements').set({ published_at: b.t.clock.now() }).where('slug', '=', slug).execute()
    const { page } = await b.person()
    await page.setViewportSize({ width: 360, height: 800 })
    const query = Array.from({ length: 12 }, (_, i) => `a${i + 1}=${levelOf(i + 1)}`).join('&')
    for (const path of ['/guides/developers/checklist', '/guides/developers/checklist/items/11', `/guides/developers/checklist/result?v=1&${query}`, `/guides/statements/${slug}`, `/guides/statements/${slug}?lang=en`]) {
      expect((await page.goto(path))?.status(), path).toBe(200)
      const o = await overflow(page)
      expect(o.culprits, path).toEqual([])
      expect(o.scrollWidth, path).toBeLessThanOrEqual(o.viewport)
    }
    expect(await seriousViolations(page)).toEqual([])
    await expect(page.locator('pre.security-txt').innerText()).resolves.toContain('Contact: mailto:product-security-incident-response@example.jp')
    // The organisation's own pages: the list and the form.
    await page.goto('/login?lang=ja')
    await signIn(page, dev.email, TEST_PASSWORD)
    for (const path of ['/guides/statements', '/guides/statements/new', `/guides/statements/${slug}/edit`]) {
      expect((await page.goto(path))?.status(), path).toBe(200)
      expect((await overflow(page)).culprits, path).toEqual([])
      expect(await seriousViolations(page), path).toEqual([])
    }
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './axe.js'
import { clickAndWait, expectNoErrorBanner, startBrowserApp, type BrowserApp } from './browser.js'
import { overflow } from './layout-world.js'
import { qrTarget } from '../../src/guides/qr.js'

/**
 * A consumer guide as people meet it: scanned from a leaflet's QR code (counted by its channel),
 * rated and rated again, read on a small phone without JavaScript, and printed.
 */

const CHOOSING = '/guides/consumers/choosing'
const USING = '/guides/consumers/using'
const TAG = 'leaflet-2026-10'
const PHONE = { width: 360, height: 740 }

let b: BrowserApp

beforeAll(async () => {
  b = await startBrowserApp()
  await b.t.db.insertInto('guide_channels').values({ tag: TAG, kind: 'leaflet', name_ja: '10月のチラシ', name_en: 'October leaflet', created_by: null, created_at: b.t.clock.now(), archived_at: null }).execute()
}, 120_000)
afterAll(async () => { await b?.close() })

describe('a consumer guide reached by a leaflet’s QR code', () => {
  it('counts the scan by its channel, takes a 4-star rating with a comment, thanks, and replaces it when rated again', { timeout: 90_000 }, async () => {
    const { page } = await b.person()
    const scanned = qrTarget(b.baseUrl, CHOOSING, TAG)
    await page.goto(scanned)
    await expect(page.locator('h1').innerText()).resolves.toBe('ネットにつながる製品の選び方')
    // The printed leaflet's link is on the page in words too, and the QR code image is there.
    expect(await page.locator('.guide-qr-link code').innerText()).toBe(scanned)
    expect(await page.locator('.guide-qr img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    const visits = await b.t.db.selectFrom('guide_visits').selectAll().where('page', '=', CHOOSING).execute()
    expect(visits.map((v) => [v.channel, v.via, v.views])).toEqual([[TAG, 'qr', 1]])

    await page.getByLabel('星 4 つ：役に立った').check()
    await page.getByLabel('ご意見・ご感想（任意）').fill('子どもにも読ませたいです')
    await clickAndWait(page, page.getByRole('button', { name: '評価を送る' }))
    await expectNoErrorBanner(page)
    expect(await page.locator('h1').innerText()).toBe('評価をありがとうございました')
    expect(await page.locator('main').innerText()).toContain('星 4 つ')
    expect(await seriousViolations(page)).toEqual([])
    let rows = await b.t.db.selectFrom('guide_ratings').selectAll().execute()
    expect(rows.map((r) => [r.page, r.stars, r.comment, r.channel])).toEqual([[CHOOSING, 4, '子どもにも読ませたいです', TAG]])

    await clickAndWait(page, page.getByRole('link', { name: '「ネットにつながる製品の選び方」に戻る' }))
    await page.getByLabel('星 2 つ：あまり役に立たなかった').check()
    await clickAndWait(page, page.getByRole('button', { name: '評価を送る' }))
    expect(await page.locator('main').innerText()).toContain('前回の評価は、今回の評価に置き換えました')
    rows = await b.t.db.selectFrom('guide_ratings').selectAll().execute()
    expect(rows.map((r) => [r.page, r.stars])).toEqual([[CHOOSING, 2]])
  })

  it('shows a refused rating again with the problem and what was written', { timeout: 60_000 }, async () => {
    const { page } = await b.person()
    await page.goto(USING)
    // No star chosen: the browser would stop the form, so send it as a script-less client would.
    await page.locator('#rating-form input[type=radio]').evaluateAll((radios) => radios.forEach((r) => r.removeAttribute('required')))
    await page.getByLabel('ご意見・ご感想（任意）').fill('星を選び忘れた')
    await clickAndWait(page, page.getByRole('button', { name: '評価を送る' }))
    expect(await page.locator('.error-summary').innerText()).toContain('星の数を 1〜5 から選んでください。')
    expect(await page.getByLabel('ご意見・ご感想（任意）').inputValue()).toBe('星を選び忘れた')
    expect(await seriousViolations(page)).toEqual([])
  })
})

describe('the consumer guides on a 360 px phone without JavaScript', () => {
  it('fit the screen in Japanese and English, and take a rating as a plain form', { timeout: 90_000 }, async () => {
    const context = await b.browser.newContext({ baseURL: b.baseUrl, locale: 'ja-JP', viewport: PHONE, javaScriptEnabled: false })
    context.setDefaultTimeout(15_000)
    try {
      const page = await context.newPage()
      for (const path of [CHOOSING, USING, `${CHOOSING}?lang=en`, `${USING}?lang=en`]) {
        await page.goto(path)
        const o = await overflow(page)
        expect(o.scrollWidth, `${path}: ${o.culprits.join('; ')}`).toBeLessThanOrEqual(PHONE.width)
      }
      // ?lang=en set the language cookie: back to Japanese.
      await page.goto(`${USING}?lang=ja`)
      await page.getByLabel('星 5 つ：とても役に立った').check()
      await clickAndWait(page, page.getByRole('button', { name: '評価を送る' }))
      expect(await page.locator('h1').innerText()).toBe('評価をありがとうございました')
    } finally {
      await context.close()
    }
  })

  it('pass axe-core in both languages', { timeout: 90_000 }, async () => {
    const { page } = await b.person()
    await page.setViewportSize(PHONE)
    for (const path of [CHOOSING, USING, `${CHOOSING}?lang=en`, `${USING}?lang=en`]) {
      await page.goto(path)
      expect(await seriousViolations(page), path).toEqual([])
    }
  })

  it('print as a leaflet: no site header, footer or forms, the QR code kept', { timeout: 60_000 }, async () => {
    const { page } = await b.person()
    await page.goto(`${CHOOSING}?ch=${TAG}`)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('header.site').isVisible()).toBe(false)
    expect(await page.locator('footer.site').isVisible()).toBe(false)
    expect(await page.locator('#rating-form').isVisible()).toBe(false)
    expect(await page.locator('.guide-qr img').isVisible()).toBe(true)
    expect(await page.locator('.guide-qr-link code').innerText()).toContain(`ch=${TAG}&via=qr`)
    const pdf = await page.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  })
})

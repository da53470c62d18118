import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './axe.js'
import type { Page } from 'playwright-core'
import { clickAndWait, expectNoErrorBanner, signIn, startBrowserApp, type BrowserApp } from './browser.js'
import { overflow } from './layout-world.js'
import { createUser, totpCode, TEST_PASSWORD } from '../support/clients.js'

/**
 * The guides' outreach as a visitor meets it: a download after the survey, skipped and answered;
 * registering for update notices, confirming from the mail, and leaving by the mail's link; and
 * staff making a channel, printing its QR codes and reading its effect on the dashboard.
 */

const TAG = 'event-2026-11'
let b: BrowserApp

beforeAll(async () => {
  b = await startBrowserApp({ now: '2026-11-02T01:00:00Z' })
  await b.t.db.insertInto('guide_channels').values({ tag: TAG, kind: 'event', name_ja: '11月のセミナー', name_en: 'November seminar', created_by: null, created_at: b.t.clock.now(), archived_at: null }).execute()
}, 120_000)
afterAll(async () => { await b?.close() })

/** Presses a button that answers with a file and returns the file's name and text. */
async function download(page: Page, button: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()])
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') }
}

describe('downloading a guide', () => {
  it('gives the file after a skipped survey and after an answered one, counting each with its channel', { timeout: 90_000 }, async () => {
    const { page } = await b.person()
    await page.goto(`/guides/downloads/choosing?ch=${TAG}`)
    expect(await seriousViolations(page)).toEqual([])
    const skipped = await download(page, '回答せずにダウンロード')
    expect(skipped.name).toBe('keikai-choosing-ja.html')
    expect(skipped.text).toContain('<html lang="ja">')
    expect(skipped.text).toContain('<svg')

    await page.goto(`/guides/downloads/checklist?ch=${TAG}&lang=en`)
    expect(await seriousViolations(page)).toEqual([])
    await page.getByLabel('Education or training').check()
    const answered = await download(page, 'Answer and download')
    expect(answered.name).toBe('keikai-checklist-en.html')
    expect(answered.text).toContain('<html lang="en">')

    await page.setViewportSize({ width: 360, height: 740 })
    for (const path of ['/guides/downloads/using', '/guides/updates']) {
      await page.goto(path)
      expect((await overflow(page)).culprits, path).toEqual([])
    }

    const rows = await b.t.db.selectFrom('guide_downloads').select(['document', 'language', 'purpose', 'channel']).orderBy('created_at').execute()
    expect(rows).toEqual([
      { document: 'choosing', language: 'ja', purpose: null, channel: TAG },
      { document: 'checklist', language: 'en', purpose: 'education', channel: TAG },
    ])
  })
})

describe('update notices', () => {
  it('are confirmed from the mailed link (double opt-in) and stopped by the mail\'s unsubscribe link', { timeout: 90_000 }, async () => {
    const { page } = await b.person()
    const email = 'reader@example.jp'
    await page.goto('/guides/updates')
    expect(await seriousViolations(page)).toEqual([])
    await page.getByLabel('メールアドレス').fill(email)
    await page.getByLabel('製品の選び方ガイド').uncheck()
    await clickAndWait(page, page.getByRole('button', { name: '登録する' }))
    await expectNoErrorBanner(page)
    expect(await page.locator('main').innerText()).toContain('確認メールをお送りしました')
    const subscription = () => b.t.db.selectFrom('guide_subscriptions').select(['status', 'topics']).where('email', '=', email).executeTakeFirstOrThrow()
    expect(await subscription()).toEqual({ status: 'pending', topics: ['checklist', 'using'] })

    const mail = await b.t.db.selectFrom('mail_outbox').select(['body_text', 'headers']).where('to_address', '=', email).executeTakeFirstOrThrow()
    const confirm = mail.body_text.match(/http:\/\/\S+\/guides\/updates\/confirm\/\S+/)![0]
    const unsubscribe = mail.body_text.match(/http:\/\/\S+\/guides\/updates\/unsubscribe\/\S+/)![0]
    expect(mail.headers).toEqual({ 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })

    await page.goto(confirm)
    expect(await subscription()).toMatchObject({ status: 'pending' })
    expect(await seriousViolations(page)).toEqual([])
    await clickAndWait(page, page.getByRole('button', { name: '登録を確定する' }))
    expect(await page.locator('main').innerText()).toContain('登録が確定しました')
    expect(await subscription()).toMatchObject({ status: 'confirmed' })

    await page.goto(unsubscribe)
    expect(await subscription()).toMatchObject({ status: 'confirmed' })
    await clickAndWait(page, page.getByRole('button', { name: '配信を停止する' }))
    expect(await page.locator('main').innerText()).toContain('配信を停止しました')
    expect(await subscription()).toMatchObject({ status: 'unsubscribed' })
  })
})

describe('an outreach campaign', () => {
  it('is a channel staff create, with QR codes to print, whose scans and downloads the dashboard counts, on a phone too', { timeout: 120_000 }, async () => {
    const intake = await createUser(b.t, { roles: ['intake'] })
    const { page } = await b.person()
    await signIn(page, intake.email, TEST_PASSWORD, () => totpCode(b.t, intake))
    await page.goto('/guides/channels')
    await page.getByLabel('タグ').fill('leaflet-2026-12')
    await page.getByLabel('種類').selectOption('leaflet')
    await page.getByLabel('名前（日本語）').fill('12月のチラシ')
    await clickAndWait(page, page.getByRole('button', { name: '作成する' }))
    await expectNoErrorBanner(page)
    expect(await page.locator('h1').innerText()).toBe('12月のチラシの QR コード')
    expect(await page.locator('.guides-qr-list img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    expect(await seriousViolations(page)).toEqual([])

    // A reader scans the printed code for the choosing guide: the link under it is what the code carries.
    const card = page.locator('.guides-qr-list li', { has: page.getByRole('heading', { name: 'ネットにつながる製品の選び方' }) })
    const printed = await card.locator('p a').first().innerText()
    expect(printed).toBe(`${b.baseUrl}/guides/consumers/choosing?ch=leaflet-2026-12&via=qr`)
    const reader = await b.person()
    await reader.page.goto(printed)
    await reader.page.goto(printed)
    // The dashboard, from the channel's own link: two views, one visitor, two QR scans, by this channel.
    await clickAndWait(page, page.getByRole('link', { name: 'このチャネルの効果を見る' }))
    expect(new URL(page.url()).searchParams.get('channel')).toBe('leaflet-2026-12')
    expect(await page.locator('[data-measure="qrScans"]').innerText()).toBe('2')
    expect(await page.locator('[data-measure="views"]').innerText()).toBe('2')
    expect(await page.locator('[data-measure="visitors"]').innerText()).toBe('1')

    await page.goto(`/guides/effect?from=2026-11-01&to=2026-11-30&channel=${TAG}`)
    await expectNoErrorBanner(page)
    expect(await page.locator('[data-measure="downloads"]').innerText()).toBe('2')
    expect(await seriousViolations(page)).toEqual([])
    await page.setViewportSize({ width: 360, height: 740 })
    expect((await overflow(page)).culprits).toEqual([])
    for (const path of [`/guides/effect?channel=${TAG}&lang=en`, '/guides/channels/leaflet-2026-12', '/guides/channels']) {
      await page.goto(path)
      expect((await overflow(page)).culprits, path).toEqual([])
    }
  })
})

import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, lastMailTo, totpCode, TEST_PASSWORD, type TestUser } from '../support/clients.js'
import { clickAndWait, headerLink, expectNoErrorBanner, mainText, signIn, startBrowserApp, type BrowserApp, type Person } from './browser.js'

/**
 * The product story of test/story/product-story.api.test.ts, walked in a real browser: every step
 * is a person reading a server-rendered page, filling its form and pressing its button.
 */

const STEP = 60_000
const NOW = '2026-04-01T01:00:00Z' // 10:00 in Japan
const PUBLISH_AT_JST = '2026-05-15T10:00' // what the coordinator types into datetime-local
const AFTER_PUBLICATION = '2026-05-15T01:30:00Z' // 10:30 in Japan

const PRODUCT = 'ブラウザ試験ルータ BR-700'
const ORG_JA = 'ブラウザ試験電機株式会社'
const ORG_EN = 'Browser Test Electric Co.'
const CREDIT = 'Hanako Suzuki'
const TITLE_JA = 'ブラウザ試験ルータ BR-700 におけるクロスサイト・スクリプティングの脆弱性'
const TITLE_EN = 'BR-700 router vulnerable to cross-site scripting'
const STATEMENT_JA = 'ファームウェア 2.0.1 で修正しました。速やかに更新してください。'
const STATEMENT_EN = 'Firmware 2.0.1 fixes this issue. Please update promptly.'
const CVE = 'CVE-2026-31337'
const CVSS31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' // 6.1 medium
const CVSS40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N' // 5.3 medium
const FINDER_THREAD_MESSAGE = '発見者さんへ: 開発者に連絡しました'

let b: BrowserApp
let intake: TestUser
let coordinator: TestUser
const s: {
  finder?: Person; intake?: Person; coordinator?: Person; developer?: Person; visitor?: Person
  receipt?: string; trackingUrl?: string; casePath?: string; contactEmail?: string; identifier?: string
} = {}

const need = <T,>(v: T | undefined, what: string): T => {
  if (v === undefined) throw new Error(`an earlier step did not provide ${what}`)
  return v
}
const slug = () => need(s.identifier, 'the advisory identifier').replace('#', '')

beforeAll(async () => {
  b = await startBrowserApp({ now: NOW })
  intake = await createUser(b.t, { roles: ['intake'], name: 'Intake Ito' })
  coordinator = await createUser(b.t, { roles: ['coordinator'], name: 'Coordinator Kato' })
})

afterAll(async () => {
  await b?.close()
})

describe('the product story in a browser', () => {
  it('lets an anonymous finder report a product vulnerability in Japanese and follow it', { timeout: STEP }, async () => {
    s.finder = await b.person()
    const { page } = s.finder
    await page.goto('/')
    expect(await page.locator('html').getAttribute('lang')).toBe('ja')
    expect(await mainText(page)).toContain('脆弱性対策情報ポータル')

    // The language switch goes to English and back.
    await clickAndWait(page, page.locator('header').getByRole('link', { name: 'English' }))
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await mainText(page)).toContain('Vulnerability advisories')
    await clickAndWait(page, page.locator('header').getByRole('link', { name: '日本語' }))
    expect(await page.locator('html').getAttribute('lang')).toBe('ja')

    await clickAndWait(page, page.locator('header').getByRole('link', { name: '脆弱性を届け出る' }))
    expect(new URL(page.url()).pathname).toBe('/report')
    await page.getByLabel('製品名').fill(PRODUCT)
    await page.getByLabel('バージョン').fill('1.0.0 〜 2.0.0')
    await page.getByLabel('製品開発者（分かれば）').fill(ORG_JA)
    await page.getByLabel('製品の種類').selectOption({ label: 'ルータ' })
    await page.getByLabel('脆弱性の内容').fill('管理画面の設定名にクロスサイト・スクリプティングの脆弱性があります。')
    await page.getByLabel('再現手順・検証コード（PoC）').fill('1. 管理画面にログイン\n2. /setup?name=<script>alert(1)</script> を開く')
    await page.getByLabel('想定される影響').fill('管理者のブラウザ上で任意のスクリプトが実行される可能性があります。')
    await page.getByLabel('発見の経緯').fill('自宅ルータの検証中に発見しました。')
    await page.getByRole('group', { name: 'この脆弱性は既に公開されていますか' }).getByLabel('いいえ').check()
    await page.getByRole('group', { name: '悪用されている事実がありますか' }).getByLabel('いいえ').check()
    await page.getByRole('group', { name: '既に開発者へ連絡しましたか' }).getByLabel('いいえ').check()
    await page.getByLabel('添付ファイル（PoC・スクリーンショット）').setInputFiles({
      name: 'poc.html', mimeType: 'text/html', buffer: Buffer.from('<script>alert(1)</script>\n'),
    })
    await page.getByLabel('氏名（ハンドル可）').fill('鈴木 花子')
    await page.getByLabel('メールアドレス').fill('hanako@example.test')
    await page.getByLabel('製品開発者に私の氏名・連絡先を伝えることに同意します').check()
    await page.getByLabel('公表時に謝辞として名前を掲載することに同意します').check()
    await page.getByLabel('謝辞に掲載する名前').fill(CREDIT)
    await clickAndWait(page, page.getByRole('button', { name: '届け出る' }))
    await expectNoErrorBanner(page)

    s.receipt = (await page.getByTestId('receipt').innerText()).trim()
    expect(s.receipt).toMatch(/\S+/)
    s.trackingUrl = await page.getByTestId('tracking-link').getAttribute('href') ?? undefined
    expect(s.trackingUrl).toMatch(new RegExp(`^${b.baseUrl}/track/`))

    await clickAndWait(page, page.getByTestId('tracking-link'))
    expect(page.url()).toBe(s.trackingUrl)
    const status = await page.locator('.status[data-status]').first().innerText()
    expect(status).toContain('受付済み')
    const text = await mainText(page)
    expect(text).toContain(s.receipt)
    expect(text).toContain('poc.html')
  })

  it('lets intake staff find the report in the queue and accept it', { timeout: STEP }, async () => {
    s.intake = await b.person()
    const { page } = s.intake
    await signIn(page, intake.email, TEST_PASSWORD, () => totpCode(b.t, intake))
    await clickAndWait(page, await headerLink(page, '受付キュー'))
    const queue = page.getByTestId('intake-queue')
    await clickAndWait(page, queue.getByRole('link', { name: need(s.receipt, 'the receipt number') }))
    s.casePath = new URL(page.url()).pathname
    expect(s.casePath).toMatch(/^\/cases\/[^/]+$/)
    expect(await mainText(page)).toContain(PRODUCT)

    await clickAndWait(page, page.getByRole('button', { name: '受理する' }))
    await expectNoErrorBanner(page)
    expect(await page.locator('.status[data-status]').first().getAttribute('data-status')).toBe('accepted')
  })

  it('lets the coordinator take the case, register the developer, log a contact and notify it', { timeout: STEP }, async () => {
    s.coordinator = await b.person()
    const { page } = s.coordinator
    s.contactEmail = 'psirt@browser-test.example'
    await signIn(page, coordinator.email, TEST_PASSWORD, () => totpCode(b.t, coordinator))
    await clickAndWait(page, await headerLink(page, '調整案件'))
    await clickAndWait(page, page.getByTestId('coordination-queue').getByRole('link', { name: PRODUCT }))
    expect(new URL(page.url()).pathname).toBe(s.casePath)
    await clickAndWait(page, page.getByRole('button', { name: '担当する' }))
    await expectNoErrorBanner(page)
    expect(await page.getByRole('button', { name: '担当する' }).count()).toBe(0)

    // A new developer organisation, with a contact on its own page, from the parties tab.
    await clickAndWait(page, page.getByRole('navigation', { name: '案件の項目' }).getByRole('link', { name: '関係者' }))
    await clickAndWait(page, page.getByRole('link', { name: '新しい組織を登録' }))
    expect(new URL(page.url()).pathname).toBe('/organizations/new')
    await page.getByLabel('名称（日本語）').fill(ORG_JA)
    await page.getByLabel('名称（英語）').fill(ORG_EN)
    await page.getByLabel('ウェブサイト').fill('https://browser-test.example/')
    await clickAndWait(page, page.getByRole('button', { name: '保存' }))
    await expectNoErrorBanner(page)
    expect(new URL(page.url()).pathname).toMatch(/^\/organizations\/[^/]+$/)
    await page.getByLabel('担当者名・窓口名').fill('PSIRT 窓口')
    await page.getByLabel('メールアドレス').fill(s.contactEmail)
    await clickAndWait(page, page.getByRole('button', { name: '連絡先を追加' }))
    expect(await mainText(page)).toContain(s.contactEmail)

    // Back on the case: the organisation becomes a party.
    await page.goto(`${need(s.casePath, 'the case page')}?tab=parties`)
    await page.getByLabel('製品開発者を追加').selectOption({ label: ORG_JA })
    await clickAndWait(page, page.getByRole('button', { name: '追加', exact: true }))
    await expectNoErrorBanner(page)
    const party = page.locator('[data-party]').filter({ has: page.getByRole('heading', { name: ORG_JA }) })
    expect(await party.count()).toBe(1)

    await party.getByLabel('手段').selectOption({ label: 'メール' })
    await party.getByLabel('宛先').fill(s.contactEmail)
    await party.getByLabel('連絡日').fill('2026-04-01')
    await party.getByLabel('結果').selectOption({ label: '連絡がついた' })
    await clickAndWait(page, party.getByRole('button', { name: '連絡を記録' }))
    await expectNoErrorBanner(page)
    expect(await party.locator('table').innerText()).toContain(s.contactEmail)

    await party.getByLabel('通知先').selectOption({ label: `PSIRT 窓口 <${s.contactEmail}>` })
    await clickAndWait(page, party.getByRole('button', { name: '脆弱性情報を通知' }))
    await expectNoErrorBanner(page)
    expect(await page.locator('.status[data-status]').first().getAttribute('data-status')).toBe('developer_notified')
    expect(await mainText(page)).toContain('2026/04/01')

    // A message to the finder, which the developer must never see.
    await clickAndWait(page, page.getByRole('navigation', { name: '案件の項目' }).getByRole('link', { name: 'やり取り' }))
    const finderThread = page.locator('section.thread').filter({ has: page.getByRole('heading', { name: /発見者とのやりとり/ }) })
    await finderThread.getByLabel('メッセージ').fill(FINDER_THREAD_MESSAGE)
    await clickAndWait(page, finderThread.getByRole('button', { name: '送信' }))
    expect(await mainText(page)).toContain(FINDER_THREAD_MESSAGE)
  })

  it('shows the finder the start date (起算日) on the tracking page', { timeout: STEP }, async () => {
    const { page } = need(s.finder, 'the finder')
    await page.goto(need(s.trackingUrl, 'the tracking link'))
    const facts = await page.locator('dl.facts').first().innerText()
    expect(facts).toContain('起算日')
    expect(facts).toContain('2026/04/01')
    expect(await page.locator('.status[data-status]').first().innerText()).toContain('取扱い中')
    expect(await mainText(page)).toContain(FINDER_THREAD_MESSAGE)
  })

  it('lets the developer join from the invitation, acknowledge, answer vulnerable and write to the coordinator', { timeout: STEP }, async () => {
    const contactEmail = need(s.contactEmail, 'the contact address')
    const mails = await lastMailTo(b.t, contactEmail)
    const link = mails.map((m) => m.body_text.match(/https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/)?.[0]).find(Boolean)
    expect(link, 'an invitation link in the notification mail').toBeTruthy()
    expect(link!.startsWith(`${b.baseUrl}/invitations/`)).toBe(true)

    s.developer = await b.person()
    const { page } = s.developer
    await page.goto(link!)
    expect(await mainText(page)).toContain(ORG_JA)
    await page.getByLabel('表示名').fill('開発 佐藤')
    expect(await page.getByLabel('メールアドレス').inputValue()).toBe(contactEmail)
    await page.getByLabel('パスワード').fill(TEST_PASSWORD)
    await clickAndWait(page, page.getByRole('button', { name: 'アカウントを作成' }))
    await expectNoErrorBanner(page)
    expect(new URL(page.url()).pathname).toBe(s.casePath)
    expect(await mainText(page)).toContain(PRODUCT)

    await clickAndWait(page, page.getByRole('navigation', { name: '案件の項目' }).getByRole('link', { name: '関係者' }))
    const party = page.locator('[data-party]')
    await clickAndWait(page, party.getByRole('button', { name: '受領を連絡して調査を始める' }))
    await expectNoErrorBanner(page)
    expect(await page.locator('.status[data-status]').first().getAttribute('data-status')).toBe('investigating')

    const response = party.locator('form').filter({ has: page.getByRole('heading', { name: '回答' }) })
    await response.getByLabel('脆弱性である', { exact: true }).check()
    await response.getByLabel('ベンダ情報（日本語）').fill(STATEMENT_JA)
    await response.getByLabel('ベンダ情報（英語）').fill(STATEMENT_EN)
    await response.getByLabel('対策の予定').fill('2.0.1 を 5 月上旬に公開予定')
    await response.getByLabel('公表日の提案').fill('2026-05-15')
    await clickAndWait(page, response.getByRole('button', { name: '送信' }))
    await expectNoErrorBanner(page)
    expect(await page.locator('.status[data-status]').first().getAttribute('data-status')).toBe('fix_in_progress')
    const card = await party.innerText()
    expect(card).toContain(STATEMENT_JA)
    expect(card).toContain('2026/05/15')

    // The response form came back to the parties tab; the messages are on their own.
    expect(new URL(page.url()).search).toBe('?tab=parties')
    expect(await page.locator('form[action$="/attempts"]').count()).toBe(0)
    await clickAndWait(page, page.getByRole('navigation', { name: '案件の項目' }).getByRole('link', { name: 'やり取り' }))
    const thread = page.locator('section.thread').filter({ has: page.getByRole('heading', { name: /開発者とのやりとり/ }) })
    await thread.getByLabel('メッセージ').fill('確認しました。修正版を準備します。')
    await clickAndWait(page, thread.getByRole('button', { name: '送信' }))
    expect(await thread.innerText()).toContain('確認しました。修正版を準備します。')

    // What a developer must not see: the finder's thread and the coordinator's contact log.
    const text = await mainText(page)
    expect(text).not.toContain('発見者とのやりとり')
    expect(text).not.toContain(FINDER_THREAD_MESSAGE)
    expect(text).not.toContain('連絡の記録')
    expect(text).not.toContain('連絡がついた')
    expect(await page.locator('form[action*="/threads/finder/"]').count()).toBe(0)
    expect(await page.locator('form[action$="/attempts"]').count()).toBe(0)
  })

  it('lets the coordinator draft the advisory and schedule its publication', { timeout: STEP }, async () => {
    const { page } = need(s.coordinator, 'the coordinator')
    await page.goto(`${need(s.casePath, 'the case page')}?tab=threads`)
    expect(await mainText(page)).toContain('確認しました。修正版を準備します。')
    await page.goto(`${need(s.casePath, 'the case page')}?tab=advisory`)
    await clickAndWait(page, page.getByRole('link', { name: '公表文案を編集' }))
    expect(new URL(page.url()).pathname).toBe(`${s.casePath}/advisory`)

    const text = {
      タイトル: [TITLE_JA, TITLE_EN],
      概要: ['ブラウザ試験電機株式会社が提供する BR-700 には、クロスサイト・スクリプティングの脆弱性が存在します。', 'BR-700 provided by Browser Test Electric Co. contains a cross-site scripting vulnerability.'],
      詳細情報: ['管理画面の設定名の処理に不備があります。', 'The settings page does not escape the setting name.'],
      想定される影響: ['管理者のブラウザ上で任意のスクリプトが実行される可能性があります。', 'An arbitrary script may be executed in the administrator\'s browser.'],
      対策方法: ['ファームウェアを最新版に更新してください。', 'Update the firmware to the latest version.'],
    }
    for (const [label, [ja, en]] of Object.entries(text)) {
      await page.getByLabel(`${label} (日本語)`).fill(ja!)
      await page.getByLabel(`${label} (英語)`).fill(en!)
    }
    await page.getByLabel('脆弱性の名称 (日本語)').fill('クロスサイト・スクリプティング')
    await page.getByLabel('脆弱性の名称 (英語)').fill('Cross-site scripting')
    await page.getByLabel('CVE', { exact: true }).fill(CVE)
    await page.getByLabel('CWE', { exact: true }).fill('CWE-79')
    await page.getByLabel('CVSS v3.1', { exact: true }).fill(CVSS31)
    await page.getByLabel('CVSS v4.0', { exact: true }).fill(CVSS40)
    // Affected products name their developer, product and versions in both languages, side by side.
    await page.getByLabel('開発者 (日本語)', { exact: true }).fill(ORG_JA)
    await page.getByLabel('開発者 (英語)', { exact: true }).fill('Browser Test Electric Co.')
    await page.getByLabel('製品 (日本語)', { exact: true }).fill('BR-700')
    await page.getByLabel('製品 (英語)', { exact: true }).fill('BR-700')
    await page.getByLabel('バージョン (日本語)', { exact: true }).fill('2.0.0 以前')
    await page.getByLabel('バージョン (英語)', { exact: true }).fill('2.0.0 and earlier')
    const credit = page.getByRole('checkbox', { name: new RegExp(CREDIT) })
    expect(await credit.isChecked()).toBe(true)
    // The editor may repeat its save button above and below the long form; either saves.
    await clickAndWait(page, page.getByRole('button', { name: '下書きを保存' }).first())
    await expectNoErrorBanner(page)
    expect(await page.getByRole('status').innerText()).toContain('下書きを保存しました')

    // The preview is what goes out, in both languages side by side.
    expect(await page.locator('#advisory-preview section[lang="en"] article.advisory').innerText()).toContain('Browser Test Electric Co.')
    const preview = await page.locator('#advisory-preview section[lang="ja"] article.advisory').innerText()
    expect(preview).toContain('6.1')
    expect(preview).toContain('CWE-79')
    expect(preview).toContain(STATEMENT_JA)

    await page.getByLabel('公表日時（日本時間）').fill(PUBLISH_AT_JST)
    await clickAndWait(page, page.getByRole('button', { name: '公表を予約' }))
    await expectNoErrorBanner(page)
    expect(await page.getByRole('status').innerText()).toContain('公表日時を設定しました')
    const facts = await page.locator('dl.facts').first().innerText()
    expect(facts).toContain('公表予定')
    expect(facts).toContain('2026/05/15 10:00')
    s.identifier = facts.match(/JVN#\d{8}/)?.[0]
    expect(s.identifier).toMatch(/^JVN#\d{8}$/)
  })

  it('keeps the advisory off the portal until its time, then shows it at once', { timeout: STEP }, async () => {
    s.visitor = await b.person()
    const { page, context } = s.visitor
    const detailPath = `/advisories/${slug()}`

    await page.goto('/advisories')
    expect(await mainText(page)).not.toContain(TITLE_JA)
    expect(await mainText(page)).not.toContain(need(s.identifier, 'the identifier'))
    const hidden = await page.goto(detailPath)
    expect(hidden?.status()).toBe(404)
    expect(await page.content()).not.toContain(TITLE_JA)
    const feedBefore = await context.request.get('/rss/advisories.rdf')
    expect(feedBefore.status()).toBe(200)
    const before = await feedBefore.text()
    expect(before).not.toContain(slug())
    expect(before).not.toContain(TITLE_JA)

    // The publication time passes; no worker has run, visibility follows publish_at alone.
    b.t.clock.set(AFTER_PUBLICATION)
    await page.goto('/advisories')
    const firstRow = page.locator('table.advisories tbody tr').first()
    expect(await firstRow.innerText()).toContain(TITLE_JA)
    expect(await firstRow.innerText()).toContain(need(s.identifier, 'the identifier'))
    await clickAndWait(page, firstRow.getByRole('link', { name: TITLE_JA }))
    expect(new URL(page.url()).pathname).toBe(detailPath)

    expect(await page.locator('h1').innerText()).toBe(TITLE_JA)
    const detail = await page.locator('article.advisory').innerText()
    expect(detail).toContain(s.identifier)
    expect(detail).toContain('6.1')
    expect(detail).toContain('5.3')
    expect(detail).toContain('CWE-79')
    expect(detail).toContain(CVE)
    expect(detail).toContain(STATEMENT_JA)
    expect(detail).toContain(CREDIT)
    expect(detail).toContain('2026/05/15')

    await clickAndWait(page, page.locator('header').getByRole('link', { name: 'English' }))
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.locator('h1').innerText()).toBe(TITLE_EN)
    expect(await page.locator('article.advisory').innerText()).toContain(STATEMENT_EN)
    await clickAndWait(page, page.locator('header').getByRole('link', { name: '日本語' }))
    expect(await page.locator('h1').innerText()).toBe(TITLE_JA)

    const feed = await (await context.request.get('/rss/advisories.rdf')).text()
    expect(feed).toContain(`${b.baseUrl}${detailPath}`)
    expect(feed).toContain(`<sec:identifier>${s.identifier}</sec:identifier>`)
    expect(feed).toContain(TITLE_JA)
  })

  it('renders Japanese with real glyphs, not tofu boxes', { timeout: STEP }, async () => {
    const { page } = need(s.visitor, 'the visitor')
    await page.goto(`/advisories/${slug()}`)
    await page.evaluate(() => document.fonts.ready.then(() => undefined))

    const dir = join(process.cwd(), 'test-results')
    mkdirSync(dir, { recursive: true })
    const file = join(dir, 'advisory-detail-ja.png')
    await page.screenshot({ path: file, fullPage: true })
    expect(statSync(file).size).toBeGreaterThan(10_000)

    // Same length, same size, different characters: only real glyphs tell them apart.
    await page.evaluate(() => {
      const box = document.createElement('div')
      box.id = 'glyph-probe'
      for (const [id, text] of [['probe-a', '脆弱性対策情報'], ['probe-b', '受付番号確認中']] as const) {
        const span = document.createElement('span')
        span.id = id
        span.textContent = text
        span.style.fontSize = '32px'
        span.style.display = 'inline-block'
        box.append(span, document.createElement('br'))
      }
      document.querySelector('main')!.prepend(box)
    })
    const a = page.locator('#probe-a')
    const c = page.locator('#probe-b')
    const [boxA, boxC] = [await a.boundingBox(), await c.boundingBox()]
    expect(boxA && boxC && boxA.width > 100 && Math.abs(boxA.width - boxC.width) < 1).toBe(true)
    const [shotA, shotC] = [await a.screenshot(), await c.screenshot()]
    expect(shotA.length).toBeGreaterThan(0)
    expect(shotA.equals(shotC)).toBe(false)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createUser, lastMailTo, totpCode, TEST_PASSWORD, type TestUser } from '../support/clients.js'
import { walkToNotifiedOperator } from '../support/website-story.js'
import { clickAndWait, headerLink, expectNoErrorBanner, mainText, signIn, startBrowserApp, type BrowserApp, type Person } from './browser.js'

/**
 * The website flow of DESIGN §4 in a real browser: a finder reports a site, intake accepts it,
 * registers and notifies the operator, the operator joins from its invitation and reports the fix;
 * then each other ending as the people who take it would click it.
 */
const STEP = 60_000
const NOW = '2026-04-01T01:00:00Z'
const SITE = 'https://www.browser-city.example.lg.jp/contact?q=1'
const OPERATOR_JA = 'ブラウザ試験市'

let b: BrowserApp
let intake: TestUser
let staff: Person
const s: { finder?: Person; operator?: Person; trackingUrl?: string; casePath?: string; contactEmail?: string } = {}
const need = <T,>(v: T | undefined, what: string): T => {
  if (v === undefined) throw new Error(`an earlier step did not provide ${what}`)
  return v
}
const statusOf = async (page: Page) => page.locator('#website').locator('xpath=ancestor::main').locator('.status[data-status]').first().getAttribute('data-status')

beforeAll(async () => {
  b = await startBrowserApp({ now: NOW })
  intake = await createUser(b.t, { roles: ['intake'], name: 'Intake Ito' })
  staff = await b.person()
  await signIn(staff.page, intake.email, TEST_PASSWORD, () => totpCode(b.t, intake))
})
afterAll(async () => { await b?.close() })

describe('a website report in a browser', () => {
  it('lets an anonymous finder report a website on its own form', { timeout: STEP }, async () => {
    s.finder = await b.person()
    const { page } = s.finder
    await page.goto('/report')
    await clickAndWait(page, page.getByRole('link', { name: 'ウェブサイト', exact: true }).first())
    expect(new URL(page.url()).pathname).toBe('/report/website')
    await page.getByLabel('URL').fill(`${SITE}\nhttps://www.browser-city.example.lg.jp/form`)
    await page.getByLabel('ウェブサイト運営者（わかれば）').fill(OPERATOR_JA)
    await page.getByLabel('脆弱性の種類').selectOption({ label: 'SQLインジェクション' })
    await page.getByLabel('想定される影響').selectOption({ label: '個人情報の漏洩' })
    await page.getByLabel('脆弱性の内容').fill("問い合わせフォームの q パラメータに ' を入れると SQL エラーが表示されます。")
    await page.getByLabel('再現手順・検証コード（PoC）').fill("q=1' OR '1'='1")
    await page.getByLabel('氏名（ハンドル可）').fill('ブラウザ 発見者')
    await page.getByLabel('メールアドレス').fill('browser-web-finder@example.test')
    await clickAndWait(page, page.getByRole('button', { name: '届け出る' }))
    await expectNoErrorBanner(page)
    s.trackingUrl = await page.getByTestId('tracking-link').getAttribute('href') ?? undefined
    const text = await mainText(page)
    expect(text).toContain('受付済み')
    expect(text).toContain(SITE)
    expect(text).toContain('SQLインジェクション')
  })

  it('lets intake accept it, register the operator with its type and notify it', { timeout: STEP }, async () => {
    const { page } = staff
    await clickAndWait(page, await headerLink(page, '受付キュー'))
    await clickAndWait(page, page.getByTestId('intake-queue').getByRole('link').first())
    s.casePath = new URL(page.url()).pathname
    const accept = page.locator('form[action$="/accept"]')
    await accept.getByLabel('脆弱性の種類').selectOption({ label: 'SQLインジェクション' })
    await clickAndWait(page, accept.getByRole('button', { name: '受理する' }))
    await expectNoErrorBanner(page)
    await clickAndWait(page, page.getByRole('navigation', { name: '案件の項目' }).getByRole('link', { name: '関係者' }))
    expect(await statusOf(page)).toBe('accepted')

    await clickAndWait(page, page.getByRole('link', { name: '運営者を登録' }))
    await page.getByLabel('名称（日本語）').fill(OPERATOR_JA)
    await page.getByLabel('名称（英語）').fill('Browser Test City')
    await page.getByLabel('組織の種類').selectOption({ label: '地方公共団体' })
    await clickAndWait(page, page.getByRole('button', { name: '保存' }))
    await expectNoErrorBanner(page)
    s.contactEmail = 'joho@browser-city.example.test'
    await page.getByLabel('担当者名・窓口名').fill('情報政策課')
    await page.getByLabel('メールアドレス').fill(s.contactEmail)
    await clickAndWait(page, page.getByRole('button', { name: '連絡先を追加' }))
    await clickAndWait(page, page.getByRole('link', { name: '案件に戻る' }))

    const notify = page.locator('form[action$="/operator"]')
    await notify.getByLabel('運営者と連絡先').selectOption({ index: 0 })
    await clickAndWait(page, notify.getByRole('button', { name: '連絡する（招待メールを送信）' }))
    await expectNoErrorBanner(page)
    expect(await statusOf(page)).toBe('operator_notified')
    expect(await page.locator('#website').innerText()).toContain(OPERATOR_JA)
  })

  it('lets the operator join from the invitation and report the fix as a workaround; the finder sees the outcome', { timeout: STEP }, async () => {
    const mails = await lastMailTo(b.t, need(s.contactEmail, 'the contact'))
    const link = mails.map((m) => m.body_text.match(/https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/)?.[0]).find(Boolean)
    expect(mails.every((m) => !m.body_text.includes('browser-city.example.lg.jp'))).toBe(true)
    s.operator = await b.person()
    const { page } = s.operator
    await page.goto(link!)
    await page.getByLabel('表示名').fill('運営 田中')
    await page.getByLabel('パスワード').fill(TEST_PASSWORD)
    await clickAndWait(page, page.getByRole('button', { name: 'アカウントを作成' }))
    await expectNoErrorBanner(page)
    expect(new URL(page.url()).pathname).toBe(s.casePath)
    const text = await mainText(page)
    expect(text).toContain(SITE)
    expect(text).toContain('（発見者は身元の開示に同意していません）')

    await clickAndWait(page, page.getByRole('navigation', { name: '案件の項目' }).getByRole('link', { name: '関係者' }))
    const fix = page.locator('form[action$="/fix"]')
    await fix.getByLabel('運用で回避').check()
    await fix.getByLabel('補足（任意）').fill('WAF で該当パラメータを遮断しました')
    await clickAndWait(page, fix.getByRole('button', { name: '修正完了を報告' }))
    await expectNoErrorBanner(page)
    expect(await statusOf(page)).toBe('fixed')
    expect(await page.locator('#website').innerText()).toContain('運用で回避')

    const finder = need(s.finder, 'the finder').page
    await finder.goto(need(s.trackingUrl, 'the tracking link'))
    const seen = await mainText(finder)
    expect(seen).toContain('修正完了')
    expect(seen).toContain('運用で回避')
  })
})

/** A fresh case notified to a fresh operator, and that operator signed in in its own browser. */
async function notifiedCase(report: Record<string, unknown> = {}) {
  const w = await walkToNotifiedOperator(b.t, { intake, report })
  const person = await b.person()
  await signIn(person.page, w.contactEmail, TEST_PASSWORD)
  await person.page.goto(`/cases/${w.caseId}?tab=parties`)
  return { ...w, page: person.page }
}

describe('the other endings in a browser', () => {
  for (const [label, key] of [['修正', 'code_fixed'], ['当該ページを削除', 'page_deleted']] as const) {
    it(`fixed (${label}): the operator reports it from its case page`, { timeout: STEP }, async () => {
      const w = await notifiedCase()
      const fix = w.page.locator('form[action$="/fix"]')
      await fix.getByLabel(label, { exact: true }).check()
      await clickAndWait(w.page, fix.getByRole('button', { name: '修正完了を報告' }))
      await expectNoErrorBanner(w.page)
      expect(await statusOf(w.page)).toBe('fixed')
      const ev = await b.t.db.selectFrom('case_events').select('data').where('case_id', '=', w.caseId).where('type', '=', 'report_fix').executeTakeFirstOrThrow()
      expect(ev.data).toMatchObject({ fixType: key })
    })
  }

  it('not vulnerable: the operator objects, intake closes the case', { timeout: STEP }, async () => {
    const w = await notifiedCase()
    const dispute = w.page.locator('form[action$="/dispute"]')
    await dispute.getByLabel('理由（脆弱性ではない、当社のサイトではない など）').fill('出力時にエスケープしており再現しません')
    await clickAndWait(w.page, dispute.getByRole('button', { name: '異議を伝える' }))
    await expectNoErrorBanner(w.page)

    const { page } = staff
    await page.goto(`/cases/${w.caseId}?tab=timeline`)
    expect(await mainText(page)).toContain('運営者が異議を申し立て')
    await page.goto(`/cases/${w.caseId}?tab=parties`)
    const close = page.locator('form[action$="/website-closure"]')
    await close.getByLabel('脆弱性ではない', { exact: false }).first().check()
    await close.getByLabel('記録（必須）').fill('運営者と確認し再現せず')
    await clickAndWait(page, close.getByRole('button', { name: '終了する' }))
    await expectNoErrorBanner(page)
    expect(await statusOf(page)).toBe('not_vulnerable')
  })

  it('stalled: intake ends a case whose operator stopped answering, and resumes it when it reappears', { timeout: STEP }, async () => {
    const w = await notifiedCase()
    const { page } = staff
    await page.goto(`/cases/${w.caseId}?tab=parties`)
    const close = page.locator('form[action$="/website-closure"]')
    await close.getByLabel('調整が滞った（取扱い終了）').check()
    await close.getByLabel('調整が滞った理由').selectOption('coordination_stopped')
    await close.getByLabel('記録（必須）').fill('3 回督促したが返信なし')
    await clickAndWait(page, close.getByRole('button', { name: '終了する' }))
    await expectNoErrorBanner(page)
    expect(await statusOf(page)).toBe('stalled')

    await page.getByLabel('再開の理由').fill('運営者から電話があった')
    await clickAndWait(page, page.getByRole('button', { name: '取扱いを再開' }))
    await expectNoErrorBanner(page)
    expect(await statusOf(page)).toBe('operator_notified')
    await page.goto('/websites?status=operator_notified')
    expect(await mainText(page)).toContain(w.filed.receiptNumber)
  })

  it('closed by a public alert: intake publishes an alert and ends several covered cases in one step', { timeout: STEP }, async () => {
    const covered = []
    for (let i = 0; i < 3; i++) covered.push(await walkToNotifiedOperator(b.t, { intake, vulnerabilityType: 'dns_misconfiguration', impact: 'domain_info_injection' }))
    const untouched = await walkToNotifiedOperator(b.t, { intake, vulnerabilityType: 'xss' })
    const { page } = staff
    await page.goto('/staff/alerts')
    await clickAndWait(page, page.getByRole('link', { name: '注意喚起を起草する' }))
    await page.getByLabel('タイトル（日本語）').fill('DNS 設定の不備によるドメイン乗っ取りに関する注意喚起')
    await page.getByLabel('タイトル（英語）').fill('Alert: domain takeover through DNS misconfiguration')
    await page.getByLabel('脆弱性の種類').selectOption('dns_misconfiguration')
    await page.getByLabel('本文（日本語）').fill('不要になった DNS レコードを削除してください。')
    await page.getByLabel('本文（英語）').fill('Remove DNS records you no longer use.')
    await clickAndWait(page, page.getByRole('button', { name: '下書きを保存' }))
    await expectNoErrorBanner(page)
    await clickAndWait(page, page.getByRole('button', { name: '今すぐ公表する' }))
    await expectNoErrorBanner(page)

    await clickAndWait(page, page.getByRole('link', { name: /対象の届出を選ぶ/ }))
    for (const w of covered) await page.getByRole('row').filter({ hasText: w.filed.receiptNumber }).getByRole('checkbox').check()
    expect(await page.getByRole('row').filter({ hasText: untouched.filed.receiptNumber }).count()).toBe(0) // another type is not offered by default
    await clickAndWait(page, page.getByRole('button', { name: '選んだ届出を対象にする' }))
    await expectNoErrorBanner(page)
    await clickAndWait(page, page.getByRole('button', { name: '取扱い中の対象の届出をすべて終了する' }))
    await expectNoErrorBanner(page)
    expect(await page.getByRole('status').innerText()).toContain('3 件の届出の取扱いを終了しました')

    for (const w of covered) {
      await page.goto(`/cases/${w.caseId}?tab=parties`)
      expect(await statusOf(page)).toBe('closed_by_alert')
      expect(await page.locator('#website').innerText()).toMatch(/KKA-2026-\d{4} DNS 設定の不備/)
    }
    await page.goto(`/cases/${untouched.caseId}?tab=parties`)
    expect(await statusOf(page)).toBe('operator_notified')

    // The public reads the alert, and nothing about the cases it closed.
    const visitor = await b.person()
    await visitor.page.goto('/alerts')
    await clickAndWait(visitor.page, visitor.page.getByRole('link', { name: 'DNS 設定の不備によるドメイン乗っ取りに関する注意喚起' }))
    const text = await mainText(visitor.page)
    expect(text).toContain('不要になった DNS レコードを削除してください。')
    for (const w of covered) expect(text).not.toContain(w.filed.receiptNumber)
    expect(text).not.toContain('city.sample.lg.jp')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createUser, totpCode, TEST_PASSWORD, type TestUser } from '../support/clients.js'
import { declareThroughApi, walkToUnansweredDeveloper, type UnansweredCase } from '../../src/uncontactable/uncontactable.test-support.js'
import { clickAndWait, expectNoErrorBanner, mainText, signIn, startBrowserApp, type BrowserApp, type Person } from './browser.js'

/**
 * A publication decision committee meeting in a real browser: the coordinator refers an
 * uncontactable case and records the meeting, one member recuses, two vote, the chair records the
 * decision to publish, and the stop-using advisory appears on the portal at its time.
 */

const STEP = 60_000
const NOW = '2026-04-15T01:00:00Z' // 10:00 in Japan
const PUBLISH_AT_JST = '2026-05-01T10:00'
const AFTER_PUBLICATION = '2026-05-01T01:05:00Z'
const PRODUCT = 'ブラウザ委員会ルータ CR-9'
const DESCRIPTION = 'CR-9 の管理画面に認証回避の脆弱性があります。'
const DESCRIPTION_JA = '管理画面の認証処理に不備があり、認証を回避できます。'

let b: BrowserApp
let s: UnansweredCase
let chair: TestUser, member: TestUser, recusing: TestUser
const people: { coordinator?: Person; chair?: Person; member?: Person; recusing?: Person; visitor?: Person } = {}
let referralPath = ''

const need = <T,>(v: T | undefined, what: string): T => {
  if (v === undefined) throw new Error(`an earlier step did not provide ${what}`)
  return v
}

async function signedIn(user: TestUser): Promise<Person> {
  const person = await b.person()
  await signIn(person.page, user.email, TEST_PASSWORD, () => totpCode(b.t, user))
  return person
}

async function openReferral(page: Page) {
  await page.goto('/')
  await clickAndWait(page, page.locator('header').getByRole('link', { name: '公表判定委員会' }))
  await clickAndWait(page, page.getByTestId('committee-referrals').getByRole('link', { name: new RegExp(PRODUCT) }))
  expect(new URL(page.url()).pathname).toBe(referralPath)
}

beforeAll(async () => {
  b = await startBrowserApp({ now: NOW })
  chair = await createUser(b.t, { roles: ['committee'], name: '委員長 森' })
  member = await createUser(b.t, { roles: ['committee'], name: '委員 阿部' })
  recusing = await createUser(b.t, { roles: ['committee'], name: '委員 上田' })
  // A case whose developer has not answered since March, declared uncontactable (the API tests cover that path).
  s = await walkToUnansweredDeveloper(b.t, {
    orgName: { ja: '沈黙機器株式会社', en: 'Silent Devices Inc.' },
    report: { productName: PRODUCT, description: DESCRIPTION },
    attempts: [
      { channel: 'email', attemptedOn: '2026-03-02', result: 'no_answer' },
      { channel: 'phone', attemptedOn: '2026-03-05', result: 'no_answer' },
      { channel: 'postal', attemptedOn: '2026-03-10', result: 'bounced' },
    ],
  })
  await declareThroughApi(s)
})

afterAll(async () => {
  await b?.close()
})

describe('a committee meeting in a browser', () => {
  it('lets the coordinator refer the uncontactable case and record the meeting', { timeout: STEP }, async () => {
    people.coordinator = await signedIn(s.coordinator)
    const { page } = people.coordinator
    await page.goto(`/cases/${s.caseId}?tab=parties`)
    expect(await page.locator('.status[data-status]').first().getAttribute('data-status')).toBe('uncontactable')
    const section = page.getByTestId('committee-section')
    await section.getByLabel('付議理由').selectOption({ label: '連絡不能' })
    await section.getByLabel('付議にあたっての説明').fill('3月から応答がなく、連絡不能開発者一覧に掲載済み')
    await clickAndWait(page, section.getByRole('button', { name: '公表判定委員会に付議する' }))
    await expectNoErrorBanner(page)
    expect(await page.locator('.status[data-status]').first().getAttribute('data-status')).toBe('committee_review')
    referralPath = need(await page.getByTestId('committee-section').getByRole('link', { name: '連絡不能' }).getAttribute('href') ?? undefined, 'the referral link')

    await page.goto('/committee/meetings')
    await page.getByLabel('開催日').fill('2026-04-20')
    for (const m of [chair, member, recusing]) await page.getByRole('checkbox', { name: m === chair ? '委員長 森' : m === member ? '委員 阿部' : '委員 上田' }).check()
    await page.getByLabel('委員長', { exact: true }).selectOption({ label: '委員長 森' })
    await page.getByRole('checkbox', { name: new RegExp(PRODUCT) }).check()
    await page.getByLabel('議事メモ').fill('連絡不能案件 1 件を審議。上田委員は利益相反のため回避。')
    await clickAndWait(page, page.getByRole('button', { name: '開催記録を登録' }))
    await expectNoErrorBanner(page)
    const text = await mainText(page)
    expect(text).toContain('2026/04/20')
    expect(text).toContain('委員 上田')
    expect(text).toContain(PRODUCT)
  })

  it('lets a member with a conflict of interest recuse, after which the details are gone for them', { timeout: STEP }, async () => {
    people.recusing = await signedIn(recusing)
    const { page } = people.recusing
    await openReferral(page)
    expect(await mainText(page)).toContain(DESCRIPTION)
    const form = page.locator('form[action$="/recusal"]')
    await form.getByLabel('回避の理由').fill('開発者の元役員と親族関係にある')
    await clickAndWait(page, form.getByRole('button', { name: '審議を回避する' }))
    await expectNoErrorBanner(page)
    expect(await page.getByTestId('recused').innerText()).toContain('開発者の元役員と親族関係にある')
    const text = await mainText(page)
    expect(text).not.toContain(DESCRIPTION)
    expect(await page.locator('form[action$="/votes"]').count()).toBe(0)
  })

  it('lets two members vote to publish', { timeout: STEP }, async () => {
    people.chair = await signedIn(chair)
    people.member = await signedIn(member)
    for (const [person, comment] of [[people.chair, '利用者保護のため公表すべき'], [people.member, '長期間応答がなく公表が妥当']] as const) {
      const { page } = person
      await openReferral(page)
      const text = await mainText(page)
      expect(text).toContain(DESCRIPTION)
      expect(text).toContain('沈黙機器株式会社')
      const form = page.locator('form[action$="/votes"]')
      await form.getByLabel('公表する', { exact: true }).check()
      await form.getByLabel('会合').selectOption({ label: '2026/04/20' })
      await form.getByLabel('コメント').fill(comment)
      await clickAndWait(page, form.getByRole('button', { name: '意見を登録' }))
      await expectNoErrorBanner(page)
      expect(await page.getByTestId('votes').innerText()).toContain(comment)
    }
    const votes = await need(people.member, 'the member').page.getByTestId('votes').innerText()
    expect(votes).toContain('委員長 森')
    expect(votes).toContain('委員 阿部')
    expect(votes).not.toContain('委員 上田')
  })

  it('lets the chair record the decision to publish a stop-using advisory', { timeout: STEP }, async () => {
    const { page } = need(people.chair, 'the chair')
    await page.goto(referralPath)
    const form = page.getByTestId('decision')
    await form.getByLabel('公表する', { exact: true }).check()
    await form.getByLabel('判定の理由').fill('3か月以上連絡が取れず、利用者への危険が大きいため')
    await form.getByLabel('公表日時').fill(PUBLISH_AT_JST)
    // The draft proposes the title, overview and a stop-using solution; the rest is written here.
    expect(await form.getByLabel('対策方法 (日本語)').inputValue()).toContain('利用を中止')
    expect(await form.getByLabel('タイトル (日本語)').inputValue()).toContain(PRODUCT)
    await form.getByLabel('詳細情報 (日本語)').fill(DESCRIPTION_JA)
    await form.getByLabel('詳細情報 (英語)').fill('The admin screen does not authenticate properly.')
    await form.getByLabel('想定される影響 (日本語)').fill('第三者に機器の設定を変更される可能性があります。')
    await form.getByLabel('想定される影響 (英語)').fill('A third party may change the device settings.')
    await form.getByLabel('脆弱性の名称 (日本語)').fill('認証の回避')
    await form.getByLabel('脆弱性の名称 (英語)').fill('Authentication bypass')
    await form.getByLabel('CWE').fill('CWE-287')
    await clickAndWait(page, form.getByRole('button', { name: '判定を記録する' }))
    await expectNoErrorBanner(page)
    const text = await mainText(page)
    expect(text).toContain('公表と判定')
    expect(text).toContain('3か月以上連絡が取れず')
    expect(text).toContain('2026/05/01 10:00')
  })

  it('shows the advisory on the portal exactly from its time', { timeout: STEP }, async () => {
    people.visitor = await b.person()
    const { page } = people.visitor
    await page.goto('/advisories')
    expect(await mainText(page)).not.toContain(PRODUCT)
    b.t.clock.set(AFTER_PUBLICATION)
    await page.goto('/advisories')
    const row = page.locator('table.advisories tbody tr').filter({ hasText: PRODUCT })
    await clickAndWait(page, row.getByRole('link', { name: new RegExp(PRODUCT) }))
    const advisory = await page.locator('article.advisory').innerText()
    expect(advisory).toContain(DESCRIPTION_JA)
    expect(advisory).toContain('製品の利用を中止してください')
    expect(advisory).toContain('沈黙機器株式会社')
    expect(advisory).toContain('CWE-287')
    // What only the committee saw stays off the portal.
    expect(advisory).not.toContain(DESCRIPTION)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, createUser, lastMailTo, signInBrowser, type TestUser } from '../../test/support/clients.js'
import { productReport } from '../../test/support/fixtures.js'
import { walkToNotifiedDeveloper } from '../../test/support/story.js'
import { completeDraft, scheduleAndPublish } from '../end-of-life/eol.test-support.js'

let t: TestApp
let s: Awaited<ReturnType<typeof walkToNotifiedDeveloper>>
let second: { caseId: string; receipt: string; token: string; email: string; user: TestUser }
let third: { caseId: string; receipt: string; token: string; email: string }
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  s = await walkToNotifiedDeveloper(t)
})
afterAll(async () => { await t.close() })

/** Files another report of the same vulnerability; returns its own (received) case. */
async function fileReport(overrides: Record<string, unknown>, as = apiClient(t)) {
  const res = await as.post('/api/v1/reports', productReport(overrides))
  expect(res.status).toBe(201)
  const caseId = (await t.db.selectFrom('reports').select('case_id').where('receipt_number', '=', res.json.receiptNumber).executeTakeFirstOrThrow()).case_id
  return { caseId, receipt: res.json.receiptNumber as string, token: res.json.trackingToken as string, email: overrides.finderEmail as string }
}
const statusOf = async (caseId: string) => (await t.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow())
const reportsOf = async (caseId: string) => (await t.db.selectFrom('reports').select('receipt_number').where('case_id', '=', caseId).execute()).map((r) => r.receipt_number).sort()

describe('joining a duplicate report', () => {
  it('moves the report to the existing case, closes its own case as a duplicate and tells its finder', async () => {
    const user = await createUser(t, { name: 'Second Finder' })
    second = { ...await fileReport({ finderName: '鈴木 花子', finderEmail: 'hanako@example.test', creditName: 'Hanako Suzuki', description: '二人目の説明 SECOND-ONLY' }, user.api), user }
    // intake asks the second finder something before noticing the duplicate; the thread follows the report
    const reportId = (await t.db.selectFrom('reports').select('id').where('receipt_number', '=', second.receipt).executeTakeFirstOrThrow()).id
    expect((await s.intake.api.post(`/api/v1/cases/${second.caseId}/threads/finder/${reportId}/messages`, { body: '再現手順を確認しました' })).status).toBe(201)

    const res = await s.intake.api.post(`/api/v1/cases/${second.caseId}/join-duplicate`, { targetReceipt: s.filed.receiptNumber, note: '同一の XSS' })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json).toMatchObject({ status: 'not_accepted', targetCaseId: s.caseId, movedReportIds: [reportId] })

    const closed = await statusOf(second.caseId)
    expect(closed).toMatchObject({ status: 'not_accepted', rejection_reason: 'duplicate', duplicate_of: s.caseId })
    expect(closed.closed_at).not.toBe(null)
    expect(await reportsOf(s.caseId)).toEqual([s.filed.receiptNumber, second.receipt].sort())
    expect(await reportsOf(second.caseId)).toEqual([])
    const sourceEvents = await t.db.selectFrom('case_events').select(['type', 'data']).where('case_id', '=', second.caseId).orderBy('id').execute()
    expect(sourceEvents.at(-1)).toMatchObject({ type: 'reject', data: { reason: 'duplicate', duplicateOf: s.caseId, joined: true } })
    const targetView = (await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json
    expect(targetView.timeline.at(-1).type).toBe('duplicate_joined')
    expect(targetView.reports).toHaveLength(2)

    const mails = await lastMailTo(t, 'hanako@example.test')
    expect(mails.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringContaining('既存の案件にまとめました')]))
    const firstFinder = (await t.db.selectFrom('reports').select('finder_email').where('receipt_number', '=', s.filed.receiptNumber).executeTakeFirstOrThrow()).finder_email!
    expect((await lastMailTo(t, firstFinder)).map((m) => m.subject).join()).not.toContain('まとめました')
  })

  it('lets the joined finder follow the case by link and account, seeing only their own report', async () => {
    const tracked = (await apiClient(t).get(`/api/v1/tracking/${second.token}`)).json
    expect(tracked).toMatchObject({ receiptNumber: second.receipt, status: 'in_handling', startDate: '2026-04-01' })
    expect(tracked.messages.map((m: { body: string }) => m.body)).toEqual(['再現手順を確認しました'])
    const mine = (await second.user.api.get('/api/v1/my/reports')).json.reports
    expect(mine.map((r: { status: string }) => r.status)).toEqual(['in_handling'])
    const asFinder = await second.user.api.get(`/api/v1/cases/${s.caseId}`)
    expect(asFinder.status).toBe(200)
    expect(asFinder.json.viewer).toBe('finder')
    expect(asFinder.json.reports.map((r: { receiptNumber: string }) => r.receiptNumber)).toEqual([second.receipt])
    for (const body of [JSON.stringify(tracked), JSON.stringify(mine), JSON.stringify(asFinder.json)]) {
      expect(body).not.toContain('山田 太郎')
      expect(body).not.toContain(s.filed.receiptNumber)
    }
    // and the first finder never sees the second
    const first = JSON.stringify((await apiClient(t).get(`/api/v1/tracking/${s.filed.trackingToken}`)).json)
    expect(first).not.toContain('SECOND-ONLY')
    expect(first).not.toContain('鈴木 花子')
  })

  it('refuses joining a case to itself or to a closed case, writing nothing', async () => {
    const own = await fileReport({ finderEmail: 'own@example.test' })
    const self = await s.intake.api.post(`/api/v1/cases/${own.caseId}/join-duplicate`, { targetReceipt: own.receipt })
    expect(self.status).toBe(409)
    expect(self.json.error.code).toBe('duplicates.same_case')
    const toClosed = await s.intake.api.post(`/api/v1/cases/${own.caseId}/join-duplicate`, { targetCaseId: second.caseId })
    expect(toClosed.status).toBe(409)
    expect(toClosed.json.error.code).toBe('duplicates.target_closed')
    expect((await s.intake.api.post(`/api/v1/cases/${own.caseId}/join-duplicate`, { targetReceipt: 'KK-1999-000000' })).status).toBe(400)
    expect((await s.intake.api.post(`/api/v1/cases/${own.caseId}/join-duplicate`, {})).status).toBe(400)
    // a case already accepted is no longer a fresh report to join
    const fromOpen = await s.intake.api.post(`/api/v1/cases/${s.caseId}/join-duplicate`, { targetReceipt: own.receipt })
    expect(fromOpen.status).toBe(409)
    expect((await statusOf(own.caseId)).status).toBe('received')
    expect(await reportsOf(own.caseId)).toEqual([own.receipt])
    expect((await lastMailTo(t, 'own@example.test')).map((m) => m.subject).join()).not.toContain('まとめました')
    // outsiders cannot join anything
    expect((await s.developer.api.post(`/api/v1/cases/${own.caseId}/join-duplicate`, { targetReceipt: s.filed.receiptNumber })).status).toBe(404)
    expect((await second.user.api.post(`/api/v1/cases/${own.caseId}/join-duplicate`, { targetReceipt: s.filed.receiptNumber })).status).toBe(404)
  })

  it('lets a coordinator join from the case page', async () => {
    third = await fileReport({ finderName: '匿名希望', finderEmail: 'anon@example.test', consentCredit: false, creditName: undefined })
    const b = browserClient(t)
    await signInBrowser(t, b, s.coordinator)
    const page = await b.get(`/cases/${third.caseId}`)
    expect(page.text).toContain(`action="/cases/${third.caseId}/join-duplicate"`)
    const res = await b.post(`/cases/${third.caseId}/join-duplicate`, { targetReceipt: second.receipt, note: '' })
    expect(res.status).toBe(303)
    expect(res.location).toBe(`/cases/${s.caseId}`)
    expect((await b.get(`/cases/${third.caseId}`)).text).toContain('data-testid="duplicate-of"')
    expect(await reportsOf(s.caseId)).toHaveLength(3)
  })

  it('tells every finder of the outcome and credits exactly those who consented', async () => {
    await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'vulnerable', statementJa: '修正版を公開しました', statementEn: 'Fixed' })
    const draft = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, completeDraft({
      title: { ja: 'WR-1000 の XSS', en: 'XSS in WR-1000' }, overview: { ja: '', en: '' }, solution: { ja: '更新してください', en: 'Update' },
      affectedProducts: [{ developer: 'サンプル電機', product: 'WR-1000', versions: '1.2.3' }],
    }))
    expect(draft.status, JSON.stringify(draft.json)).toBe(200)
    const identifier = await scheduleAndPublish(t, s)
    const advisory = (await apiClient(t).get(`/api/v1/advisories/${identifier.replace('#', '')}`)).json
    const credits = JSON.stringify(advisory.credits)
    expect(credits).toContain('Taro Yamada')
    expect(credits).toContain('Hanako Suzuki')
    expect(credits).not.toContain('匿名希望')
    const firstFinder = (await t.db.selectFrom('reports').select('finder_email').where('receipt_number', '=', s.filed.receiptNumber).executeTakeFirstOrThrow()).finder_email!
    for (const email of [firstFinder, 'hanako@example.test', 'anon@example.test']) {
      expect((await lastMailTo(t, email)).map((m) => m.subject), email).toEqual(expect.arrayContaining([expect.stringContaining('公表しました')]))
    }
    expect((await apiClient(t).get(`/api/v1/tracking/${third.token}`)).json.status).toBe('published')
  })
})

describe('a duplicate joining after the advisory was drafted', () => {
  it('is credited if they consented, and only then', async () => {
    const s2 = await walkToNotifiedDeveloper(t)
    await s2.developer.api.post(`/api/v1/cases/${s2.caseId}/parties/${s2.partyId}/response`, { response: 'vulnerable' })
    const draft = await s2.coordinator.api.put(`/api/v1/cases/${s2.caseId}/advisory`, completeDraft({
      title: { ja: '別の脆弱性', en: 'Another vulnerability' }, overview: { ja: '', en: '' }, solution: { ja: '更新', en: 'Update' },
      affectedProducts: [{ developer: 'サンプル電機', product: 'WR-2000', versions: '2.0' }],
    }))
    expect(draft.status).toBe(200)
    const late = await fileReport({ finderEmail: 'late@example.test', creditName: 'Late Joiner' })
    const shy = await fileReport({ finderEmail: 'shy@example.test', consentCredit: false, finderName: '名前は出さないで', creditName: undefined })
    for (const r of [late, shy]) {
      expect((await s2.intake.api.post(`/api/v1/cases/${r.caseId}/join-duplicate`, { targetReceipt: s2.filed.receiptNumber })).status).toBe(200)
    }
    const identifier = await scheduleAndPublish(t, s2)
    const credits = JSON.stringify((await apiClient(t).get(`/api/v1/advisories/${identifier.replace('#', '')}`)).json.credits)
    expect(credits).toContain('Taro Yamada')
    expect(credits).toContain('Late Joiner')
    expect(credits).not.toContain('名前は出さないで')
  })
})

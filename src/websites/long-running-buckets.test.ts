import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { createUser, type TestUser } from '../../test/support/clients.js'
import { walkToNotifiedOperator } from '../../test/support/website-story.js'
import { bucketOf, bucketsFrom, LONG_RUNNING_BUCKETS } from './long-running-buckets.js'
import { calendarDaysBetween } from '../platform/calendar/business-days.js'
import { latestLongRunningStart } from './long-running.queries.js'

describe('elapsed-day buckets', () => {
  it('run 90–199, then every hundred days, then 1000 days and more', () => {
    expect(LONG_RUNNING_BUCKETS.map((b) => b.key)).toEqual(['90-199', '200-299', '300-399', '400-499', '500-599', '600-699', '700-799', '800-899', '900-999', '1000+'])
    expect(bucketOf(89)).toBeNull()
    expect(bucketOf(90)?.key).toBe('90-199')
    expect(bucketOf(199)?.key).toBe('90-199')
    expect(bucketOf(200)?.key).toBe('200-299')
    expect(bucketOf(999)?.key).toBe('900-999')
    expect(bucketOf(1000)?.key).toBe('1000+')
    expect(bucketOf(5000)?.key).toBe('1000+')
  })

  it('start at the threshold when the policy is not 90 days', () => {
    expect(bucketsFrom(90)).toEqual(LONG_RUNNING_BUCKETS)
    expect(bucketsFrom(120)[0]).toEqual({ key: '90-199', min: 120, max: 199 })
    expect(bucketsFrom(250).map((b) => b.key)[0]).toBe('200-299')
    expect(bucketsFrom(250)[0]!.min).toBe(250)
    expect(bucketsFrom(60)[0]).toEqual({ key: '90-199', min: 60, max: 199 })
  })

  it('count calendar days between Japan dates, across months and leap days', () => {
    expect(calendarDaysBetween('2025-04-01', '2025-06-30')).toBe(90)
    expect(calendarDaysBetween('2024-02-28', '2024-03-01')).toBe(2)
  })

  it('the latest notification date that counts today follows the policy unit', () => {
    expect(latestLongRunningStart({ amount: 90, unit: 'calendar_days', direction: 'after' }, '2025-06-30')).toBe('2025-04-01')
    expect(latestLongRunningStart({ amount: 3, unit: 'months', direction: 'after' }, '2025-05-31')).toBe('2025-02-28')
    // Ten business days back from Thursday 8 May 2025 skip Golden Week: Monday 21 April.
    expect(latestLongRunningStart({ amount: 10, unit: 'business_days', direction: 'after' }, '2025-05-08')).toBe('2025-04-21')
  })
})

describe('the summary of long-running cases by bucket and vulnerability type', () => {
  let t: TestApp
  let intake: TestUser
  beforeAll(async () => {
    t = await setupTestApp({ now: '2023-01-01T01:00:00Z' })
    intake = await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
  })
  afterAll(async () => { await t.close() })

  async function notified(on: string, vulnerabilityType: string) {
    t.clock.set(`${on}T01:00:00Z`)
    return walkToNotifiedOperator(t, { intake, vulnerabilityType })
  }

  it('counts only open cases notified at least 90 days ago, each in its bucket and type', async () => {
    await notified('2023-01-01', 'sql_injection') // 1186 days on 1 April 2026
    const stalled = await notified('2025-05-01', 'xss')
    expect((await intake.api.post(`/api/v1/cases/${stalled.caseId}/website-closure`, { ending: 'stalled', reason: 'operator_unreachable', note: '応答なし' })).status).toBe(200)
    await notified('2025-06-01', 'sql_injection') // 304 days
    const fixed = await notified('2025-09-01', 'dns_misconfiguration')
    expect((await fixed.operator.api.post(`/api/v1/cases/${fixed.caseId}/fix`, { fixType: 'workaround' })).status).toBe(200)
    await notified('2025-10-01', 'xss') // 182 days
    await notified('2026-01-01', 'xss') // 90 days
    await notified('2026-03-01', 'xss') // 31 days: not yet

    t.clock.set('2026-04-01T01:00:00Z')
    const res = await intake.api.get('/api/v1/websites/long-running')
    expect(res.status).toBe(200)
    const { summary, cases, total } = res.json
    const counts = (key: string) => summary.rows.find((r: any) => r.vulnerabilityType.key === key).counts
    expect(counts('xss')).toMatchObject({ '90-199': 2, '200-299': 0, '300-399': 0 })
    expect(counts('sql_injection')).toMatchObject({ '90-199': 0, '300-399': 1, '1000+': 1 })
    expect(counts('dns_misconfiguration')).toMatchObject({ '200-299': 0 })
    expect(summary.totals).toMatchObject({ '90-199': 2, '200-299': 0, '300-399': 1, '1000+': 1 })
    expect(summary.total).toBe(4)
    expect(total).toBe(4)
    expect((cases as any[]).map((c) => c.elapsedDays)).toEqual([1186, 304, 182, 90])
    expect((cases as any[]).map((c) => c.bucket)).toEqual(['1000+', '300-399', '90-199', '90-199'])

    // Column labels for phones (data-label) are presentation; the cells are what is checked.
    const page = (await intake.api.get('/websites/long-running')).text.replace(/ data-label="[^"]*"/g, '')
    expect(page).toMatch(/<tr data-type="xss">[\s\S]*?<td data-bucket="90-199"><a href="\/websites\/long-running\?type=xss&amp;bucket=90-199">2<\/a><\/td>/)
    const filtered = await intake.api.get('/api/v1/websites/long-running?type=xss&bucket=90-199')
    expect((filtered.json.cases as any[]).map((c) => c.elapsedDays)).toEqual([182, 90])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser, type TestUser } from '../../test/support/clients.js'
import { walkToNotifiedOperator } from '../../test/support/website-story.js'
import { runDeadlineJobs } from '../deadlines/deadline-jobs.js'

let t: TestApp
let intake: TestUser
let admin: TestUser
beforeAll(async () => {
  t = await setupTestApp({ now: '2025-04-01T01:00:00Z' }) // Tuesday 1 April 2025, 10:00 in Tokyo
  intake = await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
  admin = await createUser(t, { roles: ['admin'], name: 'Admin Abe' })
})
afterAll(async () => { await t.close() })

const dashboard = async (query = '') => {
  const res = await intake.api.get(`/api/v1/websites/long-running${query}`)
  expect(res.status, JSON.stringify(res.json)).toBe(200)
  return res.json
}
const rowOf = async (caseId: string, query = '') => ((await dashboard(query)).cases as any[]).find((c) => c.caseId === caseId)

describe('the long-running dashboard', () => {
  it('shows a case from the 90th day after the first notification, with its elapsed days and bucket', async () => {
    const s = await walkToNotifiedOperator(t, { intake, vulnerabilityType: 'sql_injection', orgType: 'local_government' })
    t.clock.set('2025-06-29T14:59:00Z') // Sunday 29 June, 23:59 in Tokyo: 89 days
    expect(await rowOf(s.caseId)).toBeUndefined()
    expect((await dashboard()).threshold).toMatchObject({ amount: 90, unit: 'calendar_days', days: 90, notifiedOnOrBefore: '2025-03-31' })

    t.clock.set('2025-06-29T15:00:00Z') // Monday 30 June, 00:00 in Tokyo: 90 days
    const row = await rowOf(s.caseId)
    expect(row).toMatchObject({
      receiptNumber: s.filed.receiptNumber, notifiedOn: '2025-04-01', elapsedDays: 90, bucket: '90-199', lastReminderOn: null,
      vulnerabilityType: { key: 'sql_injection', ja: 'SQLインジェクション', en: 'SQL injection' },
      operator: { id: s.orgId, nameJa: 'サンプル市', nameEn: 'Sample City', orgType: 'local_government' },
    })
    const summary = (await dashboard()).summary
    expect(summary.rows.find((r: any) => r.vulnerabilityType.key === 'sql_injection').counts['90-199']).toBe(1)
    expect(summary.total).toBe(1)

    const b = browserClient(t)
    await signInBrowser(t, b, intake)
    const html = (await b.get('/websites/long-running')).text
    expect(html).toContain(`href="/cases/${s.caseId}"`)
    expect(html).toContain(s.filed.receiptNumber)
    expect(html).toContain('90日')
    expect(html).toContain('90〜199日')
    expect(html).toContain('地方公共団体')
    // Nothing of the site itself on the dashboard.
    expect(html).not.toContain('city.sample.lg.jp')
    const en = (await b.get('/websites/long-running?lang=en')).text
    expect(en).toContain('90–199 days')
    expect(en).toContain('SQL injection')
  })

  it('shows the date of the last reminder, and the case leaves when the operator reports its fix; its clock ends as closed', async () => {
    t.clock.set('2025-07-01T01:00:00Z')
    const s = await walkToNotifiedOperator(t, { intake })
    await runDeadlineJobs(t.deps)
    t.clock.set('2025-10-10T01:00:00Z') // 101 days
    expect((await intake.api.post(`/api/v1/cases/${s.caseId}/operator-reminders`, {})).status).toBe(200)
    t.clock.set('2025-10-20T01:00:00Z')
    expect(await rowOf(s.caseId)).toMatchObject({ elapsedDays: 111, lastReminderOn: '2025-10-10' })

    expect((await s.operator.api.post(`/api/v1/cases/${s.caseId}/fix`, { fixType: 'page_deleted' })).status).toBe(200)
    expect(await rowOf(s.caseId)).toBeUndefined()
    await runDeadlineJobs(t.deps)
    const timers = (await intake.api.get(`/api/v1/cases/${s.caseId}/deadlines`)).json.timers as any[]
    expect(timers.find((x) => x.kind === 'website_long_running').resolved).toMatchObject({ resolution: 'closed' })
  })

  it('lists the longest running first and filters by vulnerability type and bucket', async () => {
    t.clock.set('2025-04-01T01:00:00Z')
    const oldest = await walkToNotifiedOperator(t, { intake, vulnerabilityType: 'dns_misconfiguration' })
    t.clock.set('2025-08-01T01:00:00Z')
    const newer = await walkToNotifiedOperator(t, { intake, vulnerabilityType: 'xss' })
    t.clock.set('2026-01-20T01:00:00Z') // 294 and 172 days
    const ids = ((await dashboard()).cases as any[]).map((c) => c.caseId)
    expect(ids.indexOf(oldest.caseId)).toBeLessThan(ids.indexOf(newer.caseId))
    expect(ids.indexOf(oldest.caseId)).toBeGreaterThanOrEqual(0)
    const byType = (await dashboard('?type=dns_misconfiguration')).cases as any[]
    expect(byType.map((c) => c.caseId)).toContain(oldest.caseId)
    expect(byType.every((c) => c.vulnerabilityType.key === 'dns_misconfiguration')).toBe(true)
    const inBucket = (await dashboard('?bucket=200-299')).cases as any[]
    expect(inBucket.map((c) => c.caseId)).toContain(oldest.caseId)
    expect(inBucket.map((c) => c.caseId)).not.toContain(newer.caseId)
    expect(inBucket.every((c) => c.elapsedDays >= 200 && c.elapsedDays <= 299)).toBe(true)

    const bad = await intake.api.get('/api/v1/websites/long-running?type=bogus')
    expect(bad.status).toBe(400)
    expect(bad.json.error.code).toBe('request.invalid')
  })

  it('follows a policy change to 120 days: the threshold and the first bucket move', async () => {
    t.clock.set('2026-03-02T01:00:00Z')
    const s = await walkToNotifiedOperator(t, { intake })
    expect((await admin.api.put('/api/v1/deadlines/policies/website_long_running', { amount: 120 })).status).toBe(200)
    t.clock.set('2026-06-29T01:00:00Z') // 119 days
    expect(await rowOf(s.caseId)).toBeUndefined()
    t.clock.set('2026-06-30T01:00:00Z') // 120 days
    const d = await dashboard()
    expect(d.threshold).toMatchObject({ amount: 120, days: 120 })
    expect(d.summary.buckets[0]).toEqual({ key: '90-199', min: 120, max: 199 })
    expect((d.cases as any[]).find((c) => c.caseId === s.caseId)).toMatchObject({ elapsedDays: 120, bucket: '90-199' })
    expect((await intake.api.get('/websites/long-running')).text).toContain('120〜199日')
    expect((await admin.api.put('/api/v1/deadlines/policies/website_long_running', { amount: 90 })).status).toBe(200)
  })

  it('is for intake staff only: coordinators, operators and everyone else get 404', async () => {
    const s = await walkToNotifiedOperator(t, { intake })
    const coordinator = await createUser(t, { roles: ['coordinator'] })
    for (const who of [coordinator, s.operator, admin]) {
      for (const path of ['/websites/long-running', '/api/v1/websites/long-running']) expect((await who.api.get(path)).status, path).toBe(404)
      expect((await who.api.post('/api/v1/websites/long-running/reminders', { caseIds: [s.caseId] })).status).toBe(404)
    }
    expect((await t.app.request('/api/v1/websites/long-running')).status).toBe(401)
  })
})

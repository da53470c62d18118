import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { createUser, type TestUser } from '../support/clients.js'
import { fileWebsiteReport, walkToNotifiedOperator } from '../support/website-story.js'
import { scheduleSeeded, seedProductCase } from '../../src/advisories/test-factories.js'

/**
 * DESIGN §4, §5: website cases are never published. With website cases in every state (and their
 * distinctive URLs, operators, receipt numbers and descriptions in the database), every public
 * route of the app — each parameterless GET, searches for those strings, a published advisory's
 * pages — shows none of them, to anyone who is not staff or a party of the case.
 */
let t: TestApp
let intake: TestUser
const markers: string[] = []
const publicPaths: string[] = []
let alertSlug = ''

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  intake = await createUser(t, { roles: ['intake'] })
  const report = (n: number) => ({
    urls: [`https://never-public-${n}.example.jp/login`], operatorName: `リーク確認市${n}`,
    description: `LEAKMARK-${n} ログインフォームにSQLインジェクション`, reproduction: `LEAKREPRO-${n}`,
  })
  const cases: { caseId: string; receipt: string }[] = []
  // received, not accepted, accepted
  for (const [n, step] of [[1, 'received'], [2, 'not_accepted'], [3, 'accepted']] as const) {
    const f = await fileWebsiteReport(t, report(n))
    if (step === 'not_accepted') await intake.api.post(`/api/v1/cases/${f.caseId}/reject`, { reason: 'not_a_vulnerability' })
    if (step === 'accepted') await intake.api.post(`/api/v1/cases/${f.caseId}/accept`, {})
    cases.push({ caseId: f.caseId, receipt: f.receiptNumber })
  }
  // notified, then each ending
  for (const n of [4, 5, 6, 7, 8]) {
    const w = await walkToNotifiedOperator(t, { intake, report: report(n) })
    await t.db.updateTable('organizations').set({ name_ja: `リーク確認運営者${n}`, name_en: `Leakcheck Operator ${n}` }).where('id', '=', w.orgId).execute()
    markers.push(`リーク確認運営者${n}`, `Leakcheck Operator ${n}`)
    if (n === 5) await w.operator.api.post(`/api/v1/cases/${w.caseId}/fix`, { fixType: 'page_deleted' })
    if (n === 6) await intake.api.post(`/api/v1/cases/${w.caseId}/website-closure`, { ending: 'not_vulnerable', note: 'x' })
    if (n === 7) await intake.api.post(`/api/v1/cases/${w.caseId}/website-closure`, { ending: 'stalled', reason: 'coordination_stopped', note: 'x' })
    if (n === 8) {
      // A published alert covering the case and closing it, through the staff API.
      const alert = await intake.api.post('/api/v1/staff/alerts', { title: { ja: '公開される注意喚起', en: 'A public alert' }, body: { ja: '本文', en: 'Body' }, vulnerabilityType: 'xss' })
      expect(alert.status, JSON.stringify(alert.json)).toBe(201)
      const alertId = alert.json.id
      const published = await intake.api.post(`/api/v1/staff/alerts/${alertId}/publish`, {})
      expect(published.status, JSON.stringify(published.json)).toBe(200)
      alertSlug = published.json.identifier
      expect((await intake.api.post(`/api/v1/staff/alerts/${alertId}/cases`, { caseIds: [w.caseId] })).status).toBe(200)
      expect((await intake.api.post(`/api/v1/staff/alerts/${alertId}/closure`, {})).json.closedCount).toBe(1)
    }
    cases.push({ caseId: w.caseId, receipt: w.filed.receiptNumber })
  }
  for (let n = 1; n <= 8; n++) markers.push(`never-public-${n}`, `LEAKMARK-${n}`, `LEAKREPRO-${n}`, `リーク確認市${n}`)
  for (const c of cases) markers.push(c.receipt, c.caseId)

  // A published product advisory, so the portal has something to show.
  const seed = await seedProductCase(t.db, t.clock.now())
  const scheduled = await scheduleSeeded(t.deps, seed, new Date('2026-04-01T02:00:00Z'))
  t.clock.set('2026-04-01T03:00:00Z')
  const slug = String((scheduled as { identifier?: string }).identifier ?? '').replace('#', '')

  const routes = t.app.routes.filter((r) => r.method === 'GET' && !r.path.includes(':') && !r.path.includes('*'))
  publicPaths.push(...new Set(routes.map((r) => r.path)))
  for (const q of ['never-public', 'LEAKMARK', 'リーク確認', 'example.jp', 'KK-2026']) {
    publicPaths.push(`/advisories?q=${encodeURIComponent(q)}`, `/api/v1/advisories?q=${encodeURIComponent(q)}`, `/uncontactable?q=${encodeURIComponent(q)}`)
  }
  expect(slug).toMatch(/^JVN/)
  expect(alertSlug).toMatch(/^KKA-/)
  publicPaths.push(`/alerts/${alertSlug}`, `/api/v1/alerts/${alertSlug}`, `/alerts/${alertSlug}?lang=en`)
  publicPaths.push(`/advisories/${slug}`, `/api/v1/advisories/${slug}`, `/advisories/${slug}?lang=en`)
})
afterAll(async () => { await t.close() })

describe('nothing about a website case is public', () => {
  it('no public page, feed, search, sitemap or API shows any website case, to anyone outside it', async () => {
    const outsiders: (TestUser | null)[] = [null, await createUser(t), await createUser(t, { roles: ['coordinator'] }), await createUser(t, { roles: ['committee'] })]
    const leaks: string[] = []
    let checked = 0
    for (const path of publicPaths) {
      for (const who of outsiders) {
        const res = await t.app.request(path, { headers: who ? { authorization: `Bearer ${who.token}` } : {} })
        const body = await res.text()
        if (res.status === 200) checked++
        for (const m of markers) if (body.includes(m)) leaks.push(`${who ? 'user' : 'anonymous'} ${path} shows ${m}`)
      }
    }
    expect(leaks).toEqual([])
    // The sweep really read the public surfaces (portal, feeds, sitemap, API, searches), not only refusals.
    expect(checked).toBeGreaterThan(40)
    for (const p of ['/', '/advisories', '/rss/advisories.rdf', '/api/v1/advisories', '/uncontactable', '/sitemap.xml', '/alerts', '/rss/alerts.rdf', '/api/v1/alerts', '/statistics']) {
      expect(publicPaths, p).toContain(p)
    }
  })

  it('the public quarterly report of the quarter they were filed in counts them and names none of them', async () => {
    t.clock.set('2026-07-02T01:00:00Z')
    const json = await (await t.app.request('/api/v1/statistics/2026Q2')).json() as { quarterOnly: { website: { total: number } } }
    expect(json.quarterOnly.website.total).toBe(8)
    const leaks: string[] = []
    for (const q of ['', '?lang=en', '?view=print', '?format=csv', '?format=csv&lang=en']) {
      const res = await t.app.request(`/statistics/2026Q2${q}`)
      expect(res.status, q).toBe(200)
      const body = await res.text()
      for (const m of markers) if (body.includes(m)) leaks.push(`/statistics/2026Q2${q} shows ${m}`)
    }
    expect(leaks).toEqual([])
  })
})

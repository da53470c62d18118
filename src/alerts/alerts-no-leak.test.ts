import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, createUser, type ApiClient, type TestUser } from '../../test/support/clients.js'
import { walkToNotifiedDeveloper } from '../../test/support/story.js'
import { fileWebsiteReport, registerOperator } from '../../test/support/website-story.js'
import { assertWellFormedXml } from '../portal/xml-check.js'
import { draftAlert, publishedAlert } from './alerts.test-support.js'
import { createApp } from '../app.js'

/*
 * DESIGN §5, issue 4: nothing about any website case — open or closed — appears on any public
 * page, feed, API or sitemap, even through an alert that covers it. The cases below carry
 * distinctive values; none of them may surface anywhere the public can look.
 */

let t: TestApp
let intake: TestUser
let finder: TestUser
let slug: string
let alertId: string
let advisoryPath: string
const secrets: string[] = []
const DRAFT_TITLE = '下書きのままの注意喚起カナリア'

/** A website case with distinctive URLs, operator names and finder, notified to its operator. */
async function canaryCase(n: number, finderApi: ApiClient) {
  const host = `canary-leak-${n}.example.jp`
  const filed = await fileWebsiteReport(t, {
    urls: [`https://${host}/login?user=canary${n}`, `https://${host}/search`], operatorName: `カナリア運営者${n}号`,
    finderName: `漏洩検査 太郎${n}`, description: `カナリア説明文${n}`, vulnerabilityType: 'xss',
  }, finderApi)
  expect((await intake.api.post(`/api/v1/cases/${filed.caseId}/accept`, {})).json.status).toBe('accepted')
  const op = await registerOperator(intake, { nameJa: `カナリア市役所${n}`, nameEn: `Canary City Hall ${n}` })
  expect((await intake.api.post(`/api/v1/cases/${filed.caseId}/operator`, { organizationId: op.orgId, contactId: op.contactId })).status).toBe(200)
  secrets.push(host, `canary${n}`, `カナリア運営者${n}号`, `カナリア市役所${n}`, `Canary City Hall ${n}`, `漏洩検査 太郎${n}`, `カナリア説明文${n}`,
    filed.receiptNumber, filed.caseId, filed.reportId, op.orgId, op.contactEmail)
  return filed.caseId
}

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  intake = await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
  finder = await createUser(t, { name: 'Canary finder' })
  const caseIds = [await canaryCase(1, finder.api), await canaryCase(2, finder.api), await canaryCase(3, finder.api)]

  // A product advisory, public from tomorrow, and a second one scheduled far later.
  const s = await walkToNotifiedDeveloper(t)
  await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'vulnerable', statement: { ja: '修正済み' } })
  const advisory = {
    title: { ja: '製品の脆弱性', en: 'Product vulnerability' }, overview: { ja: '概要', en: 'Overview' }, description: { ja: '詳細', en: 'Details' },
    impact: { ja: '影響', en: 'Impact' }, solution: { ja: '対策', en: 'Solution' },
    vulnerabilities: [{ title: { ja: 'XSS', en: 'XSS' }, cweId: 'CWE-79' }], affectedProducts: [{ developer: 'サンプル電機', product: 'WR-1000', versions: '1.0' }],
  }
  expect((await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, advisory)).status).toBe(200)
  const scheduled = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/schedule`, { publishAt: '2026-04-02T01:00:00Z' })
  expect(scheduled.status, JSON.stringify(scheduled.json)).toBe(200)
  advisoryPath = `/advisories/${(scheduled.json.identifier as string).replace('#', '')}`

  t.clock.set('2026-04-03T01:00:00Z')
  const published = await publishedAlert(intake, { title: { ja: 'カナリア注意喚起', en: 'Canary alert' } })
  slug = published.identifier
  alertId = published.alertId
  // Two covered cases closed by the alert, a third covered afterwards and still open: neither kind may show.
  expect((await intake.api.post(`/api/v1/staff/alerts/${alertId}/cases`, { caseIds: caseIds.slice(0, 2) })).json).toEqual({ added: 2 })
  expect((await intake.api.post(`/api/v1/staff/alerts/${alertId}/closure`)).json.closedCount).toBe(2)
  expect((await intake.api.post(`/api/v1/staff/alerts/${alertId}/cases`, { caseIds: [caseIds[2]] })).json).toEqual({ added: 1 })
  await intake.api.post(`/api/v1/staff/alerts/${alertId}/revisions`, { note: { ja: '確認', en: 'Checked' } })
  const draftId = await draftAlert(intake, { title: { ja: DRAFT_TITLE, en: 'Draft canary alert' } })
  await intake.api.post(`/api/v1/staff/alerts/${draftId}/cases`, { caseIds: [caseIds[2]] })
  secrets.push(alertId, draftId, DRAFT_TITLE, 'Draft canary alert')
})
afterAll(async () => { await t.close() })

const surfaces = () => [
  '/', '/alerts', '/alerts?lang=en', `/alerts/${slug}`, `/alerts/${slug}?lang=en`, '/rss/alerts.rdf', '/rss/alerts.rdf?lang=en',
  '/api/v1/alerts', `/api/v1/alerts/${slug}`, '/sitemap.xml', '/sitemaps/pages.xml', '/sitemaps/advisories-1.xml', '/robots.txt', '/advisories', '/rss/advisories.rdf', '/api/v1/advisories',
]

/** Every key of a JSON document, however deep. */
const keysOf = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap(keysOf)
  : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...keysOf(x)]) : [])

describe('the public never learns anything about a website case through an alert', () => {
  it('(staff do see the covered cases, so the values below are really there to leak)', async () => {
    const staffPage = await intake.api.get(`/staff/alerts/${alertId}/cases`)
    for (const i of [0, 1, 3, 7, 8]) expect(staffPage.text).toContain(secrets[i]) // host, URL, operator, receipt number, case
    expect(staffPage.text).toContain('注意喚起により取扱い終了')
  })

  it('shows no covered case, count, URL, operator, finder or receipt number on any public surface', async () => {
    for (const who of [apiClient(t), finder.api]) {
      for (const path of surfaces()) {
        const res = await who.get(path)
        expect(res.status, path).toBe(200)
        for (const secret of secrets) expect(res.text, `${path} shows ${secret}`).not.toContain(secret)
        expect(res.text, path).not.toMatch(/covered|対象の届出|closed_by_alert|取扱いを終了/i)
      }
    }
  })

  it('puts only the alert\'s own fields in its JSON', async () => {
    const one = await apiClient(t).get(`/api/v1/alerts/${slug}`)
    expect(new Set(keysOf(one.json))).toEqual(new Set([
      'identifier', 'url', 'publishedAt', 'modifiedAt', 'title', 'ja', 'en', 'vulnerabilityType', 'key', 'label', 'body', 'references', 'url',
      'revisions', 'revisedAt', 'note',
    ]))
    const list = await apiClient(t).get('/api/v1/alerts')
    expect(list.json.items).toHaveLength(1)
    expect(keysOf(list.json).filter((k) => /case|cover|receipt|operator|finder/i.test(k))).toEqual([])
  })
})

describe('the sitemap', () => {
  it('lists exactly the public portal: an index of the fixed pages with published alerts, then the public advisories', async () => {
    const index = await apiClient(t).get('/sitemap.xml')
    expect(index.headers.get('content-type')).toContain('xml')
    assertWellFormedXml(index.text)
    expect(index.text).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    const locsOf = (text: string) => [...text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])
    expect(locsOf(index.text)).toEqual(['/sitemaps/pages.xml', '/sitemaps/advisories-1.xml'].map((p) => `http://keikai.test${p}`))
    const pages = await apiClient(t).get('/sitemaps/pages.xml')
    const advisories = await apiClient(t).get('/sitemaps/advisories-1.xml')
    for (const res of [pages, advisories]) {
      assertWellFormedXml(res.text)
      expect(res.text).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    }
    expect(locsOf(pages.text)).toEqual(['/', '/advisories', '/archive', '/uncontactable', '/alerts', `/alerts/${slug}`].map((p) => `http://keikai.test${p}`))
    expect(locsOf(advisories.text)).toEqual([`http://keikai.test${advisoryPath}`])
    expect(pages.text).toContain(`<loc>http://keikai.test/alerts/${slug}</loc>\n    <lastmod>2026-04-03T10:00:00+09:00</lastmod>`)
    expect(advisories.text).toContain(`<loc>http://keikai.test${advisoryPath}</loc>\n    <lastmod>2026-04-02T10:00:00+09:00</lastmod>`)
    expect((await apiClient(t).get('/sitemaps/advisories-2.xml')).status).toBe(404)
  })

  it('holds an advisory back until its publication time', async () => {
    t.clock.set('2026-04-02T00:59:59Z')
    // A server started at this earlier time: the clock going back is no change a page cache watches for.
    const earlier = await createApp(t.deps).request('/sitemaps/advisories-1.xml')
    t.clock.set('2026-04-03T01:00:00Z')
    expect(await earlier.text()).not.toContain(advisoryPath)
  })

  it('is announced in robots.txt', async () => {
    const res = await apiClient(t).get('/robots.txt')
    expect(res.text).toContain('Sitemap: http://keikai.test/sitemap.xml')
    expect(res.headers.get('content-type')).toContain('text/plain')
  })

  it('never lists more than the protocol\'s 50,000 URLs, newest first', async () => {
    await sql`
      insert into alerts (id, identifier, status, title_ja, title_en, body_ja, body_en, published_at, created_at, updated_at)
      select 'bulk-' || n, 'KKA-2025-' || lpad(n::text, 5, '0'), 'published', 't', 't', 'b', 'b',
        timestamptz '2025-01-01T00:00:00Z' + n * interval '1 minute', now(), now()
      from generate_series(1, 50000) as n`.execute(t.db)
    const xml = (await apiClient(t).get('/sitemaps/pages.xml')).text
    expect(xml.match(/<url>/g)).toHaveLength(50_000)
    expect(xml).toContain(`/alerts/${slug}<`)
    expect(xml).toContain('/alerts/KKA-2025-50000<')
    expect(xml).not.toContain('/alerts/KKA-2025-00001<')
    assertWellFormedXml(xml)
  })
})

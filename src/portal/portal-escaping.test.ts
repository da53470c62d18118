import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { reviseAdvisory } from '../advisories/advisories.usecases.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'
import { addReport, draftBody, jsonRequest, scheduleSeeded, seedProductCase } from '../advisories/test-factories.js'
import { assertWellFormedXml } from './xml-check.js'

const SCRIPT = '<script>alert(1)</script>'
const IMG = '"><img src=x onerror=alert(1)>'
const BOTH = `${SCRIPT}${IMG}`

let t: TestApp
let slug: string
let coordinatorHeaders: Record<string, string>
let caseId: string
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  // Reports routinely carry working payloads (DESIGN §5): put them in every field that reaches readers.
  const seed = await seedProductCase(t.db, t.clock.now(), {
    developer: { ja: `開発者${BOTH}`, en: `Developer${BOTH}` },
    statement: { ja: `声明${BOTH}`, en: `Statement${BOTH}` },
    vulnerability: { titleJa: `脆弱性${BOTH}`, titleEn: `Vuln${BOTH}`, cveId: 'CVE-2026-30003', cweId: 'CWE-79' },
  })
  await addReport(t.db, seed.caseId, { name: 'x', creditName: `発見者${BOTH}`, consentCredit: true, at: t.clock.now() })
  const text = (label: string) => ({ ja: `${label}${BOTH}\n\n2行目${SCRIPT}`, en: `${label}${BOTH}` })
  const draft = draftBody(seed, {
    title: text('タイトル'), overview: text('概要'), description: text('詳細'), impact: text('影響'), solution: text('対策'),
    affectedProducts: [{ developer: `開発者${BOTH}`, product: `製品${BOTH}`, versions: `版${BOTH}`, cpe: `cpe:/a:${SCRIPT}` }],
    references: [{ title: `文書${BOTH}`, url: 'https://example.test/?a=1&b=2' }],
    vulnerabilities: [{ id: seed.vulnerabilityId, title: { ja: `脆弱性${BOTH}`, en: `Vuln${BOTH}` }, cveId: 'CVE-2026-30003', cweId: 'CWE-79', cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' }],
  })
  coordinatorHeaders = seed.coordinator.headers
  caseId = seed.caseId
  const { identifier } = await scheduleSeeded(t.deps, seed, new Date('2026-04-02T01:00:00Z'), draft)
  slug = identifier.replace('#', '')
  t.clock.set('2026-04-03T01:00:00Z')
  await publishDueAdvisories(t.deps)
  await reviseAdvisory(t.deps, { caseId: seed.caseId, actor: { user: null, label: 'test' }, note: { ja: `更新${BOTH}`, en: `Revised${BOTH}` } })
})
afterAll(async () => { await t.close() })

async function body(path: string) {
  const res = await t.app.request(path)
  expect(res.status, path).toBe(200)
  return res.text()
}

function expectNoLivePayload(html: string) {
  expect(html).not.toContain(SCRIPT)
  expect(html).not.toContain('<img src=x')
  // Hono escapes `"` in text, so every raw `"` delimits an attribute value: with the values
  // blanked out, any onerror left would be a real attribute.
  expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\sonerror\s*=/i)
}

describe('advisory text is always escaped', () => {
  it('on the detail page, in both languages', async () => {
    for (const path of [`/advisories/${slug}`, `/advisories/${slug}?lang=en`]) {
      const html = await body(path)
      expectNoLivePayload(html)
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;')
    }
    const ja = await body(`/advisories/${slug}`)
    for (const label of ['タイトル', '概要', '詳細', '影響', '対策', '開発者', '製品', '版', '文書', '脆弱性', '声明', '発見者', '更新']) {
      expect(ja, label).toContain(`${label}&lt;script&gt;`)
    }
    expect(ja).toContain('href="https://example.test/?a=1&amp;b=2"')
  })

  it('on the home page, the index and search results, including the echoed query', async () => {
    for (const path of ['/', '/advisories', `/advisories?q=${encodeURIComponent(SCRIPT)}`, `/advisories?q=${encodeURIComponent(IMG)}`]) {
      const html = await body(path)
      expectNoLivePayload(html)
      expect(html).toContain(`タイトル&lt;script&gt;`)
    }
  })

  it('in the RSS feed, which stays well-formed XML', async () => {
    const xml = await body('/rss/advisories.rdf')
    assertWellFormedXml(xml)
    expectNoLivePayload(xml)
    expect(xml).toContain('<title>タイトル&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;')
    expect(xml).toContain('vendor="開発者&lt;script&gt;')
    expect(xml).toContain('https://example.test/?a=1&amp;b=2')
    const en = await body('/rss/advisories.rdf?lang=en')
    assertWellFormedXml(en)
    expect(en).toContain('<title>タイトル&lt;script&gt;') // the English text carries the same label
  })

  it('in the coordinator\'s editor and preview', async () => {
    const res = await t.app.request(`/cases/${caseId}/advisory`, { headers: coordinatorHeaders })
    expect(res.status).toBe(200)
    const html = await res.text()
    expectNoLivePayload(html)
    expect(html).toContain('value="タイトル&lt;script&gt;')
  })

  it('refuses reference URLs that are not http(s)', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', `https://example.test/${IMG}`]) {
      const res = await t.app.request(`/api/v1/cases/${seed.caseId}/advisory`,
        jsonRequest('PUT', draftBody(seed, { references: [{ title: 'x', url }] }), seed.coordinator.token))
      expect(res.status, url).toBe(400)
    }
  })

  it('drops characters XML cannot carry instead of breaking the feed', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    await scheduleSeeded(t.deps, seed, t.clock.now(), draftBody(seed, { title: { ja: 'control\u0001char\uFFFE', en: 'control\u0001char' } }))
    const xml = await body('/rss/advisories.rdf')
    assertWellFormedXml(xml)
    expect(xml).toContain('<title>controlchar</title>')
  })
})

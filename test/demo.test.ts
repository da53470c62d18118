import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from './support/test-app.js'
import { seedDemo } from '../src/demo/demo-seed.js'
import { runJobsOnce } from '../src/platform/jobs/workers.js'
import { backgroundJobs } from '../src/features.js'

/** Any day the demo might run: every seeded date counts back from it. */
const TODAY = new Date('2026-11-26T00:30:00Z')

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-01-01T00:00:00Z' }) })
afterAll(async () => { await t.close() })

describe('npm run demo', () => {
  it('seeds one account per role and cases in every state the foundation supports, with published advisories', async () => {
    const { accounts } = await seedDemo(t.app, { ...t.deps, clock: t.clock }, TODAY)
    expect(accounts.map((a) => a.role)).toEqual(['admin', 'intake', 'coordinator', 'committee', 'developer', 'finder', 'operator'])
    // The seed leaves the clock at today, and the demo runs the background jobs once before it serves.
    expect(t.clock.now().toISOString()).toBe(TODAY.toISOString())
    await runJobsOnce(t.deps, backgroundJobs)
    const statuses = async (kind: 'product' | 'website') => new Set((await t.db.selectFrom('cases').select('status').where('kind', '=', kind).execute()).map((r) => r.status))
    expect(await statuses('product')).toEqual(new Set(['received', 'not_accepted', 'accepted', 'contacting_developer', 'developer_notified',
      'investigating', 'not_vulnerable', 'fix_in_progress', 'publication_scheduled', 'published', 'uncontactable', 'committee_review']))
    expect(await statuses('website')).toEqual(new Set(['received', 'accepted', 'operator_notified', 'fixed', 'not_vulnerable', 'stalled', 'closed_by_alert']))
    expect(await (await t.app.request('/uncontactable')).text()).toContain('音信不通ソフト合同会社')
    for (const path of ['/alerts', '/']) expect(await (await t.app.request(path)).text()).toContain('DNS 設定の不備によるドメインの乗っ取りに関する注意喚起')
    const index = await (await t.app.request('/advisories')).text()
    expect(new Set(index.match(/href="\/advisories\/JVN\d{8}"/g)).size).toBe(3)
    const login = await t.app.request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: accounts[2]!.email, password: accounts[2]!.password }) })
    expect(login.status).toBe(200)
  })

  it('dates everything relative to today, so deadlines look like a live programme rather than months overdue', async () => {
    const reports = await t.db.selectFrom('reports').select('submitted_at').execute()
    const ages = reports.map((r) => (TODAY.getTime() - new Date(r.submitted_at).getTime()) / 86400_000)
    expect(Math.min(...ages)).toBeLessThan(3)
    expect(Math.max(...ages)).toBeLessThan(200)
    expect(ages.every((a) => a >= 0)).toBe(true)
    const open = await t.db.selectFrom('timers').select(['kind', 'due_at']).where('resolved_at', 'is', null).where('paused_at', 'is', null).execute()
    const upcoming = open.filter((r) => new Date(r.due_at) > TODAY)
    const overdue = open.filter((r) => new Date(r.due_at) <= TODAY)
    expect(upcoming.length).toBeGreaterThan(overdue.length)
    // The long-running website case is overdue, but nothing by the best part of a year.
    for (const r of overdue) expect(TODAY.getTime() - new Date(r.due_at).getTime()).toBeLessThan(120 * 86400_000)
    const published = await t.db.selectFrom('advisories').select('published_at').where('published_at', 'is not', null).execute()
    for (const a of published) expect(new Date(a.published_at!).getTime()).toBeLessThan(TODAY.getTime())
  })

  it('offers every published advisory in every format it has, each link answering with its format', async () => {
    const index = await (await t.app.request('/advisories')).text()
    const pages = [...new Set(index.match(/\/advisories\/JVN\d{8}/g))]
    expect(pages).toHaveLength(3)
    const hrefs: string[] = []
    for (const path of pages) {
      const html = await (await t.app.request(path)).text()
      const alternates = [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]*)" href="([^"]+)"/g)]
        .filter((m) => !m[1]!.includes('rss')).map((m) => ({ type: m[1]!, href: m[3]!.replace(/&amp;/g, '&') }))
      for (const a of alternates) {
        const res = await t.app.request(a.href)
        expect(res.status, `${path} → ${a.href}`).toBe(200)
        expect(res.headers.get('content-type'), a.href).toContain(a.type)
        // Every format names the advisory it is about (by its JVN# or its JVN iPedia number).
        expect(/JVN#?\d{8}|JVNDB-\d{4}-\d{6}|jvn_\d{8}/i.test(await res.text()), a.href).toBe(true)
        hrefs.push(a.href)
      }
    }
    // For each advisory: CSAF, its CVE record, the keikai API, MyJVN's VULDEF XML and JSON; OSV for the one naming a package.
    for (const format of [/^\/\.well-known\/csaf\/white\/\d{4}\/jvn_\d{8}\.json$/, /\/cve\/CVE-\d{4}-\d+/, /^\/api\/v1\/advisories\/JVN/, /feed=hnd/, /feed=oka/]) {
      expect(hrefs.filter((h) => format.test(h)), String(format)).toHaveLength(3)
    }
    expect(hrefs.filter((h) => /osv/.test(h))).toHaveLength(1)
  })
})

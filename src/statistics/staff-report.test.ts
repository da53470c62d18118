import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, createUser, type TestUser } from '../../test/support/clients.js'
import { websiteHistory } from './fixtures/website-history.js'
import { playAsEvents } from './fixtures/play-events.js'
import { productHistory } from './fixtures/product-history.js'
import { playProductHistory } from './fixtures/product-history.play-api.js'
import { quarterlyReport } from './quarterly-report.js'

// The staff view of the report for any date, and the cases behind each count. The world: the
// website history (2024-10 … 2026-04, written as events) and the product history (2026-04 …
// 2026-10, played through the API), today 2026-10-20 in Japan.
let t: TestApp
let web: Map<string, string>
let product: Map<string, string>
let intake: TestUser, coordinator: TestUser, admin: TestUser, finder: TestUser
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T00:00:00Z' })
  web = await playAsEvents(t.db, websiteHistory)
  product = await playProductHistory(t, productHistory)
  t.clock.set('2026-10-20T03:00:00Z')
  intake = await createUser(t, { roles: ['intake'], name: 'Intake Staff' })
  coordinator = await createUser(t, { roles: ['coordinator'], name: 'Coordinator Staff' })
  admin = await createUser(t, { roles: ['admin'], name: 'Admin Staff' })
  finder = await createUser(t, { name: 'Finder' })
}, 300_000)
afterAll(async () => { await t.close() })

type Drilled = { total: number; cases: { id: string; status: string }[] }
const drill = async (who: TestUser, query: string): Promise<Drilled> => {
  const res = await who.api.get(`/api/v1/statistics/staff/cases?${query}`)
  expect(res.status, res.text).toBe(200)
  return res.json
}
/** The story names of the cases of a list. */
const names = (d: Drilled, ids: Map<string, string>) => {
  const byId = new Map([...ids].map(([name, id]) => [id, name]))
  return d.cases.map((x) => byId.get(x.id) ?? x.id).sort()
}
const statusOf = (d: Drilled, id: string) => d.cases.find((x) => x.id === id)?.status

describe('the staff report for any date', () => {
  it('gives the report of the date\'s quarter as of the end of that day, the same JSON as the public report', async () => {
    const res = await intake.api.get('/api/v1/statistics/staff?asOf=2026-05-20')
    expect(res.status, res.text).toBe(200)
    expect(res.json.quarter).toBe('2026Q2')
    expect(res.json.quarterStart).toBe('2026-04-01')
    expect(res.json.quarterEnd).toBe('2026-05-20')
    expect(res.json).toEqual(JSON.parse(JSON.stringify(await quarterlyReport(t.db, { year: 2026, q: 2 }, t.clock.now(), '2026-05-20'))))
    // A was published on 2026-05-15; H (06-15) and B (08-10) later, so on 05-20 they are in handling
    expect(res.json.product.published).toBe(1)
    expect(res.json.product.uncontactable).toEqual({ listed: 4, resumed: 1, resumedCompleted: 0, publishedByCommittee: 0, stillUncontactable: 3 })
    const later = (await intake.api.get('/api/v1/statistics/staff?asOf=2026-09-30')).json
    expect(later.product.published).toBe(3)
    expect(later.product.uncontactable).toEqual({ listed: 4, resumed: 2, resumedCompleted: 1, publishedByCommittee: 1, stillUncontactable: 1 })
  })

  it('lists a case changed later under its status on the date', async () => {
    const published = await drill(intake, 'asOf=2026-05-20&figure=product-status&key=published')
    expect(names(published, product)).toEqual(['A'])
    const inHandling = await drill(intake, 'asOf=2026-05-20&figure=product-status&key=in_handling')
    expect(names(inHandling, product)).toContain('B')
    expect(statusOf(inHandling, product.get('B')!)).not.toBe('published')
    expect(names(await drill(intake, 'asOf=2026-09-30&figure=product-status&key=published'), product)).toEqual(['A', 'B', 'H'])
    // B is a router until 2026-06-30 and consumer electronics after
    expect(names(await drill(intake, 'asOf=2026-05-20&figure=product-type&key=router'), product)).toEqual(['A', 'B', 'H'])
    expect(names(await drill(intake, 'asOf=2026-08-15&figure=product-type&key=consumer_device'), product)).toEqual(['B', 'I'])
  })

  it('lists the cases behind the uncontactable standings and the website\'s long-running cases', async () => {
    const standing = (asOf: string, key: string) => drill(intake, `asOf=${asOf}&figure=uncontactable&key=${key}`)
    expect(names(await standing('2026-05-20', 'stillUncontactable'), product)).toEqual(['H', 'J', 'K'])
    expect(names(await standing('2026-05-20', 'resumed'), product)).toEqual(['I'])
    expect(names(await standing('2026-09-30', 'stillUncontactable'), product)).toEqual(['K'])
    expect(names(await standing('2026-09-30', 'publishedByCommittee'), product)).toEqual(['H'])
    expect(names(await standing('2026-09-30', 'resumedCompleted'), product)).toEqual(['I'])
    // operator notified ≥ 90 days before 2025-11-15 and unresolved: W (408 days), U (227, resumed), C (215), J (156), O (102)
    const long = await drill(intake, 'asOf=2025-11-15&side=website&figure=long-running&key=total')
    expect(names(long, web)).toEqual(['C', 'J', 'O', 'U', 'W'])
    // received in 2025Q4 (from 2025-10-01): R and S; of those not accepted, none
    expect(names(await drill(intake, 'asOf=2025-11-15&side=website&period=quarter&figure=website-status&key=total'), web)).toEqual(['R', 'S'])
  })

  for (const asOf of ['2025-11-15', '2026-05-20', '2026-08-15', '2026-10-01']) {
    it(`links every count of the page as of ${asOf} to a list of exactly that many cases`, async () => {
      const res = await intake.api.get(`/statistics/staff?asOf=${asOf}`)
      expect(res.status).toBe(200)
      const html = res.text
      expect(html).toContain('data-testid="staff-view"')
      expect(html).toContain('公表した四半期報告ではありません')
      // every count in a figure with a drill-down is a link (the cumulative table: its last row only)
      const unlinked: string[] = []
      for (const section of html.split('<section').slice(1)) {
        const figure = /data-figure="([^"]+)"/.exec(section)?.[1] ?? ''
        if (['priority-information', 'advisories', 'cumulative'].includes(figure)) continue
        for (const td of section.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)) {
          if (/^[\d,]+$/.test(td[1]!)) unlinked.push(`${figure}: ${td[1]}`)
        }
      }
      expect(unlinked).toEqual([])
      const links = [...html.matchAll(/<a href="(\/statistics\/staff\/cases\?[^"]+)" data-drill="">([\d,]+)<\/a>/g)]
      expect(links.length).toBeGreaterThan(150)
      const wrong: string[] = []
      for (const [, href, shown] of links) {
        const path = href!.replace(/&amp;/g, '&')
        const answer = await intake.api.get(`/api/v1${path}`)
        const count = Number(shown!.replace(/,/g, ''))
        if (answer.status !== 200 || answer.json.total !== count) wrong.push(`${path}: shows ${count}, lists ${answer.status === 200 ? answer.json.total : answer.text}`)
        else if (answer.json.cases.length !== Math.min(count, 100)) wrong.push(`${path}: ${answer.json.cases.length} on the page`)
      }
      expect(wrong).toEqual([])
      // the last cumulative row's product and website counts link too
      expect(html).toContain(`figure=cumulative&amp;key=received`)
    }, 120_000)
  }

  it('shows the list of cases of a count on a page: the count, each case linked to its case page', async () => {
    const res = await intake.api.get('/statistics/staff/cases?asOf=2026-05-20&side=product&period=all&figure=uncontactable&key=stillUncontactable')
    expect(res.status).toBe(200)
    expect(res.text).toMatch(/data-testid="drill-total" data-total="3"/)
    for (const name of ['H', 'J', 'K']) expect(res.text).toContain(`href="/cases/${product.get(name)}"`)
    expect(res.text).not.toContain(`href="/cases/${product.get('I')}"`)
    const second = await drill(intake, 'asOf=2026-05-20&figure=product-status&key=total&page=2')
    expect(second.total).toBeGreaterThan(0)
    expect(second.cases).toEqual([])
  })
})

describe('who may see the staff report and its cases', () => {
  const routes = ['/statistics/staff', '/api/v1/statistics/staff', '/statistics/staff/cases', '/api/v1/statistics/staff/cases']

  it('refuses anonymous visitors and people who are not staff', async () => {
    const anonymous = apiClient(t)
    for (const path of routes) {
      const a = await anonymous.get(`${path}?asOf=2026-05-20`)
      expect([401, 303], path).toContain(a.status)
      const f = await finder.api.get(`${path}?asOf=2026-05-20`)
      expect(f.status, path).toBe(404)
      expect(f.text).not.toContain(product.get('A'))
    }
  })

  it('shows coordinators the report and the product cases only, administrators the counts only', async () => {
    expect((await coordinator.api.get('/api/v1/statistics/staff?asOf=2026-05-20')).status).toBe(200)
    expect((await admin.api.get('/api/v1/statistics/staff?asOf=2026-05-20')).status).toBe(200)
    expect((await coordinator.api.get('/api/v1/statistics/staff/cases?asOf=2026-05-20&side=product&figure=product-status&key=total')).status).toBe(200)
    expect((await coordinator.api.get('/api/v1/statistics/staff/cases?asOf=2026-05-20&side=website&figure=website-status&key=total')).status).toBe(404)
    expect((await admin.api.get('/api/v1/statistics/staff/cases?asOf=2026-05-20&side=product&figure=product-status&key=total')).status).toBe(404)
    const coordinatorPage = (await coordinator.api.get('/statistics/staff?asOf=2026-05-20')).text
    expect(coordinatorPage).toContain('side=product')
    expect(coordinatorPage).not.toContain('side=website')
    expect((await admin.api.get('/statistics/staff?asOf=2026-05-20')).text).not.toContain('data-drill')
  })

  it('links no case from the public report, even for staff', async () => {
    for (const who of [apiClient(t), intake.api]) {
      const res = await who.get('/statistics/2026Q2')
      expect(res.status).toBe(200)
      expect(res.text).not.toContain('data-drill')
      expect(res.text).not.toContain('/statistics/staff/cases')
      expect(res.text).not.toContain(product.get('A'))
    }
  })
})

describe('what the staff report refuses', () => {
  it('a date before the programme or after today: 400 with the chooser showing what was typed', async () => {
    for (const asOf of ['2004-07-07', '2026-10-21', '2026-02-30', 'yesterday']) {
      const page = await intake.api.get(`/statistics/staff?asOf=${asOf}`)
      expect(page.status, asOf).toBe(400)
      expect(page.text).toContain(`value="${asOf}"`)
      expect(page.text).toMatch(/<input[^>]*aria-invalid="true"/)
      expect(page.text).toContain('基準日は 2004-07-08 から今日までの日付')
      expect(page.text).toMatch(/<p class="field-error" id="asOf-error">2004-07-08 から 2026-10-20 までの日付を入力してください。<\/p>/)
      const api = await intake.api.get(`/api/v1/statistics/staff?asOf=${asOf}`)
      expect(api.status).toBe(400)
      expect(api.json.error.code).toBe('statistics.invalid_as_of')
    }
    expect((await intake.api.get('/api/v1/statistics/staff?date=2026-05-20')).json.error.code).toBe('statistics.staff_unknown_parameter')
  })

  it('an unknown figure, row, side or period: 400 with a clear message', async () => {
    const code = async (query: string) => {
      const res = await intake.api.get(`/api/v1/statistics/staff/cases?asOf=2026-05-20&${query}`)
      expect(res.status, query).toBe(400)
      return res.json.error.code
    }
    expect(await code('figure=priority-information&key=total')).toBe('statistics.drill_unknown_figure')
    expect(await code('side=website&figure=product-status&key=total')).toBe('statistics.drill_unknown_figure')
    expect(await code('figure=product-status&key=fixed')).toBe('statistics.drill_unknown_key')
    expect(await code('figure=product-type&key=no_such_type')).toBe('statistics.drill_unknown_key')
    expect(await code('side=website&figure=long-running&key=xss:1-2')).toBe('statistics.drill_unknown_key')
    expect(await code('side=site')).toBe('statistics.drill_invalid_side')
    expect(await code('period=year')).toBe('statistics.drill_invalid_period')
    expect(await code('page=0')).toBe('statistics.drill_invalid_page')
    const page = await intake.api.get('/statistics/staff/cases?asOf=2026-05-20&figure=product-status&key=fixed')
    expect(page.status).toBe(400)
    expect(page.text).toContain('図 product-status にその行はありません')
  })
})

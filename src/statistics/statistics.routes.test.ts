import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, createUser, signInBrowser, type TestUser } from '../../test/support/clients.js'
import { websiteHistory } from './fixtures/website-history.js'
import { playAsEvents } from './fixtures/play-events.js'

let t: TestApp
let intake: TestUser
let coordinator: TestUser
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-10T01:00:00Z' })
  await playAsEvents(t.db, websiteHistory)
  intake = await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
  coordinator = await createUser(t, { roles: ['coordinator'] })
})
afterAll(async () => { await t.close() })

const cell = (html: string, figure: string, row: string) => {
  const section = html.split(`data-figure="${figure}"`)[1]!.split('</section>')[0]!
  const tr = section.split(`data-row="${row}"`)[1]!.split('</tr>')[0]!
  return [...tr.matchAll(/<td(?: data-label="[^"]*")?>([^<]*)<\/td>/g)].map((m) => m[1])
}

describe('the website statistics page', () => {
  it('shows intake staff every figure as of the chosen date, in Japanese', async () => {
    const b = browserClient(t)
    await signInBrowser(t, b, intake)
    const res = await b.get('/statistics/websites?asOf=2025-09-30')
    expect(res.status).toBe(200)
    expect(res.text).toContain('ウェブサイトの届出の処理状況')
    expect(cell(res.text, 'received', 'website')).toEqual(['19'])
    expect(cell(res.text, 'status', 'fixed')).toEqual(['6', '31.6%'])
    expect(cell(res.text, 'status', 'workaround')).toEqual(['1', ''])
    expect(cell(res.text, 'status', 'total')).toEqual(['19', '100.0%'])
    expect(res.text).toContain('修正完了 6 件のうち、30日以内 4 件（66.7%）、90日以内 6 件（100.0%）')
    // shares over all but the not accepted: P, awaiting intake, counts (xss) — 18 reports
    expect(cell(res.text, 'by-type', 'xss')).toEqual(['8', '44.4%'])
    expect(cell(res.text, 'by-impact', 'personal_info_leak')).toEqual(['2', '11.1%'])
    // sql injection: 90–199 days C and J, 300–399 days W
    expect(cell(res.text, 'long-running', 'sql_injection').slice(0, 4)).toEqual(['2', '0', '1', '0'])
    expect(cell(res.text, 'long-running', 'total').at(-1)).toBe('4')
    expect(res.text).toContain('90〜199日')
    expect(res.text).toContain('href="/statistics/websites?asOf=2026-03-31"')
  })

  it('speaks English and defaults to today', async () => {
    const res = await apiClient(t, intake.token).get('/statistics/websites?lang=en')
    expect(res.status).toBe(200)
    expect(res.text).toContain('Website reports by status')
    expect(res.text).toContain('value="2026-04-10"')
    // today R's fix of 2026-04-01 (166 days) counts too
    expect(res.text).toContain('Of 12 fixed: 5 within 30 days (41.7%), 9 within 90 days (75.0%)')
  })

  it('refuses a date that is not a real date, or is in the future, with the chooser again', async () => {
    const api = apiClient(t, intake.token)
    for (const asOf of ['2025-02-30', '2025-9-30', 'yesterday', '2026-04-11', '2004-07-07']) {
      const res = await api.get(`/statistics/websites?asOf=${asOf}`)
      expect(res.status, asOf).toBe(400)
      expect(res.text).toContain('基準日は 2004-07-08 から今日までの日付')
      expect(res.text).toContain('name="asOf"')
    }
  })
})

describe('the CSV download', () => {
  it('is UTF-8 with a BOM, one block per figure, quoted where needed', async () => {
    const res = await t.app.request('/statistics/websites.csv?asOf=2025-12-31&lang=ja', { headers: { authorization: `Bearer ${intake.token}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="website-statistics-2025-12-31.csv"')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1)
    const lines = text.split('\r\n')
    expect(lines[0]).toBe('ウェブサイトの届出状況（統計）,基準日,2025-12-31')
    expect(lines).toContain('修正完了,8,38.1')
    expect(lines).toContain('うち当該ページを削除,1,')
    expect(lines).toContain('データの改ざん、消去,3,15.8')
    expect(lines.filter((l) => l === '')).toHaveLength(7)
  })

  it('follows the reader\'s language', async () => {
    const res = await t.app.request('/statistics/websites.csv?asOf=2025-12-31&lang=en', { headers: { authorization: `Bearer ${intake.token}` } })
    const text = (await res.text()).replace(/^\uFEFF/, '')
    expect(text).toContain('Website reports by status')
    expect(text).toContain('Fixed,8,38.1')
    expect(text).toContain('Cross-site scripting,0,0,0,1,0,2,0,0,0,3,33.3,100')
  })
})

describe('the JSON API', () => {
  it('gives the figures with shares to one decimal', async () => {
    const res = await apiClient(t, intake.token).get('/api/v1/statistics/websites?asOf=2026-03-31&longRunningDays=120')
    expect(res.status).toBe(200)
    expect(res.json.asOf).toBe('2026-03-31')
    expect(res.json.statuses.fixed).toEqual({ count: 11, percent: 47.8, codeFixed: 8, workaround: 2, pageDeleted: 1 })
    expect(res.json.daysToFix.overall.within90).toEqual({ count: 9, percent: 81.8 })
    expect(res.json.longRunningDays).toBe(120)
    expect(res.json.longRunning.buckets[0]).toEqual({ key: '90-199', from: 120, to: 199 })
    // R (165 days) and S (146) still count, from 120
    expect(res.json.longRunning.total).toBe(5)
  })

  it('answers a bad date or threshold with 400 and a stable code', async () => {
    const api = apiClient(t, intake.token)
    expect((await api.get('/api/v1/statistics/websites?asOf=2026-13-01')).json.error.code).toBe('statistics.invalid_as_of')
    expect((await api.get('/api/v1/statistics/websites?asOf=2099-01-01')).status).toBe(400)
    const bad = await api.get('/api/v1/statistics/websites?longRunningDays=0')
    expect(bad.status).toBe(400)
    expect(bad.json.error.code).toBe('statistics.invalid_long_running_days')
    expect((await api.get('/api/v1/statistics/websites?longRunningDays=9.5')).status).toBe(400)
  })

  it('is for intake staff only: coordinators get 404, anonymous callers 401', async () => {
    expect((await coordinator.api.get('/api/v1/statistics/websites')).status).toBe(404)
    expect((await coordinator.api.get('/statistics/websites.csv')).status).toBe(404)
    expect((await apiClient(t).get('/api/v1/statistics/websites')).status).toBe(401)
    const page = await apiClient(t).get('/statistics/websites')
    expect(page.status).toBe(303)
  })
})

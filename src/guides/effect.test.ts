import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { createUser, type TestUser } from '../../test/support/clients.js'
import { newId } from '../platform/secrets.js'

/** The effect dashboard: counts by page, channel and week (Monday, Japan time), as page, CSV and JSON; nothing personal. */

let t: TestApp
let coordinator: TestUser
let developer: TestUser
const CHOOSING = '/guides/consumers/choosing'
const CHECKLIST = '/guides/developers/checklist'

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-10-05T03:00:00Z' })
  coordinator = await createUser(t, { roles: ['coordinator'] })
  developer = await createUser(t)
  const at = (s: string) => new Date(s)
  await t.db.insertInto('guide_channels').values({ tag: 'leaflet-2026-10', kind: 'leaflet', name_ja: '10月のリーフレット', name_en: 'October leaflet', created_at: at('2026-09-01T00:00:00Z') }).execute()
  await t.db.insertInto('guide_visits').values([
    { day: '2026-09-28', page: CHOOSING, channel: 'leaflet-2026-10', via: 'qr', views: 5, visitors: 3 },
    { day: '2026-10-04', page: CHOOSING, channel: '', via: 'web', views: 2, visitors: 2 },
    { day: '2026-10-05', page: CHECKLIST, channel: '', via: 'web', views: 4, visitors: 1 },
    // Outside the range asked for below.
    { day: '2026-09-27', page: CHOOSING, channel: '', via: 'web', views: 100, visitors: 50 },
  ]).execute()
  await t.db.insertInto('guide_downloads').values([
    // 20:00 UTC on 4 October is 5 October in Japan: the next week.
    { id: newId(), document: 'checklist', language: 'ja', purpose: 'development', channel: '', created_at: at('2026-10-04T20:00:00Z') },
    { id: newId(), document: 'choosing', language: 'en', purpose: null, channel: 'leaflet-2026-10', created_at: at('2026-09-30T02:00:00Z') },
  ]).execute()
  await t.db.insertInto('guide_ratings').values([
    { page: CHOOSING, visitor: 'mark-1', stars: 4, comment: 'とても分かりやすい <b>図</b>', channel: 'leaflet-2026-10', language: 'ja', created_at: at('2026-09-29T01:00:00Z'), updated_at: at('2026-09-29T01:00:00Z') },
    { page: CHOOSING, visitor: 'mark-2', stars: 2, comment: '', channel: '', language: 'ja', created_at: at('2026-10-05T01:00:00Z'), updated_at: at('2026-10-05T01:00:00Z') },
  ]).execute()
  const sub = (email: string, status: 'pending' | 'confirmed' | 'unsubscribed', topics: string[], channel: string, created: string, confirmed: string | null, left: string | null) => ({
    id: newId(), email, language: 'ja' as const, topics: JSON.stringify(topics), status, confirm_token_hash: null, unsubscribe_token_hash: newId(), channel,
    created_at: at(created), confirmed_at: confirmed && at(confirmed), unsubscribed_at: left && at(left),
  })
  await t.db.insertInto('guide_subscriptions').values([
    sub('one@example.jp', 'confirmed', ['choosing'], 'leaflet-2026-10', '2026-09-29T01:00:00Z', '2026-09-30T01:00:00Z', null),
    sub('two@example.jp', 'pending', ['checklist'], '', '2026-10-05T01:00:00Z', null, null),
    sub('three@example.jp', 'unsubscribed', ['checklist', 'using'], '', '2026-09-01T01:00:00Z', '2026-09-01T02:00:00Z', '2026-10-05T02:00:00Z'),
  ]).execute()
})
afterAll(async () => { await t.close() })

const RANGE = 'from=2026-09-28&to=2026-10-05'
const effect = async (query: string) => {
  const res = await coordinator.api.get(`/api/v1/guides/effect?${query}`)
  expect(res.status, JSON.stringify(res.json)).toBe(200)
  return res.json
}
const row = (rows: any[], key: string, value: string) => rows.find((r) => r[key] === value)

describe('the effect dashboard', () => {
  it('counts views, visitors, QR scans, downloads, survey answers, ratings and subscriptions by week', async () => {
    const e = await effect(RANGE)
    expect(e.byWeek.map((w: any) => w.week)).toEqual(['2026-09-28', '2026-10-05'])
    const [first, second] = e.byWeek
    expect(first).toMatchObject({ views: 7, visitors: 5, qrScans: 5, downloads: 1, survey: { skipped: 1, development: 0 }, subscriptions: { new: 1, confirmed: 1, unsubscribed: 0 } })
    expect(first.ratings).toEqual({ count: 1, average: 4, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } })
    expect(second).toMatchObject({ views: 4, visitors: 1, qrScans: 0, downloads: 1, survey: { development: 1, skipped: 0 }, subscriptions: { new: 1, confirmed: 0, unsubscribed: 1 } })
    expect(e.totals).toMatchObject({ views: 11, downloads: 2, ratings: { count: 2, average: 3 } })
  })

  it('counts by guide page and by channel, subscriptions apart from pages', async () => {
    const e = await effect(RANGE)
    expect(row(e.byPage, 'page', CHOOSING)).toMatchObject({ views: 7, qrScans: 5, downloads: 1, ratings: { count: 2 } })
    expect(row(e.byPage, 'page', CHECKLIST)).toMatchObject({ views: 4, downloads: 1 })
    expect(row(e.byPage, 'page', '')).toMatchObject({ views: 0, subscriptions: { new: 2, confirmed: 1, unsubscribed: 1 } })
    expect(row(e.byChannel, 'channel', 'leaflet-2026-10')).toMatchObject({ views: 5, qrScans: 5, downloads: 1, subscriptions: { new: 1, confirmed: 1 } })
    expect(row(e.byChannel, 'channel', '')).toMatchObject({ views: 6, downloads: 1 })
  })

  it('narrows to a channel, direct visits, a topic or a page', async () => {
    expect((await effect(`${RANGE}&channel=leaflet-2026-10`)).totals).toMatchObject({ views: 5, downloads: 1, subscriptions: { new: 1 } })
    expect((await effect(`${RANGE}&channel=-`)).totals).toMatchObject({ views: 6, downloads: 1, subscriptions: { new: 1, unsubscribed: 1 } })
    expect((await effect(`${RANGE}&topic=checklist`)).totals).toMatchObject({ views: 4, downloads: 1, ratings: { count: 0 }, subscriptions: { new: 1, unsubscribed: 1 } })
    expect((await effect(`${RANGE}&page=${encodeURIComponent(CHOOSING)}`)).totals).toMatchObject({ views: 7, downloads: 1, ratings: { count: 2 }, subscriptions: { new: 1 } })
  })

  it('lists rating comments with stars, page and date, and nothing about who wrote them', async () => {
    const e = await effect(RANGE)
    expect(e.comments).toEqual([{ page: CHOOSING, stars: 4, comment: 'とても分かりやすい <b>図</b>', ratedAt: '2026-09-29T01:00:00.000Z' }])
    const page = await coordinator.api.get(`/guides/effect?${RANGE}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('とても分かりやすい &lt;b&gt;図&lt;/b&gt;')
    expect(page.text).not.toContain('mark-1')
    expect(page.text).not.toContain('@example.jp')
    expect(page.text).toContain('<svg')
    expect(page.text).toContain('data-chart="effect-weeks"')
  })

  it('defaults to the last twelve weeks, Monday to today', async () => {
    const e = await effect('')
    expect([e.from, e.to]).toEqual(['2026-07-20', '2026-10-05'])
    expect(e.byWeek).toHaveLength(12)
  })

  it('refuses a reversed, malformed or too long range with 400, keeping the form', async () => {
    for (const query of ['from=2026-10-05&to=2026-09-01', 'from=2026-02-30&to=2026-10-01', 'from=yesterday', 'from=2020-01-01&to=2026-10-01', 'page=/admin', 'channel=<x>']) {
      const page = await coordinator.api.get(`/guides/effect?${query}`)
      expect(page.status, query).toBe(400)
      expect(page.text).toContain('期間か絞り込みの指定に誤りがあります')
      expect(page.text).toContain('name="from"')
      expect((await coordinator.api.get(`/api/v1/guides/effect?${query}`)).json.error.code).toBe('guides.effect_invalid_query')
      expect((await coordinator.api.get(`/guides/effect.csv?${query}`)).status).toBe(400)
    }
    const kept = await coordinator.api.get('/guides/effect?from=2026-10-05&to=2026-09-01')
    expect(kept.text).toContain('value="2026-10-05"')
  })

  it('exports one CSV row per week, page and channel with every measure', async () => {
    const res = await coordinator.api.get(`/guides/effect.csv?${RANGE}&lang=en`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="guides-effect-2026-09-28-2026-10-05.csv"')
    const lines = res.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(lines[0]).toBe('Week (Monday),Page,Channel,Page views,Visitors,Views from QR codes,Downloads,Survey: Product development,Survey: Procurement or purchase,Survey: Education or training,Survey: Personal use,Survey: Other,Survey: Skipped,Ratings,Average,1★,2★,3★,4★,5★,Notice registrations,Notices confirmed,Notices stopped')
    expect(lines).toContain('2026-09-28,/guides/consumers/choosing,leaflet-2026-10,5,3,5,1,0,0,0,0,0,1,1,4,0,0,0,1,0,0,0,0')
    expect(lines).toContain('2026-09-28,,leaflet-2026-10,0,0,0,0,0,0,0,0,0,0,0,,0,0,0,0,0,1,1,0')
    expect(lines).toHaveLength(7)
  })

  it('is for staff only', async () => {
    expect((await developer.api.get('/guides/effect')).status).toBe(404)
    expect((await developer.api.get('/guides/effect.csv')).status).toBe(404)
    expect((await developer.api.get('/api/v1/guides/effect')).status).toBe(404)
  })
})

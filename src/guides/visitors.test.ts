import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'

/** Visits to guide pages are counted by page, channel and way in, each visitor once a day, with no cookie. */

let t: TestApp
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-10-05T01:00:00Z' })
  await t.db.insertInto('guide_channels').values({ tag: 'leaflet-2026-10', kind: 'leaflet', name_ja: '10月のリーフレット', name_en: 'October leaflet', created_at: t.clock.now() }).execute()
  await t.db.insertInto('guide_channels').values({ tag: 'old-event', kind: 'event', name_ja: '終わった催し', name_en: 'Past event', created_at: t.clock.now(), archived_at: t.clock.now() }).execute()
})
afterAll(async () => { await t.close() })

const visit = (query: string, agent: string) => t.app.request(`/guides${query}`, { headers: { 'user-agent': agent } })
const counts = () => t.db.selectFrom('guide_visits').selectAll().orderBy('channel').orderBy('via').execute()

describe('counting guide visits', () => {
  it('counts views and distinct visitors by channel and way in, and sets no cookie to count', async () => {
    const first = await visit('', 'browser A')
    expect(first.status).toBe(200)
    // The only cookie a guide page may set is the form's CSRF token (its rating form); nothing counts by it.
    for (const cookie of first.headers.getSetCookie()) expect(cookie).toMatch(/^keikai_csrf=/)
    await visit('', 'browser A')
    await visit('', 'browser B')
    await visit('?ch=leaflet-2026-10&via=qr', 'phone D')
    await visit('?ch=leaflet-2026-10&via=qr', 'phone D')
    // A visitor is counted once a day per page, in the row of their first visit: the rows add up to the page's visitors.
    await visit('?ch=leaflet-2026-10&via=qr', 'browser A')
    expect((await counts()).map((r) => [r.day, r.page, r.channel, r.via, r.views, r.visitors])).toEqual([
      ['2026-10-05', '/guides', '', 'web', 3, 2],
      ['2026-10-05', '/guides', 'leaflet-2026-10', 'qr', 3, 1],
    ])
  })

  it('counts a forged, malformed or archived channel as no channel', async () => {
    await t.db.deleteFrom('guide_visits').execute()
    for (const ch of ['no-such-tag', 'old-event', '<script>', 'A'.repeat(300)]) {
      expect((await visit(`?ch=${encodeURIComponent(ch)}`, 'browser C')).status).toBe(200)
    }
    expect((await counts()).map((r) => [r.channel, r.via, r.views, r.visitors])).toEqual([['', 'web', 4, 1]])
  })

  it('stores no address or browser string, and forgets the day’s marks and secret after two days', async () => {
    const marks = await t.db.selectFrom('guide_visitor_marks').selectAll().execute()
    expect(marks.length).toBeGreaterThan(0)
    for (const m of marks) expect(m.mark).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(JSON.stringify(marks)).not.toContain('browser')
    t.clock.set('2026-10-07T01:00:00Z')
    await visit('', 'browser A')
    const days = (await t.db.selectFrom('guide_visitor_marks').select('day').distinct().execute()).map((r) => r.day)
    expect(days.map(String)).toEqual(['2026-10-07'])
    const secrets = (await t.db.selectFrom('guide_secrets').select('name').execute()).map((r) => r.name)
    expect(secrets).not.toContain('day:2026-10-05')
    expect(secrets).toContain('day:2026-10-07')
  })

  it('counts a visitor again on a new day', async () => {
    await t.db.deleteFrom('guide_visits').execute()
    t.clock.set('2026-10-08T01:00:00Z')
    await visit('', 'browser A')
    t.clock.set('2026-10-09T01:00:00Z')
    await visit('', 'browser A')
    expect((await counts()).map((r) => [r.day, r.visitors])).toEqual([['2026-10-08', 1], ['2026-10-09', 1]])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { productFigures } from './product-figures.js'
import { productHistory } from './fixtures/product-history.js'
import { compactProductFigures, expectedProductFigures } from './fixtures/product-history.expected.js'
import { playProductHistory } from './fixtures/product-history.play-api.js'

// The issue's proof for the product side: a hand-written history played through the real API,
// day by day on the test clock, gives every product figure of DESIGN §8 for any date — counted by
// hand in the fixture (src/statistics/fixtures/product-history*.ts).
let t: TestApp
let caseIds: Map<string, string>
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T00:00:00Z' })
  caseIds = await playProductHistory(t, productHistory)
}, 180_000)
afterAll(async () => { await t.close() })

describe('product figures of a history played through the API', () => {
  it('ends every case where the story says', async () => {
    const status = async (name: string) => (await t.db.selectFrom('cases').select('status').where('id', '=', caseIds.get(name)!).executeTakeFirstOrThrow()).status
    expect(Object.fromEntries(await Promise.all(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N'].map(async (n) => [n, await status(n)])))).toEqual({
      A: 'published', B: 'published', C: 'not_accepted', D: 'not_accepted', E: 'not_vulnerable', F: 'handled_individually', G: 'closed_low_impact',
      H: 'published', I: 'handled_individually', J: 'developer_notified', K: 'uncontactable', L: 'received', M: 'received', N: 'accepted',
    })
  })

  for (const expected of expectedProductFigures) {
    it(`gives the hand-counted figures as of ${expected.asOf}${expected.receivedFrom ? ` for reports received from ${expected.receivedFrom}` : ''}`, async () => {
      const figures = await productFigures(t.db, { asOf: expected.asOf, receivedFrom: expected.receivedFrom })
      expect(compactProductFigures(figures, { receivedFrom: expected.receivedFrom, withPercents: Boolean(expected.statusPercents) })).toEqual(expected)
      expect(figures.reportsReceived).toBe(expected.statuses.total)
    })
  }

  it('counts every report in exactly one status, lists every category in order and the real report\'s day buckets', async () => {
    const f = await productFigures(t.db, { asOf: '2026-09-30' })
    const s = f.statuses
    expect(s.published.count + s.notVulnerable.count + s.inHandling.count + s.notAccepted.count + s.handledIndividually.count).toBe(s.total)
    expect(f.byProductType.total).toBe(s.total - s.notAccepted.count)
    expect(f.byProductType.rows.map((r) => r.type)).toEqual(['web_application', 'router', 'consumer_device', 'smartphone_app', 'web_browser', 'groupware', 'dev_runtime', 'peripheral', 'file_management', 'other'])
    expect(f.byCause.rows.map((r) => r.cause).at(-1)).toBe('unclassified')
    expect(f.daysToPublication.buckets.map((b) => b.key)).toEqual(['0-45', '46-100', '101-200', '201-300', '301+'])
    const u = f.uncontactable
    expect(u.resumed + u.publishedByCommittee + u.stillUncontactable).toBe(u.listed)
  })

  it('takes other day buckets when asked, the headline shares unchanged', async () => {
    const f = await productFigures(t.db, { asOf: '2026-09-30', publicationBounds: [0, 50, 100] })
    expect(f.daysToPublication.buckets.map((b) => b.key)).toEqual(['0-49', '50-99', '100+'])
    expect(f.daysToPublication.counts).toEqual([1, 1, 1])
    expect(f.daysToPublication.within45).toEqual({ count: 1, percent: 33.3 })
  })
})

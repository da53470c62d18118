import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient } from '../../test/support/clients.js'
import { seedHistory } from '../demo/history/history.js'
import { REFERENCE_2019Q3 as REF } from './reference-2019q3.js'

// The public report of 2019Q3 over the synthetic programme history (src/demo/history), read as the
// public reads it — the JSON and the page — against the real programme's published figures.
let t: TestApp
beforeAll(async () => {
  t = await setupTestApp({ now: '2019-10-01T03:00:00Z' })
  await seedHistory(t.db)
}, 240_000)
afterAll(async () => { await t.close() })

const whole = (fraction: number | null) => Math.round((fraction ?? NaN) * 100)

describe('the 2019Q3 report over the synthetic programme history', () => {
  it('gives the 12 reference cumulative totals 2016Q4–2019Q3 and 4.06 reports per business day', async () => {
    const res = await apiClient(t).get('/api/v1/statistics/2019Q3')
    expect(res.status).toBe(200)
    const r = res.json
    expect(r.cumulative.map((x: { quarter: string; total: number }) => ({ quarter: x.quarter, total: x.total })))
      .toEqual(REF.cumulative.map((x) => ({ quarter: x.quarter, total: x.total })))
    const last = r.cumulative.at(-1)
    expect([last.product, last.website]).toEqual([REF.product.total, REF.website.total])
    // 15,050 reports over 3,711 business days from 2004-07-08 to 2019-09-30
    expect([last.businessDays, last.perBusinessDay]).toEqual([3711, 4.06])
  }, 120_000)

  it('gives the reference status breakdowns and headline shares', async () => {
    const r = (await apiClient(t).get('/api/v1/statistics/2019Q3')).json
    const p = r.product, w = r.website
    expect([p.total, p.published, p.publishedByCommittee, p.notVulnerable, p.inHandling, p.uncontactableListed, p.notAccepted, p.handledIndividually])
      .toEqual([REF.product.total, REF.product.published, REF.product.publishedByCommittee, REF.product.notVulnerable, REF.product.inHandling,
        REF.product.uncontactableInHandling, REF.product.notAccepted, REF.product.handledIndividually])
    expect(p.uncontactable).toEqual(REF.product.uncontactable)
    expect([whole(p.publishedWithin45Share), whole(p.published301OrMoreShare)]).toEqual([REF.product.publishedWithin45Percent, REF.product.published301OrMorePercent])
    expect([w.total, w.fixed, w.fixedWorkaround, w.fixedPageDeleted, w.closedByAlert, w.notVulnerable, w.inHandling, w.stalled, w.notAccepted])
      .toEqual([REF.website.total, REF.website.fixed, REF.website.workaround, REF.website.pageDeleted, REF.website.closedByAlert,
        REF.website.notVulnerable, REF.website.inHandling, REF.website.stalled, REF.website.notAccepted])
    expect([whole(w.fixedWithin30Share), whole(w.fixedWithin90Share)]).toEqual([REF.website.fixedWithin30Percent, REF.website.fixedWithin90Percent])
  }, 120_000)

  it('shows the same on the public page', async () => {
    const res = await apiClient(t).get('/statistics/2019Q3')
    expect(res.status).toBe(200)
    expect(res.text).toContain('デモ用の合成データ')
    expect(res.text).toContain('累計 15,050 件、就業日 3,711 日、1就業日あたり 4.06 件')
  }, 120_000)
})

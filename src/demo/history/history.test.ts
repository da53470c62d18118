import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../../test/support/test-app.js'
import { startOfJapanDay } from '../../platform/calendar/business-days.js'
import { websiteFigures } from '../../statistics/website-figures.js'
import { REFERENCE_2019Q3 as REF } from '../../statistics/reference-2019q3.js'
import { hasSyntheticHistory } from '../../statistics/reference-2019q3.notice.js'
import { productFigures } from '../../statistics/product-figures.js'
import { quarterlyReport } from '../../statistics/quarterly-report.js'
import { dropSnapshot } from '../../statistics/case-states.repository.js'
import { advanceSnapshot } from '../../statistics/snapshot.js'
import { browserClient, createUser, signInBrowser } from '../../../test/support/clients.js'
import { seedHistory, SYNTHETIC_LABEL } from './history.js'
import { planHistory } from './plan.js'

// The synthetic programme history against the real programme's published figures for the quarter
// ending 2019-09-30 (DESIGN §8), computed from its events by the statistics code itself.
let t: TestApp
let written: Awaited<ReturnType<typeof seedHistory>>
let syntheticBefore: boolean
beforeAll(async () => {
  t = await setupTestApp()
  syntheticBefore = await hasSyntheticHistory(t.db)
  written = await seedHistory(t.db)
}, 180_000)
afterAll(async () => { await t.close() })

const whole = (percent: number | null) => Math.round(percent ?? NaN)
describe('the synthetic programme history (npm run demo -- --history)', () => {
  it('writes 15,050 reports with their events well within a minute', () => {
    expect(written.cases).toBe(15_050)
    expect(written.events).toBeGreaterThan(60_000)
    expect(written.ms).toBeLessThan(60_000)
  })

  it('is the same history for the same seed and another for another seed', () => {
    const a = planHistory(7), b = planHistory(7), c = planHistory(8)
    expect(JSON.stringify(a.slice(0, 200))).toBe(JSON.stringify(b.slice(0, 200)))
    expect(JSON.stringify(a.slice(0, 200))).not.toBe(JSON.stringify(c.slice(0, 200)))
  })

  it('labels every case and report as synthetic', async () => {
    const unlabelled = await t.db.selectFrom('cases').select('id').where('title', 'not like', `${SYNTHETIC_LABEL}%`).execute()
    expect(unlabelled).toEqual([])
    const finders = await t.db.selectFrom('reports').select('finder_name').distinct().execute()
    expect(finders.map((f) => f.finder_name)).toEqual(['合成データの発見者 (synthetic finder)'])
    // What the statistics pages ask to show their notice.
    expect(syntheticBefore).toBe(false)
    expect(await hasSyntheticHistory(t.db)).toBe(true)
  })

  it('gives the reference cumulative totals at every quarter end 2016Q4–2019Q3', async () => {
    const totals = []
    for (const q of REF.cumulative) {
      const website = (await websiteFigures(t.db, { asOf: q.quarterEnd })).reportsReceived
      const product = (await productFigures(t.db, { asOf: q.quarterEnd })).reportsReceived
      totals.push({ quarter: q.quarter, total: website + product })
    }
    expect(totals).toEqual(REF.cumulative.map((q) => ({ quarter: q.quarter, total: q.total })))
  })

  it('gives the reference website figures for 2019-09-30', async () => {
    const f = await websiteFigures(t.db, { asOf: REF.quarterEnd })
    const s = f.statuses
    const W = REF.website
    expect({
      total: s.total, fixed: s.fixed.count, workaround: s.fixed.workaround, pageDeleted: s.fixed.pageDeleted,
      closedByAlert: s.closedByAlert.count, notVulnerable: s.notVulnerable.count, inHandling: s.inHandling.count,
      stalled: s.stalled.count, notAccepted: s.notAccepted.count,
    }).toEqual({
      total: W.total, fixed: W.fixed, workaround: W.workaround, pageDeleted: W.pageDeleted, closedByAlert: W.closedByAlert,
      notVulnerable: W.notVulnerable, inHandling: W.inHandling, stalled: W.stalled, notAccepted: W.notAccepted,
    })
    // Figure 8: shares of the fixes, as the report prints them (whole percents).
    expect(whole(f.daysToFix.overall.within30.percent)).toBe(W.fixedWithin30Percent)
    expect(whole(f.daysToFix.overall.within90.percent)).toBe(W.fixedWithin90Percent)
    // Figures 9 and 10 over every report but the not accepted: 10,660 − 252.
    expect(f.byType.total).toBe(W.total - W.notAccepted)
    expect(f.byImpact.total).toBe(W.total - W.notAccepted)
    const typePercent = Object.fromEntries(f.byType.rows.map((r) => [r.type, whole(r.percent)]))
    const impactPercent = Object.fromEntries(f.byImpact.rows.map((r) => [r.impact, whole(r.percent)]))
    expect(typePercent).toMatchObject(W.typePercents)
    expect(impactPercent).toMatchObject(W.impactPercents)
    // Figure 11.
    expect(f.longRunning.total).toBe(W.longRunning)
    const sqli = f.longRunning.byType.find((r) => r.type === 'sql_injection')!
    expect(Math.round((sqli.total * 100) / f.longRunning.total)).toBe(W.longRunningSqlInjectionPercent)
  })

  it('gives the reference product figures for 2019-09-30', async () => {
    const f = await productFigures(t.db, { asOf: REF.quarterEnd })
    const s = f.statuses
    const P = REF.product
    expect({
      total: s.total, published: s.published.count, publishedByCommittee: s.published.byCommittee, notVulnerable: s.notVulnerable.count,
      inHandling: s.inHandling.count, uncontactableInHandling: s.inHandling.uncontactableListed, notAccepted: s.notAccepted.count,
      handledIndividually: s.handledIndividually.count,
    }).toEqual({
      total: P.total, published: P.published, publishedByCommittee: P.publishedByCommittee, notVulnerable: P.notVulnerable,
      inHandling: P.inHandling, uncontactableInHandling: P.uncontactableInHandling, notAccepted: P.notAccepted, handledIndividually: P.handledIndividually,
    })
    // The EoL case A closures are in it, counted with 個別対応.
    expect(s.handledIndividually.lowImpact).toBeGreaterThan(0)
    // Figure 4: days from acceptance to publication, counts and whole percents as printed.
    expect(f.daysToPublication.within45.count).toBe(P.publishedWithin45Days)
    expect(whole(f.daysToPublication.within45.percent)).toBe(P.publishedWithin45Percent)
    expect(f.daysToPublication.over300.count).toBe(P.published301DaysOrMore)
    expect(whole(f.daysToPublication.over300.percent)).toBe(P.published301OrMorePercent)
    // Figures 5 and 6 over every report but the not accepted: 4,390 − 487.
    expect(f.byProductType.total).toBe(P.total - P.notAccepted)
    expect(f.byCause.total).toBe(P.total - P.notAccepted)
    expect(f.byCause.rows.find((r) => r.cause === 'unclassified')?.count ?? 0).toBe(0)
    // Figure 7.
    expect(f.uncontactable).toEqual(P.uncontactable)
    // Every publication is an advisory published by the date.
    expect(f.advisoriesPublished).toBe(P.published)
  })

  it('makes the public 2019Q3 report (JSON API) print the reference figures', async () => {
    const res = await t.app.request('/api/v1/statistics/2019Q3')
    expect(res.status).toBe(200)
    const r = await res.json() as {
      cumulative: { quarter: string; total: number }[]
      product: Record<string, number> & { uncontactable: Record<string, number> }
      website: Record<string, number> & { fixedWithin30Share: number; fixedWithin90Share: number }
    }
    expect(r.cumulative.map((q) => ({ quarter: q.quarter, total: q.total }))).toEqual(REF.cumulative.map((q) => ({ quarter: q.quarter, total: q.total })))
    const P = REF.product, W = REF.website
    expect(r.product).toMatchObject({
      total: P.total, published: P.published, publishedByCommittee: P.publishedByCommittee, notVulnerable: P.notVulnerable,
      inHandling: P.inHandling, uncontactableListed: P.uncontactableInHandling, notAccepted: P.notAccepted, handledIndividually: P.handledIndividually,
      uncontactable: P.uncontactable,
    })
    expect(r.website).toMatchObject({
      total: W.total, fixed: W.fixed, fixedWorkaround: W.workaround, fixedPageDeleted: W.pageDeleted, closedByAlert: W.closedByAlert,
      notVulnerable: W.notVulnerable, inHandling: W.inHandling, stalled: W.stalled, notAccepted: W.notAccepted,
    })
    expect(Math.round(r.website.fixedWithin30Share * 100)).toBe(W.fixedWithin30Percent)
    expect(Math.round(r.website.fixedWithin90Share * 100)).toBe(W.fixedWithin90Percent)
  })

  it('reads the same 2019Q3 report through a case-state snapshot, wherever it stands, as by replaying the whole log', async () => {
    await dropSnapshot(t.db)
    const replayed = await quarterlyReport(t.db, { year: 2019, q: 3 }, t.clock.now())
    const midQuarter = await productFigures(t.db, { asOf: '2018-02-14', receivedFrom: '2018-01-01' })
    // before the quarter (events since replayed on top), at its end (nothing to replay), after it (replay only)
    for (const cutoff of ['2017-04-01', '2019-10-01', '2020-01-01']) {
      await advanceSnapshot(t.db, startOfJapanDay(cutoff), t.clock.now())
      expect(await quarterlyReport(t.db, { year: 2019, q: 3 }, t.clock.now()), cutoff).toEqual(replayed)
      expect(await productFigures(t.db, { asOf: '2018-02-14', receivedFrom: '2018-01-01' }), cutoff).toEqual(midQuarter)
    }
    await dropSnapshot(t.db)
  })

  it('opens for staff: a case of every kind and status, and the intake, coordination and website lists', async () => {
    const staff = await createUser(t, { roles: ['intake', 'coordinator'] })
    const b = browserClient(t)
    await signInBrowser(t, b, staff)
    const samples = await t.db.selectFrom('cases').select(['kind', 'status', (eb) => eb.fn.min('id').as('id')]).groupBy(['kind', 'status']).execute()
    expect(samples.length).toBeGreaterThanOrEqual(18)
    for (const s of samples) {
      const page = await b.get(`/cases/${s.id}`)
      expect({ kind: s.kind, status: s.status, code: page.status }).toEqual({ kind: s.kind, status: s.status, code: 200 })
      expect(page.text).toContain('合成データ')
    }
    for (const path of ['/intake', '/coordination', '/websites']) expect((await b.get(path)).status).toBe(200)
  })
})

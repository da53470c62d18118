import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { setupTestApp, type TestApp } from '../../../test/support/test-app.js'
import { websiteFigures } from '../../statistics/website-figures.js'
import { REFERENCE_2019Q3 as REF } from '../../statistics/reference-2019q3.js'
import { hasSyntheticHistory } from '../../statistics/reference-2019q3.notice.js'
import { startOfJapanDay, addCalendarDays } from '../../platform/calendar/business-days.js'
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
const cutoffAfter = (date: string) => startOfJapanDay(addCalendarDays(date, 1))

/** Product reports received by the end of `date` (Japan time), counted from the events. */
async function productReportsReceived(date: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from case_events
    where type = 'report_submitted' and data->>'kind' = 'product' and occurred_at < ${cutoffAfter(date)}`.execute(t.db)
  return rows[0]!.n
}

type ProductCaseFacts = { status: string; byCommittee: boolean; listed: boolean; resumed: boolean; daysToPublication: number | null }

/**
 * Every product case as of the end of `date`, replayed from its events: the status of its last
 * transition, whether the committee decided its publication, whether it was listed uncontactable
 * or resumed, and the Japan days from acceptance to publication.
 */
async function productCases(date: string): Promise<ProductCaseFacts[]> {
  const { rows } = await sql<ProductCaseFacts>`
    with per_case as (
      select e.case_id,
        (array_agg(e.to_status order by e.id desc) filter (where e.to_status is not null))[1] as status,
        bool_or(e.type = 'schedule_publication' and (e.data->>'decidedByCommittee')::boolean) as by_committee,
        bool_or(e.type in ('declare_uncontactable', 'party_uncontactable')) as listed,
        bool_or(e.type = 'resume_coordination') as resumed,
        min(e.occurred_at) filter (where e.type = 'accept') as accepted_at,
        min(e.occurred_at) filter (where e.type = 'publish') as published_at
      from case_events e
      where e.occurred_at < ${cutoffAfter(date)}
      group by e.case_id
      having bool_or(e.type = 'report_submitted' and e.data->>'kind' = 'product')
    )
    select status, coalesce(by_committee, false) as "byCommittee", listed, resumed,
      ((published_at at time zone 'Asia/Tokyo')::date - (accepted_at at time zone 'Asia/Tokyo')::date) as "daysToPublication"
    from per_case`.execute(t.db)
  return rows
}

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
      totals.push({ quarter: q.quarter, total: website + await productReportsReceived(q.quarterEnd) })
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

  it('gives the reference product figures for 2019-09-30, counted from the events', async () => {
    const cases = await productCases(REF.quarterEnd)
    const P = REF.product
    const count = (pick: (c: ProductCaseFacts) => boolean) => cases.filter(pick).length
    const closedElsewhere = ['published', 'not_vulnerable', 'not_accepted', 'handled_individually', 'closed_low_impact']
    expect({
      total: cases.length,
      published: count((c) => c.status === 'published'),
      publishedByCommittee: count((c) => c.status === 'published' && c.byCommittee),
      notVulnerable: count((c) => c.status === 'not_vulnerable'),
      inHandling: count((c) => !closedElsewhere.includes(c.status)),
      uncontactableInHandling: count((c) => c.status === 'uncontactable'),
      notAccepted: count((c) => c.status === 'not_accepted'),
      // 個別対応, with the low-impact closures (EoL case A) where the programme counts them.
      handledIndividually: count((c) => c.status === 'handled_individually' || c.status === 'closed_low_impact'),
    }).toEqual({
      total: P.total, published: P.published, publishedByCommittee: P.publishedByCommittee, notVulnerable: P.notVulnerable,
      inHandling: P.inHandling, uncontactableInHandling: P.uncontactableInHandling, notAccepted: P.notAccepted, handledIndividually: P.handledIndividually,
    })
    expect(count((c) => c.status === 'closed_low_impact')).toBeGreaterThan(0)
    // Figure 4: days from acceptance to publication.
    expect(count((c) => c.status === 'published' && c.daysToPublication! <= 45)).toBe(P.publishedWithin45Days)
    expect(count((c) => c.status === 'published' && c.daysToPublication! >= 301)).toBe(P.published301DaysOrMore)
    // Figure 7.
    expect({
      listed: count((c) => c.listed),
      resumed: count((c) => c.resumed),
      resumedCompleted: count((c) => c.resumed && closedElsewhere.includes(c.status)),
      publishedByCommittee: count((c) => c.listed && c.byCommittee && c.status === 'published'),
      stillUncontactable: count((c) => c.status === 'uncontactable'),
    }).toEqual(P.uncontactable)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { startOfJapanDay } from '../platform/calendar/business-days.js'
import { apiClient, browserClient, createUser, signInBrowser } from '../../test/support/clients.js'
import { appendEvent, systemActor } from '../cases/case-events.js'
import { websiteHistory } from './fixtures/website-history.js'
import { playAsEvents } from './fixtures/play-events.js'
import { currentSnapshot, dropSnapshot } from './case-states.repository.js'
import { advanceSnapshot } from './snapshot.js'
import { websiteFigures } from './website-figures.js'
import { quarterlyReport } from './quarterly-report.js'
import { freezeFinishedQuarter, reportDifferences } from './frozen-reports.js'
import { firstReportDate } from './quarterly-report.repository.js'
import { compareQuarters, parseQuarter, quarterName, quarterOf, quartersUpTo } from './quarterly-report.quarters.js'

// The website history (23 cases, 2024-10-01 … 2026-04) as events; today is 2026-04-10 in Japan,
// so 2026Q1 is the last finished quarter.
let t: TestApp
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-10T01:00:00Z' })
  await playAsEvents(t.db, websiteHistory)
}, 60_000)
afterAll(async () => { await t.close() })

const DATES = ['2024-12-31', '2025-03-31', '2025-06-15', '2025-09-30', '2025-12-31', '2026-03-31']

/** A website report filed at `at` (a past time: what a correction of the log would write). */
async function fileReport(at: Date): Promise<string> {
  const caseId = `late-${crypto.randomUUID()}`
  await t.db.insertInto('cases').values({ id: caseId, kind: 'website', status: 'received', title: 'Late', created_at: at, updated_at: at }).execute()
  await appendEvent(t.db, { caseId, type: 'report_submitted', actor: systemActor, at, to: 'received', data: { kind: 'website', vulnerabilityType: 'xss', impact: 'defacement', attachments: 0 } })
  return caseId
}

describe('the case-state snapshot', () => {
  it('gives the same figures as a replay of the whole log, for dates before, at and after its cutoff', async () => {
    await dropSnapshot(t.db)
    const replayed = await Promise.all(DATES.map((asOf) => websiteFigures(t.db, { asOf, receivedFrom: '2025-01-01' })))
    const report = await quarterlyReport(t.db, { year: 2026, q: 1 }, t.clock.now())
    // the staff view of a day inside a quarter: the last cumulative row ends on that day
    const midQuarter = await quarterlyReport(t.db, { year: 2026, q: 1 }, t.clock.now(), '2026-02-14')
    for (const cutoff of ['2025-04-01', '2025-10-01', '2026-04-01']) {
      await advanceSnapshot(t.db, startOfJapanDay(cutoff), t.clock.now())
      expect((await currentSnapshot(t.db))?.cutoff).toEqual(startOfJapanDay(cutoff))
      const read = await Promise.all(DATES.map((asOf) => websiteFigures(t.db, { asOf, receivedFrom: '2025-01-01' })))
      expect(read, `snapshot at ${cutoff}`).toEqual(replayed)
      expect(await quarterlyReport(t.db, { year: 2026, q: 1 }, t.clock.now()), `snapshot at ${cutoff}`).toEqual(report)
      expect(await quarterlyReport(t.db, { year: 2026, q: 1 }, t.clock.now(), '2026-02-14'), `snapshot at ${cutoff}`).toEqual(midQuarter)
    }
  })

  it('never moves back, and counts an event written later with an earlier time', async () => {
    await advanceSnapshot(t.db, startOfJapanDay('2026-04-01'), t.clock.now())
    expect(await advanceSnapshot(t.db, startOfJapanDay('2025-10-01'), t.clock.now())).toBe(0)
    expect((await currentSnapshot(t.db))?.cutoff).toEqual(startOfJapanDay('2026-04-01'))
    const before = await websiteFigures(t.db, { asOf: '2026-03-31' })
    await fileReport(new Date('2026-02-01T10:00:00+09:00'))
    const after = await websiteFigures(t.db, { asOf: '2026-03-31' })
    expect(after.reportsReceived).toBe(before.reportsReceived + 1)
    expect(after.statuses.inHandling.received).toBe(before.statuses.inHandling.received + 1)
    await dropSnapshot(t.db)
    expect(await websiteFigures(t.db, { asOf: '2026-03-31' })).toEqual(after)
  })
})

describe('frozen quarters', () => {
  it('computes a finished quarter once: a later correction of the log changes nothing until an administrator recomputes', async () => {
    const anonymous = apiClient(t)
    const first = (await anonymous.get('/api/v1/statistics/2025Q4')).json
    await fileReport(new Date('2025-11-20T10:00:00+09:00'))
    expect((await anonymous.get('/api/v1/statistics/2025Q4')).json).toEqual(first)

    const admin = await createUser(t, { roles: ['admin'] })
    const b = browserClient(t)
    await signInBrowser(t, b, admin)
    const page = await b.get('/statistics/2025Q4')
    expect(page.text).toContain('この四半期を再計算する')
    const res = await b.post('/statistics/2025Q4/recompute', {})
    expect(res.status).toBe(303)
    expect(res.location).toBe('/statistics/2025Q4?recomputed')

    const recomputed = (await anonymous.get('/api/v1/statistics/2025Q4')).json
    expect(recomputed.website.total).toBe(first.website.total + 1)
    expect(recomputed.quarterOnly.website.total).toBe(first.quarterOnly.website.total + 1)
    const shown = await b.get('/statistics/2025Q4?recomputed')
    expect(shown.text).toMatch(/再計算しました。\d+ か所の数値が変わりました/)
    expect(shown.text).toContain('<code>website.total</code>')
    const logged = await t.db.selectFrom('statistics_recomputations').select(['actor_id', 'differences']).where('quarter', '=', '2025Q4').execute()
    expect(logged).toHaveLength(1)
    expect(logged[0]!.actor_id).toBe(admin.id)
    expect(logged[0]!.differences).toContainEqual({ path: 'website.total', before: first.website.total, after: first.website.total + 1 })

    // Recomputing again, a minute later, changes nothing, and says so.
    t.clock.advance(60_000)
    await b.post('/statistics/2025Q4/recompute', {})
    expect((await b.get('/statistics/2025Q4?recomputed')).text).toContain('再計算しました。数値の変化はありません。')
  })

  it('recomputes through the API too, for administrators, answering what changed', async () => {
    const admin = await createUser(t, { roles: ['admin'] })
    const before = (await apiClient(t).get('/api/v1/statistics/2025Q4')).json
    await fileReport(new Date('2025-12-24T10:00:00+09:00'))
    const res = await admin.api.post('/api/v1/statistics/2025Q4/recompute', {})
    expect(res.status).toBe(200)
    expect(res.json.quarter).toBe('2025Q4')
    expect(res.json.differences).toContainEqual({ path: 'quarterOnly.website.total', before: before.quarterOnly.website.total, after: before.quarterOnly.website.total + 1 })
    const finder = await createUser(t)
    expect((await finder.api.post('/api/v1/statistics/2025Q4/recompute', {})).status).toBe(404)
    expect((await apiClient(t).post('/api/v1/statistics/2025Q4/recompute', {})).status).toBe(401)
  })

  it('shows the recomputation panel to administrators only, and refuses a recomputation to anyone else as not found', async () => {
    expect((await browserClient(t).get('/statistics/2025Q4')).text).not.toContain('recompute')
    const intake = await createUser(t, { roles: ['intake', 'coordinator'] })
    const b = browserClient(t)
    await signInBrowser(t, b, intake)
    expect((await b.get('/statistics/2025Q4')).text).not.toContain('/recompute')
    // as everywhere in keikai, a route a person may not use is not advertised: 404
    expect((await b.post('/statistics/2025Q4/recompute', {})).status).toBe(404)
  })

  it('refuses to recompute a quarter that has no report yet', async () => {
    const admin = await createUser(t, { roles: ['admin'] })
    const b = browserClient(t)
    await signInBrowser(t, b, admin)
    expect((await b.post('/statistics/2026Q2/recompute', {})).status).toBe(404)
    expect((await b.post('/statistics/2026Q9/recompute', {})).status).toBe(400)
  })

  it('computes again, and logs, a report frozen in an older format', async () => {
    const before = (await apiClient(t).get('/api/v1/statistics/2025Q3')).json
    await t.db.updateTable('statistics_frozen_reports').set({ format: 0 }).where('quarter', '=', '2025Q3').execute()
    expect((await apiClient(t).get('/api/v1/statistics/2025Q3')).json).toEqual(before)
    const logged = await t.db.selectFrom('statistics_recomputations').select(['actor_id', 'differences']).where('quarter', '=', '2025Q3').execute()
    expect(logged).toEqual([{ actor_id: null, differences: [] }])
  })

  it('the background job catches up quarter by quarter from the first report, freezing each finished quarter as the log has it', async () => {
    await dropSnapshot(t.db)
    await t.db.deleteFrom('statistics_frozen_reports').execute()
    const first = quarterOf((await firstReportDate(t.db))!)
    const expected = quartersUpTo({ year: 2026, q: 1 }, compareQuarters({ year: 2026, q: 1 }, first) + 1).map(quarterName)
    expect(expected[0]).toBe('2024Q4')
    let frozen = 0
    for (let tick = 0; tick < 20; tick++) frozen += await freezeFinishedQuarter(t.deps)
    expect(frozen).toBe(expected.length)
    expect((await t.db.selectFrom('statistics_frozen_reports').select('quarter').orderBy('quarter').execute()).map((r) => r.quarter)).toEqual(expected)
    expect((await currentSnapshot(t.db))?.cutoff).toEqual(startOfJapanDay('2026-04-01'))
    expect(await freezeFinishedQuarter(t.deps)).toBe(0)
    // each frozen quarter is what a replay of the whole log gives
    const frozenReports = await t.db.selectFrom('statistics_frozen_reports').select(['quarter', 'report']).execute()
    await dropSnapshot(t.db)
    for (const r of frozenReports) expect(r.report, r.quarter).toEqual(JSON.parse(JSON.stringify(await quarterlyReport(t.db, parseQuarter(r.quarter)!, t.clock.now()))))
  })
})

describe('the differences between two computations', () => {
  it('names each figure that changed by its path in the JSON', () => {
    expect(reportDifferences({ a: 1, b: [{ c: 2 }, { c: 3 }], d: null }, { a: 1, b: [{ c: 2 }, { c: 4 }], d: 0 })).toEqual([
      { path: 'b[1].c', before: 3, after: 4 }, { path: 'd', before: null, after: 0 },
    ])
    expect(reportDifferences({ a: [1] }, { a: [1, 2] })).toEqual([{ path: 'a[1]', before: null, after: 2 }])
  })
})

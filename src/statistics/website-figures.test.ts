import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { appendEvent, systemActor } from '../cases/case-events.js'
import { websiteFigures } from './website-figures.js'
import { websiteHistory } from './fixtures/website-history.js'
import { expectedFigures } from './fixtures/website-history.expected.js'
import { compactFigures } from './fixtures/compact-figures.js'
import { playAsEvents } from './fixtures/play-events.js'

// The fixture history written straight into the event log: fast, and independent of the website API.
// website-history.test.ts plays the same story through the API.
let t: TestApp
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-02T01:00:00Z' })
  await playAsEvents(t.db, websiteHistory)
  // A product case in the same log never counts among website reports.
  await t.db.insertInto('cases').values({ id: 'product-1', kind: 'product', status: 'received', title: 'Router', created_at: new Date('2025-05-01T01:00:00Z'), updated_at: new Date('2025-05-01T01:00:00Z') }).execute()
  await appendEvent(t.db, { caseId: 'product-1', type: 'report_submitted', actor: systemActor, at: new Date('2025-05-01T01:00:00Z'), to: 'received', data: { kind: 'product' } })
  // Two duplicates joined to M (as joinDuplicate records it): one on the day it was filed, one the day after.
  await fileDuplicate('dup-1', '2025-08-10T10:00:00+09:00', '2025-08-10T11:00:00+09:00')
  await fileDuplicate('dup-2', '2025-08-11T10:00:00+09:00', '2025-08-12T10:00:00+09:00')
})

async function fileDuplicate(caseId: string, filedAt: string, joinedAt: string) {
  const at = new Date(filedAt)
  await t.db.insertInto('cases').values({ id: caseId, kind: 'website', status: 'not_accepted', title: caseId, created_at: at, updated_at: at }).execute()
  await appendEvent(t.db, { caseId, type: 'report_submitted', actor: systemActor, at, to: 'received', data: { kind: 'website', vulnerabilityType: 'xss', impact: 'fake_content' } })
  await appendEvent(t.db, { caseId, type: 'reject', actor: systemActor, at: new Date(joinedAt), from: 'received', to: 'not_accepted', data: { reason: 'duplicate', duplicateOf: 'story-M', joined: true, note: null } })
}
afterAll(async () => { await t.close() })

describe('website figures from the event log (events written directly)', () => {
  for (const expected of expectedFigures) {
    it(`gives the hand-counted figures as of ${expected.asOf}${expected.longRunningDays ? ` with a ${expected.longRunningDays}-day threshold` : ''}`, async () => {
      const figures = await websiteFigures(t.db, { asOf: expected.asOf, longRunningDays: expected.longRunningDays })
      expect(compactFigures(figures, Boolean(expected.statusPercents))).toEqual(expected)
      expect(figures.reportsReceived).toBe(expected.statuses.total)
    })
  }

  it('counts every report in exactly one status, and the in-handling parts add up', async () => {
    const { statuses: s } = await websiteFigures(t.db, { asOf: '2025-09-30' })
    expect(s.fixed.count + s.closedByAlert.count + s.notVulnerable.count + s.inHandling.count + s.stalled.count + s.notAccepted.count).toBe(s.total)
    expect(s.fixed.codeFixed + s.fixed.workaround + s.fixed.pageDeleted).toBe(s.fixed.count)
    expect(s.inHandling.received + s.inHandling.accepted + s.inHandling.operatorNotified).toBe(s.inHandling.count)
  })

  it('lists every vulnerability type and impact, zero or not, in the categories\' order', async () => {
    const f = await websiteFigures(t.db, { asOf: '2025-06-30' })
    expect(f.byType.rows.map((r) => r.type).slice(0, 3)).toEqual(['xss', 'dns_misconfiguration', 'sql_injection'])
    expect(f.byType.rows).toHaveLength(10)
    expect(f.byImpact.rows).toHaveLength(8)
    expect(f.daysToFix.byType).toHaveLength(10)
    expect(f.longRunning.buckets[0]).toEqual({ key: '90-199', from: 90, to: 199 })
    expect(f.longRunning.buckets.at(-1)).toEqual({ key: '1000+', from: 1000, to: null })
  })

  it('counts a duplicate once, with the case it joined: awaiting intake it is a report, once joined neither a report nor a not accepted one', async () => {
    const before = (await websiteFigures(t.db, { asOf: '2025-08-09' })).statuses
    const joinedSameDay = (await websiteFigures(t.db, { asOf: '2025-08-10' })).statuses
    expect([joinedSameDay.total, joinedSameDay.notAccepted.count, joinedSameDay.inHandling.received]).toEqual([before.total, before.notAccepted.count, before.inHandling.received])
    const waiting = await websiteFigures(t.db, { asOf: '2025-08-11' })
    expect([waiting.statuses.total, waiting.statuses.inHandling.received]).toEqual([before.total + 1, before.inHandling.received + 1])
    expect(waiting.byType.total).toBe(before.total - before.notAccepted.count + 1)
    const joined = (await websiteFigures(t.db, { asOf: '2025-08-12' })).statuses
    expect([joined.total, joined.notAccepted.count, joined.inHandling.received]).toEqual([before.total, before.notAccepted.count, before.inHandling.received])
  })

  it("counts only the reports received from a date on when asked (the quarter's own block), cut at Japan midnight", async () => {
    // Q2 2025: L (filed 2025-07-01 00:05 JST) M N O P Q; K (2025-06-30 23:50) belongs to Q1.
    const f = await websiteFigures(t.db, { asOf: '2025-09-30', receivedFrom: '2025-07-01' })
    const s = f.statuses
    expect(f.reportsReceived).toBe(6)
    expect([s.fixed.count, s.inHandling.received, s.inHandling.accepted, s.inHandling.operatorNotified, s.notAccepted.count]).toEqual([2, 1, 1, 2, 0])
    expect(f.byType.rows.filter((r) => r.count > 0).map((r) => [r.type, r.count])).toEqual([['xss', 3], ['dns_misconfiguration', 1], ['sql_injection', 1], ['directory_traversal', 1]])
    expect(f.daysToFix.overall.fixed).toBe(2)
  })

  it('does not change a past date\'s figures when later events arrive', async () => {
    const before = await websiteFigures(t.db, { asOf: '2025-09-30' })
    const latest = await websiteFigures(t.db, { asOf: '2026-03-31' })
    expect(await websiteFigures(t.db, { asOf: '2025-09-30' })).toEqual(before)
    expect(latest.statuses.fixed.count).toBeGreaterThan(before.statuses.fixed.count)
  })
})

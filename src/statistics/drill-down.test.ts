import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, type RawBuilder } from 'kysely'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { translator } from '../platform/i18n/index.js'
import { addCalendarDays, startOfJapanDay } from '../platform/calendar/business-days.js'
import { PRODUCT_CASE_STATUSES } from '../cases/product-case.transitions.js'
import { WEBSITE_CASE_STATUSES } from '../cases/website-case.transitions.js'
import { daysToFixBuckets, longRunningBuckets } from './buckets.js'
import { assembleProductFigures, daysToPublicationBuckets } from './product-figures.js'
import { assembleWebsiteFigures, DEFAULT_LONG_RUNNING_DAYS } from './website-figures.js'
import type { ProductCaseGroup, UncontactableStanding } from './product-figures.repository.js'
import type { WebsiteCaseGroup } from './website-figures.repository.js'
import { productBlock, websiteBlock, type QuarterlyReport } from './quarterly-report.js'
import { quarterlyReportFigures } from './quarterly-report.tables.js'
import { drillTargetOf, resolveDrillTarget, type DrillTarget } from './drill-down.js'

// The drill-down's conditions against the figures' own counting, over every status of both
// transition tables: made-up per-case rows (the columns of productCases / websiteCases, every
// status, classified or not, a retired category, every uncontactable standing, days in and out of
// the buckets) are grouped as the figures group them and assembled into a report; for every cell
// of that report that the staff page links, the condition must keep exactly the cell's number of
// rows. A status added to a list of the figures but not to the drill-down's fails here.

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-06-01T00:00:00Z' }) }, 60_000)
afterAll(async () => { await t.close() })

const AS_OF = '2026-05-20'
const QUARTER_START = startOfJapanDay('2026-04-01')
const CUTOFF = startOfJapanDay(addCalendarDays(AS_OF, 1))

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed
  const next = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648 }
  return { pick: <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, int: (n: number) => Math.floor(next() * n), chance: (p: number) => next() < p }
}

/** 1-based index among ascending lower bounds, as width_bucket gives it (0 below the first, null for null). */
const widthBucket = (v: number | null, bounds: readonly number[]) => (v === null ? null : bounds.filter((b) => v >= b).length)

type ProductRow = { id: string; receivedAt: Date; status: string; productType: string | null; cause: string | null; byCommittee: boolean; days: number | null; uncontactable: UncontactableStanding | null }
type WebsiteRow = { id: string; receivedAt: Date; status: string; type: string | null; impact: string | null; fixType: string | null; daysToFix: number | null; elapsed: number | null }

function productRows(n: number): ProductRow[] {
  const r = random(7)
  return Array.from({ length: n }, (_, i) => {
    const status = PRODUCT_CASE_STATUSES[i % PRODUCT_CASE_STATUSES.length]!
    const published = status === 'published'
    return {
      id: `p${i}`, receivedAt: r.chance(0.5) ? new Date('2026-02-10T01:00:00Z') : new Date('2026-04-20T01:00:00Z'), status,
      productType: r.pick([null, 'router', 'web_application', 'other', 'retired_type']),
      cause: r.pick([null, 'buffer_check', 'access_control', 'retired_cause']),
      byCommittee: published && r.chance(0.3),
      days: published && r.chance(0.9) ? r.pick([0, 45, 46, 100, 101, 200, 201, 300, 301, 900, r.int(500)]) : null,
      uncontactable: r.pick([null, null, 'still', 'resumed', 'resumed_completed', 'published_by_committee'] as const),
    }
  })
}

function websiteRows(n: number): WebsiteRow[] {
  const r = random(11)
  return Array.from({ length: n }, (_, i) => {
    const status = WEBSITE_CASE_STATUSES[i % WEBSITE_CASE_STATUSES.length]!
    const fixed = status === 'fixed'
    return {
      id: `w${i}`, receivedAt: r.chance(0.5) ? new Date('2026-02-10T01:00:00Z') : new Date('2026-04-20T01:00:00Z'), status,
      type: r.pick([null, 'xss', 'sql_injection', 'dns_misconfiguration', 'retired_type']),
      impact: r.pick([null, 'fake_content', 'data_tampering', 'retired_impact']),
      fixType: fixed ? r.pick(['code_fixed', 'workaround', 'page_deleted']) : null,
      daysToFix: fixed && r.chance(0.9) ? r.pick([0, 5, 6, 30, 31, 90, 91, 300, 301, r.int(600)]) : null,
      elapsed: status === 'operator_notified' ? r.pick([0, 89, 90, 179, 180, 365, 366, 1000, r.int(1200)]) : null,
    }
  })
}

const product = productRows(420)
const website = websiteRows(400)
const pubBuckets = daysToPublicationBuckets()
const fixBuckets = daysToFixBuckets()
const longBuckets = longRunningBuckets(DEFAULT_LONG_RUNNING_DAYS)

const productGroup = (x: ProductRow): ProductCaseGroup => ({
  status: x.status, productType: x.productType, cause: x.cause, byCommittee: x.byCommittee,
  publicationBucket: widthBucket(x.days, pubBuckets.map((b) => b.from)),
  within45: x.days === null ? null : x.days <= 45, over300: x.days === null ? null : x.days >= 301,
  uncontactable: x.uncontactable, recent: x.receivedAt >= QUARTER_START, cases: 1,
})
const websiteGroup = (x: WebsiteRow): WebsiteCaseGroup => ({
  status: x.status, vulnerabilityType: x.type, impact: x.impact, fixType: x.fixType,
  fixBucket: widthBucket(x.daysToFix, fixBuckets.map((b) => b.from)),
  within30: x.daysToFix === null ? null : x.daysToFix <= 30, within90: x.daysToFix === null ? null : x.daysToFix <= 90,
  longBucket: x.elapsed !== null && x.elapsed >= DEFAULT_LONG_RUNNING_DAYS ? widthBucket(x.elapsed, longBuckets.map((b) => b.from)) : null,
  recent: x.receivedAt >= QUARTER_START, cases: 1,
})

function report(): QuarterlyReport {
  const pGroups = product.map(productGroup)
  const wGroups = website.map(websiteGroup)
  const p = (of: ProductCaseGroup[], from: Date | null) =>
    productBlock(assembleProductFigures(of, [], { asOf: AS_OF, cutoff: CUTOFF, from, buckets: pubBuckets, advisoriesPublished: 0 }))
  const w = (of: WebsiteCaseGroup[]) => websiteBlock(assembleWebsiteFigures(of, { asOf: AS_OF, longRunningDays: DEFAULT_LONG_RUNNING_DAYS, fixBuckets, longBuckets }))
  return {
    quarter: '2026Q2', quarterStart: '2026-04-01', quarterEnd: AS_OF,
    cumulative: [{ quarter: '2026Q2', quarterEnd: AS_OF, product: product.length, website: website.length, total: product.length + website.length, businessDays: 1, perBusinessDay: 0, advisoriesPublished: 0 }],
    product: p(pGroups, null), website: w(wGroups),
    quarterOnly: { product: p(pGroups.filter((g) => g.recent), QUARTER_START), website: w(wGroups.filter((g) => g.recent)) },
    advisoriesPublished: { quarter: 0, cumulative: 0 },
  }
}

/** The rows as the subquery the conditions read (the columns of productCases / websiteCases). */
function rowsOf(side: 'product' | 'website'): RawBuilder<unknown> {
  if (side === 'product') {
    return sql`select * from (values ${sql.join(product.map((x) => sql`(${x.id}::text, ${x.receivedAt.toISOString()}::timestamptz, ${x.status}::text, ${x.productType}::text, ${x.cause}::text, ${x.byCommittee}::boolean, ${x.days}::int, ${x.uncontactable}::text)`))})
      as v(case_id, received_at, status, product_type, cause, by_committee, days, uncontactable)`
  }
  return sql`select * from (values ${sql.join(website.map((x) => sql`(${x.id}::text, ${x.receivedAt.toISOString()}::timestamptz, ${x.status}::text, ${x.type}::text, ${x.impact}::text, ${x.fixType}::text, ${x.daysToFix}::int, ${x.elapsed}::int)`))})
    as v(case_id, received_at, status, vulnerability_type, impact, fix_type, days_to_fix, elapsed)`
}

async function countOf(target: DrillTarget): Promise<number> {
  const selection = resolveDrillTarget(target)
  if (!selection) throw new Error(`no condition for ${JSON.stringify(target)}`)
  const period = target.period === 'quarter' ? sql`and m.received_at >= ${QUARTER_START}` : sql``
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (${rowsOf(target.side)}) m where (${selection.where}) ${period}`.execute(t.db)
  return Number(rows[0]!.n)
}

describe('the drill-down counts what the figures count', () => {
  it('keeps, for every linked cell of the report, exactly the rows the cell counts', async () => {
    const r = report()
    const wrong: string[] = []
    const unlinked: string[] = []
    let checked = 0
    for (const figure of quarterlyReportFigures(r, translator('ja'), 'ja')) {
      for (const row of figure.rows) {
        for (const [i, cell] of row.cells.entries()) {
          if (i === 0) continue
          const target = drillTargetOf(r, figure, row.key, i)
          if (!target) {
            if (typeof cell === 'number' && !['priority-information', 'advisories', 'cumulative'].includes(figure.id)) unlinked.push(`${figure.id} ${row.key} #${i}`)
            continue
          }
          expect(typeof cell, `${figure.id} ${row.key} #${i}`).toBe('number')
          const got = await countOf(target)
          checked++
          if (got !== cell) wrong.push(`${target.side} ${target.period} ${target.figure} ${target.key}: figure ${String(cell)}, drill-down ${got}`)
        }
      }
    }
    expect(wrong).toEqual([])
    expect(unlinked).toEqual([])
    expect(checked).toBeGreaterThan(200)
  })

  it('covers every status of both flows with rows, and counts no row of a figure twice', () => {
    expect(new Set(product.map((x) => x.status)).size).toBe(PRODUCT_CASE_STATUSES.length)
    expect(new Set(website.map((x) => x.status)).size).toBe(WEBSITE_CASE_STATUSES.length)
    const r = report()
    const p = r.product
    expect(p.published + p.notVulnerable + p.inHandling + p.notAccepted + p.handledIndividually).toBe(p.total)
    const w = r.website
    expect(w.fixed + w.closedByAlert + w.notVulnerable + w.inHandling + w.stalled + w.notAccepted).toBe(w.total)
  })
})

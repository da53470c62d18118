import type { DB } from '../platform/db/database.js'
import type { Category } from '../cases/categories.js'
import { CAUSES, PRODUCT_TYPES } from '../cases/categories.js'
import { WEBSITE_IMPACTS, WEBSITE_VULNERABILITY_TYPES } from '../cases/website-categories.js'
import { SECTORS } from '../priority-information/index.js'
import type { DayBucket } from './buckets.js'
import type { Share, WebsiteFigures } from './website-figures.js'
import type { ProductFigures } from './product-figures.js'
import {
  businessDaysSinceStart, perBusinessDay, quarterEnd, quarterName, quarterStart, quartersUpTo, type Quarter,
} from './quarterly-report.quarters.js'
import { advisoriesPublishedPerQuarter } from './quarterly-report.repository.js'
import { productFiguresOf } from './product-figures.js'
import { websiteFiguresOf } from './website-figures.js'
import { withCaseStates } from './case-states.repository.js'
import { endOfJapanDay } from '../platform/calendar/business-days.js'

/** A share as a fraction 0–1 to 4 decimals (the JSON's unit); null when the whole is 0. */
export type Fraction = number | null
export type Label = { ja: string; en: string }
export type BucketCount = { key: string; from: number; to: number | null; count: number; share: Fraction }
export type LabelledCount = { key: string; label: Label; count: number; share: Fraction }

export type CumulativeRow = {
  quarter: string; quarterEnd: string; product: number; website: number; total: number
  businessDays: number; perBusinessDay: number; advisoriesPublished: number
}

export type ProductBlock = {
  total: number; published: number; publishedByCommittee: number; notVulnerable: number; inHandling: number
  uncontactableListed: number; notAccepted: number; handledIndividually: number; handledIndividuallyLowImpact: number
  shares: { published: Fraction; notVulnerable: Fraction; inHandling: Fraction; notAccepted: Fraction; handledIndividually: Fraction }
  daysToPublication: BucketCount[]; publishedWithin45Share: Fraction; published301OrMoreShare: Fraction
  byProductType: LabelledCount[]; byCause: LabelledCount[]
  uncontactable: ProductFigures['uncontactable']
  priorityInformation: LabelledCount[]
}

export type DaysToFixByType = { key: string; label: Label; fixed: number; buckets: number[]; within30Share: Fraction; within90Share: Fraction }

export type WebsiteBlock = {
  total: number; fixed: number; fixedWorkaround: number; fixedPageDeleted: number; closedByAlert: number
  notVulnerable: number; inHandling: number; stalled: number; notAccepted: number
  shares: { fixed: Fraction; closedByAlert: Fraction; notVulnerable: Fraction; inHandling: Fraction; stalled: Fraction; notAccepted: Fraction }
  daysToFix: BucketCount[]; fixedWithin30Share: Fraction; fixedWithin90Share: Fraction; daysToFixByType: DaysToFixByType[]
  byType: LabelledCount[]; byImpact: LabelledCount[]
  longRunning: { thresholdDays: number; total: number; byBucket: BucketCount[]; byType: { key: string; label: Label; total: number; buckets: number[] }[] }
}

/** The public quarterly activity report of DESIGN §8 (the JSON of GET /api/v1/statistics/YYYYQn). */
export type QuarterlyReport = {
  quarter: string
  quarterStart: string
  quarterEnd: string
  /** The last 12 quarters up to this one, oldest first (fewer near the programme's start). */
  cumulative: CumulativeRow[]
  /** Everything received since 2004-07-08, as of the end of the quarter (Japan time). */
  product: ProductBlock
  website: WebsiteBlock
  /** The same figures for the reports received in the quarter only. */
  quarterOnly: { product: ProductBlock; website: WebsiteBlock }
  /** Advisories that became public in the quarter, and since the start. */
  advisoriesPublished: { quarter: number; cumulative: number }
}

export const CUMULATIVE_QUARTERS = 12

/** count / whole to 4 decimals, computed on integers; null when the whole is 0. */
export const fraction = (count: number, whole: number): Fraction =>
  whole === 0 ? null : Math.floor((20000 * count + whole) / (2 * whole)) / 10000

const shareOf = (s: Share, whole: number): Fraction => fraction(s.count, whole)

/** A report not classified yet (the cause list has no "other"). */
const UNCLASSIFIED: Label = { ja: '未分類', en: 'Unclassified' }

function labelIn(list: readonly { key: string; ja: string; en: string }[], key: string): Label {
  const c = list.find((x) => x.key === key)
  return c ? { ja: c.ja, en: c.en } : key === 'unclassified' ? UNCLASSIFIED : { ja: key, en: key }
}

const bucketCounts = (buckets: DayBucket[], counts: number[], whole: number): BucketCount[] =>
  buckets.map((b, i) => ({ key: b.key, from: b.from, to: b.to, count: counts[i] ?? 0, share: fraction(counts[i] ?? 0, whole) }))

const labelled = (list: readonly Category[], rows: { key: string; count: number }[], whole: number): LabelledCount[] =>
  rows.map((r) => ({ key: r.key, label: labelIn(list, r.key), count: r.count, share: fraction(r.count, whole) }))

/** The product block of the JSON from the product figures. Pure. */
export function productBlock(f: ProductFigures): ProductBlock {
  const s = f.statuses
  const d = f.daysToPublication
  const pi = f.priorityInformation.reduce((n, r) => n + r.count, 0)
  return {
    total: s.total, published: s.published.count, publishedByCommittee: s.published.byCommittee,
    notVulnerable: s.notVulnerable.count, inHandling: s.inHandling.count, uncontactableListed: s.inHandling.uncontactableListed,
    notAccepted: s.notAccepted.count, handledIndividually: s.handledIndividually.count, handledIndividuallyLowImpact: s.handledIndividually.lowImpact,
    shares: {
      published: shareOf(s.published, s.total), notVulnerable: shareOf(s.notVulnerable, s.total), inHandling: shareOf(s.inHandling, s.total),
      notAccepted: shareOf(s.notAccepted, s.total), handledIndividually: shareOf(s.handledIndividually, s.total),
    },
    daysToPublication: bucketCounts(d.buckets, d.counts, d.total),
    publishedWithin45Share: shareOf(d.within45, d.total),
    published301OrMoreShare: shareOf(d.over300, d.total),
    byProductType: labelled(PRODUCT_TYPES, f.byProductType.rows.map((r) => ({ key: r.type, count: r.count })), f.byProductType.total),
    byCause: labelled(CAUSES, f.byCause.rows.map((r) => ({ key: r.cause, count: r.count })), f.byCause.total),
    uncontactable: { ...f.uncontactable },
    priorityInformation: labelled(SECTORS, f.priorityInformation.map((r) => ({ key: r.sector, count: r.count })), pi),
  }
}

/** The website block of the JSON from the website figures. Pure. */
export function websiteBlock(f: WebsiteFigures): WebsiteBlock {
  const s = f.statuses
  const o = f.daysToFix.overall
  return {
    total: s.total, fixed: s.fixed.count, fixedWorkaround: s.fixed.workaround, fixedPageDeleted: s.fixed.pageDeleted,
    closedByAlert: s.closedByAlert.count, notVulnerable: s.notVulnerable.count, inHandling: s.inHandling.count,
    stalled: s.stalled.count, notAccepted: s.notAccepted.count,
    shares: {
      fixed: shareOf(s.fixed, s.total), closedByAlert: shareOf(s.closedByAlert, s.total), notVulnerable: shareOf(s.notVulnerable, s.total),
      inHandling: shareOf(s.inHandling, s.total), stalled: shareOf(s.stalled, s.total), notAccepted: shareOf(s.notAccepted, s.total),
    },
    daysToFix: bucketCounts(f.daysToFix.buckets, o.buckets, o.fixed),
    fixedWithin30Share: fraction(o.within30.count, o.fixed),
    fixedWithin90Share: fraction(o.within90.count, o.fixed),
    daysToFixByType: f.daysToFix.byType.map((r) => ({
      key: r.type, label: labelIn(WEBSITE_VULNERABILITY_TYPES, r.type), fixed: r.fixed, buckets: r.buckets,
      within30Share: fraction(r.within30.count, r.fixed), within90Share: fraction(r.within90.count, r.fixed),
    })),
    byType: labelled(WEBSITE_VULNERABILITY_TYPES, f.byType.rows.map((r) => ({ key: r.type, count: r.count })), f.byType.total),
    byImpact: labelled(WEBSITE_IMPACTS, f.byImpact.rows.map((r) => ({ key: r.impact, count: r.count })), f.byImpact.total),
    longRunning: {
      thresholdDays: f.longRunningDays,
      total: f.longRunning.total,
      byBucket: bucketCounts(f.longRunning.buckets, f.longRunning.totals, f.longRunning.total),
      byType: f.longRunning.byType.map((r) => ({ key: r.type, label: labelIn(WEBSITE_VULNERABILITY_TYPES, r.type), total: r.total, buckets: r.buckets })),
    },
  }
}

/**
 * The report of a quarter, from the event log alone: each figure as of the end of `asOf`'s day in
 * Japan (the quarter's last day for the public report, so nothing later ever changes it; any day
 * of the quarter for staff), the quarter's block over the reports received from its first day.
 * Every query reads the same case states (one transaction): the product and website blocks, and
 * the 12 cumulative totals, in one pass over each kind of report. `now` bounds the advisories to those public by
 * now (publicAdvisories), which for a finished quarter changes nothing but keeps the one visibility rule.
 */
export async function quarterlyReport(db: DB, quarter: Quarter, now: Date, asOf: string = quarterEnd(quarter)): Promise<QuarterlyReport> {
  const start = quarterStart(quarter)
  const quarters = quartersUpTo(quarter, CUMULATIVE_QUARTERS)
  const ends = quarters.map((x, i) => (i === quarters.length - 1 ? asOf : quarterEnd(x)))
  const totalsAt = ends.map((date) => endOfJapanDay(date))
  const { product, website } = await withCaseStates(db, endOfJapanDay(asOf), async (trx, _, read) => ({
    product: await productFiguresOf(trx, read, { asOf, receivedFrom: start, totalsAt }),
    website: await websiteFiguresOf(trx, read, { asOf, receivedFrom: start, totalsAt }),
  }))
  const advisories = await advisoriesPublishedPerQuarter(db, quarters, now, endOfJapanDay(asOf))
  const cumulative: CumulativeRow[] = quarters.map((x, i) => {
    const p = product.totals[i] ?? 0
    const w = website.totals[i] ?? 0
    const businessDays = businessDaysSinceStart(ends[i]!)
    return {
      quarter: quarterName(x), quarterEnd: ends[i]!, product: p, website: w, total: p + w,
      businessDays, perBusinessDay: perBusinessDay(p + w, businessDays), advisoriesPublished: advisories.perQuarter[i] ?? 0,
    }
  })
  return {
    quarter: quarterName(quarter), quarterStart: start, quarterEnd: asOf, cumulative,
    product: productBlock(product.all), website: websiteBlock(website.all),
    quarterOnly: { product: productBlock(product.received!), website: websiteBlock(website.received!) },
    advisoriesPublished: { quarter: advisories.perQuarter.at(-1) ?? 0, cumulative: advisories.upToLast },
  }
}

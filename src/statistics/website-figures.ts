import type { DB } from '../platform/db/database.js'
import { withCaseStates, type StatesReader } from './case-states.repository.js'
import { endOfJapanDay, startOfJapanDay } from '../platform/calendar/business-days.js'
import { WEBSITE_IMPACTS, WEBSITE_VULNERABILITY_TYPES } from '../cases/website-categories.js'
import { daysToFixBuckets, longRunningBuckets, type DayBucket } from './buckets.js'
import { groupWebsiteCases, type WebsiteCaseGroup } from './website-figures.repository.js'

/** A count and its share of the figure's whole, in percent to one decimal (null when the whole is 0). */
export type Share = { count: number; percent: number | null }

/** Figure 8 for one vulnerability type (or all): fixes by days from first notification to fix. */
export type DaysToFixRow = { fixed: number; buckets: number[]; within30: Share; within90: Share }

/** Every website figure of DESIGN §8 as of the end (Japan time) of one date. */
export type WebsiteFigures = {
  asOf: string
  longRunningDays: number
  /** Figure 1, website column: website reports received up to and including `asOf`. */
  reportsReceived: number
  /** Figure 3: every report in exactly one status; the shares are of `total`. */
  statuses: {
    total: number
    fixed: Share & { codeFixed: number; workaround: number; pageDeleted: number }
    closedByAlert: Share
    notVulnerable: Share
    inHandling: Share & { received: number; accepted: number; operatorNotified: number }
    stalled: Share
    notAccepted: Share
  }
  /** Figure 8: cases fixed by `asOf`, overall and by vulnerability type. */
  daysToFix: { buckets: DayBucket[]; overall: DaysToFixRow; byType: (DaysToFixRow & { type: string })[] }
  /** Figures 9 and 10: every report but the not accepted (those awaiting intake included) by type and impact. */
  byType: { total: number; rows: (Share & { type: string })[] }
  byImpact: { total: number; rows: (Share & { impact: string })[] }
  /** Figure 11: cases notified ≥ `longRunningDays` ago and still with the operator, by elapsed days × type. */
  longRunning: { total: number; buckets: DayBucket[]; totals: number[]; byType: { type: string; total: number; buckets: number[] }[] }
}

export const DEFAULT_LONG_RUNNING_DAYS = 90
/** Figure 3's 取扱い中 (in handling): received, accepted and with the operator. */
export const WEBSITE_IN_HANDLING: readonly string[] = ['received', 'accepted', 'operator_notified']
/** A report nobody classified counts as 'other' rather than vanishing from figures 9–11. */
const UNCLASSIFIED = 'other'

/** Percent to one decimal, half up; computed on integers so 1/8 gives 12.5, not 12.499…. */
export const percentOf = (count: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((count * 1000) / whole) / 10

const share = (count: number, whole: number): Share => ({ count, percent: percentOf(count, whole) })

/**
 * The website figures of DESIGN §8 for `asOf` (YYYY-MM-DD), from the event log alone: everything
 * recorded before the next Japan day begins counts, nothing later, so the figures of a past quarter
 * end never change. Vulnerability type and impact are the classification in force at `asOf`
 * (a case reclassified after its fix is counted under its corrected type in later reports).
 * With `receivedFrom` (YYYY-MM-DD), only the reports received from that Japan date on (the
 * report's "this quarter" block). A duplicate rejected with `duplicateOf` is counted once, with the
 * case it duplicates: not as a report of its own, nor as not accepted.
 */
export async function websiteFigures(db: DB, opts: { asOf: string; longRunningDays?: number; receivedFrom?: string }): Promise<WebsiteFigures> {
  const cutoff = endOfJapanDay(opts.asOf)
  const { all, received } = await withCaseStates(db, cutoff, (trx, _, read) => websiteFiguresOf(trx, read, opts))
  return received ?? all
}

/**
 * The website figures as `read` has the cases (case-states.repository.ts, before the end of `asOf`): of
 * every report, and with `receivedFrom` also of those received from that date on — one pass,
 * which also counts the reports received before each of `totalsAt`.
 */
export async function websiteFiguresOf(db: DB, read: StatesReader, opts: {
  asOf: string; longRunningDays?: number; receivedFrom?: string; totalsAt?: readonly Date[]
}): Promise<{ all: WebsiteFigures; received: WebsiteFigures | null; totals: number[] }> {
  const longRunningDays = opts.longRunningDays ?? DEFAULT_LONG_RUNNING_DAYS
  const fixBuckets = daysToFixBuckets()
  const longBuckets = longRunningBuckets(longRunningDays)
  const { groups, totals } = await groupWebsiteCases(db, {
    read, asOf: opts.asOf, longRunningDays, totalsAt: opts.totalsAt,
    receivedFrom: opts.receivedFrom ? startOfJapanDay(opts.receivedFrom) : null,
    fixBounds: fixBuckets.map((b) => b.from), longBounds: longBuckets.map((b) => b.from),
  })
  const assemble = (of: WebsiteCaseGroup[]) => assembleWebsiteFigures(of, { asOf: opts.asOf, longRunningDays, fixBuckets, longBuckets })
  return { all: assemble(groups), received: opts.receivedFrom ? assemble(groups.filter((g) => g.recent)) : null, totals }
}

/** The figures from grouped cases. Pure: every category of the lists appears, zero or not. */
export function assembleWebsiteFigures(groups: WebsiteCaseGroup[], o: {
  asOf: string; longRunningDays: number; fixBuckets: DayBucket[]; longBuckets: DayBucket[]
}): WebsiteFigures {
  const sum = (pick: (g: WebsiteCaseGroup) => boolean) => groups.reduce((n, g) => n + (pick(g) ? g.cases : 0), 0)
  const status = (s: string) => sum((g) => g.status === s)
  const total = sum(() => true)
  const fixed = status('fixed')
  const fixedAs = (type: string) => sum((g) => g.status === 'fixed' && g.fixType === type)
  const received = status('received'), accepted = status('accepted'), operatorNotified = status('operator_notified')
  const typeOf = (g: WebsiteCaseGroup) => g.vulnerabilityType ?? UNCLASSIFIED
  const impactOf = (g: WebsiteCaseGroup) => g.impact ?? UNCLASSIFIED
  const typeKeys = keysInOrder(WEBSITE_VULNERABILITY_TYPES.map((c) => c.key), groups.map(typeOf))
  const impactKeys = keysInOrder(WEBSITE_IMPACTS.map((c) => c.key), groups.map(impactOf))

  const fixedGroups = groups.filter((g) => g.status === 'fixed' && g.fixBucket !== null)
  const daysToFixRow = (of: WebsiteCaseGroup[]): DaysToFixRow => {
    const n = of.reduce((a, g) => a + g.cases, 0)
    const count = (pick: (g: WebsiteCaseGroup) => boolean) => of.reduce((a, g) => a + (pick(g) ? g.cases : 0), 0)
    return {
      fixed: n,
      buckets: o.fixBuckets.map((_, i) => count((g) => g.fixBucket === i + 1)),
      within30: share(count((g) => g.within30 === true), n),
      within90: share(count((g) => g.within90 === true), n),
    }
  }

  // The whole of figures 9 and 10, as the real report has it: all but the not accepted (10,408 = 10,660 − 252).
  const acceptedGroups = groups.filter((g) => g.status !== 'not_accepted')
  const acceptedTotal = acceptedGroups.reduce((a, g) => a + g.cases, 0)
  const countIn = (of: WebsiteCaseGroup[], pick: (g: WebsiteCaseGroup) => boolean) => of.reduce((a, g) => a + (pick(g) ? g.cases : 0), 0)

  const longGroups = groups.filter((g) => g.longBucket !== null && g.longBucket > 0)
  const longRow = (of: WebsiteCaseGroup[]) => o.longBuckets.map((_, i) => countIn(of, (g) => g.longBucket === i + 1))

  return {
    asOf: o.asOf,
    longRunningDays: o.longRunningDays,
    reportsReceived: total,
    statuses: {
      total,
      fixed: { ...share(fixed, total), codeFixed: fixedAs('code_fixed'), workaround: fixedAs('workaround'), pageDeleted: fixedAs('page_deleted') },
      closedByAlert: share(status('closed_by_alert'), total),
      notVulnerable: share(status('not_vulnerable'), total),
      inHandling: { ...share(received + accepted + operatorNotified, total), received, accepted, operatorNotified },
      stalled: share(status('stalled'), total),
      notAccepted: share(status('not_accepted'), total),
    },
    daysToFix: {
      buckets: o.fixBuckets,
      overall: daysToFixRow(fixedGroups),
      byType: typeKeys.map((type) => ({ type, ...daysToFixRow(fixedGroups.filter((g) => typeOf(g) === type)) })),
    },
    byType: { total: acceptedTotal, rows: typeKeys.map((type) => ({ type, ...share(countIn(acceptedGroups, (g) => typeOf(g) === type), acceptedTotal) })) },
    byImpact: { total: acceptedTotal, rows: impactKeys.map((impact) => ({ impact, ...share(countIn(acceptedGroups, (g) => impactOf(g) === impact), acceptedTotal) })) },
    longRunning: {
      total: countIn(longGroups, () => true),
      buckets: o.longBuckets,
      totals: longRow(longGroups),
      byType: typeKeys.map((type) => {
        const of = longGroups.filter((g) => typeOf(g) === type)
        return { type, total: countIn(of, () => true), buckets: longRow(of) }
      }),
    },
  }
}

/** The list's keys in its order, then any other key found in the data (a retired category). */
function keysInOrder(listed: string[], found: string[]): string[] {
  return [...listed, ...[...new Set(found)].filter((k) => !listed.includes(k)).sort()]
}

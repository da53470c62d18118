import type { DB } from '../platform/db/database.js'
import { translator } from '../platform/i18n/index.js'
import { addBusinessDays, addCalendarDays, addMonths, calendarDaysBetween, japanDate, type IsoDate } from '../platform/calendar/business-days.js'
import { dueDateFor, loadDeadlinePolicy, type DeadlinePolicy } from '../deadlines/index.js'
import type { OffsetUnit } from '../deadlines/index.js'
import { WEBSITE_VULNERABILITY_TYPES } from '../cases/website-categories.js'
import { bucketOf, bucketsFrom, type LongRunningBucket } from './long-running-buckets.js'

/** The long-running threshold as the `website_long_running` deadline policy sets it today. */
export type LongRunningThreshold = {
  amount: number
  unit: OffsetUnit
  /** Elapsed days of the most recently notified case that counts today (90 with the default policy). */
  days: number
  /** Cases first notified on or before this Japan date are long-running today. */
  notifiedOnOrBefore: IsoDate
}

type Label = { key: string | null; ja: string; en: string }

/** One long-running website case as the dashboard and the API show it. */
export type LongRunningCase = {
  caseId: string
  receiptNumber: string | null
  operator: { id: string; name: { ja: string; en: string }; nameJa: string; nameEn: string; orgType: string | null } | null
  vulnerabilityType: Label
  notifiedOn: IsoDate
  elapsedDays: number
  bucket: string | null
  lastReminderOn: IsoDate | null
}

export type LongRunningSummary = {
  buckets: LongRunningBucket[]
  rows: { vulnerabilityType: Label; counts: Record<string, number>; total: number }[]
  totals: Record<string, number>
  total: number
}

export type LongRunningFilters = { type?: string; bucket?: string; page?: number }

export const LONG_RUNNING_PAGE_SIZE = 100

const typeLabel = (key: string | null): Label => {
  const c = WEBSITE_VULNERABILITY_TYPES.find((x) => x.key === key)
  if (c) return { key, ja: c.ja, en: c.en }
  return { key, ja: key ?? translator('ja')('long_running.unclassified'), en: key ?? translator('en')('long_running.unclassified') }
}

/**
 * The latest first-notification date whose case counts as long-running on `today`: the policy's
 * due date of such a case is today or earlier. Pure; the due date grows with the start date, so
 * it steps from an estimate to the exact day.
 */
export function latestLongRunningStart(policy: Pick<DeadlinePolicy, 'amount' | 'unit' | 'direction'>, today: IsoDate): IsoDate {
  const n = policy.direction === 'before' ? -policy.amount : policy.amount
  let s = policy.unit === 'months' ? addMonths(today, -n) : policy.unit === 'business_days' ? addBusinessDays(today, -n) : addCalendarDays(today, -n)
  while (dueDateFor(policy, s) > today) s = addCalendarDays(s, -1)
  while (dueDateFor(policy, addCalendarDays(s, 1)) <= today) s = addCalendarDays(s, 1)
  return s
}

/** The threshold the `website_long_running` policy gives on the Japan day of `now`. */
export async function longRunningThreshold(db: DB, now: Date): Promise<LongRunningThreshold> {
  const policy = await loadDeadlinePolicy(db, 'website_long_running')
  const today = japanDate(now)
  const since = latestLongRunningStart(policy, today)
  return { amount: policy.amount, unit: policy.unit, days: calendarDaysBetween(since, today), notifiedOnOrBefore: since }
}

/** Open website cases (operator notified, not yet ended) first notified on or before `since`. */
function longRunningCases(db: DB, since: IsoDate) {
  return db.selectFrom('cases').where('cases.kind', '=', 'website').where('cases.status', '=', 'operator_notified')
    .where('cases.start_date', 'is not', null).where('cases.start_date', '<=', since)
}

/** Counts by elapsed-day bucket × vulnerability type, over every long-running case. */
export async function longRunningSummary(db: DB, threshold: LongRunningThreshold, today: IsoDate): Promise<LongRunningSummary> {
  const buckets = bucketsFrom(threshold.days)
  const groups = await longRunningCases(db, threshold.notifiedOnOrBefore)
    .select(['cases.vulnerability_type', 'cases.start_date', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['cases.vulnerability_type', 'cases.start_date']).execute()
  const zero = () => Object.fromEntries(buckets.map((b) => [b.key, 0])) as Record<string, number>
  const byType = new Map<string | null, Record<string, number>>(WEBSITE_VULNERABILITY_TYPES.map((c) => [c.key, zero()]))
  const totals = zero()
  let total = 0
  for (const g of groups) {
    const bucket = bucketOf(calendarDaysBetween(g.start_date!, today), buckets) ?? buckets[0]!
    const counts = byType.get(g.vulnerability_type) ?? byType.set(g.vulnerability_type, zero()).get(g.vulnerability_type)!
    const n = Number(g.n)
    counts[bucket.key] = (counts[bucket.key] ?? 0) + n
    totals[bucket.key] = (totals[bucket.key] ?? 0) + n
    total += n
  }
  const rows = [...byType].map(([key, counts]) => ({ vulnerabilityType: typeLabel(key), counts, total: Object.values(counts).reduce((a, b) => a + b, 0) }))
  return { buckets, rows, totals, total }
}

/**
 * One page of long-running cases, longest running first, optionally of one vulnerability type
 * or one bucket, with each case's operator and the date of its last reminder.
 */
export async function listLongRunning(db: DB, threshold: LongRunningThreshold, today: IsoDate, filters: LongRunningFilters): Promise<{ cases: LongRunningCase[]; total: number }> {
  const buckets = bucketsFrom(threshold.days)
  const bucket = filters.bucket ? buckets.find((b) => b.key === filters.bucket) : undefined
  let q = longRunningCases(db, threshold.notifiedOnOrBefore)
  if (filters.type) q = q.where('cases.vulnerability_type', '=', filters.type)
  if (filters.bucket && !bucket) return { cases: [], total: 0 } // a bucket wholly below today's threshold
  if (bucket) {
    q = q.where('cases.start_date', '<=', addCalendarDays(today, -bucket.min))
    if (bucket.max !== null) q = q.where('cases.start_date', '>=', addCalendarDays(today, -bucket.max))
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
  const page = Math.max(1, filters.page ?? 1)
  const rows = await q.select(['cases.id', 'cases.start_date', 'cases.vulnerability_type'])
    .select((eb) => eb.selectFrom('reports').select('reports.receipt_number').whereRef('reports.case_id', '=', 'cases.id')
      .orderBy('reports.submitted_at').limit(1).as('receipt_number'))
    .orderBy('cases.start_date').orderBy('cases.id').limit(LONG_RUNNING_PAGE_SIZE).offset((page - 1) * LONG_RUNNING_PAGE_SIZE).execute()
  if (!rows.length) return { cases: [], total }
  const ids = rows.map((r) => r.id)
  const operators = await db.selectFrom('case_parties').innerJoin('organizations', 'organizations.id', 'case_parties.organization_id')
    .select(['case_parties.case_id', 'organizations.id', 'organizations.name_ja', 'organizations.name_en', 'organizations.org_type'])
    .where('case_parties.case_id', 'in', ids).where('organizations.kind', '=', 'operator').where('case_parties.notified_at', 'is not', null)
    .orderBy('case_parties.notified_at').execute()
  const reminders = await db.selectFrom('case_events').select(['case_id', (eb) => eb.fn.max('occurred_at').as('at')])
    .where('case_id', 'in', ids).where('type', '=', 'remind_operator').groupBy('case_id').execute()
  const cases = rows.map((r): LongRunningCase => {
    const op = operators.find((o) => o.case_id === r.id)
    const reminded = reminders.find((x) => x.case_id === r.id)?.at
    const elapsedDays = calendarDaysBetween(r.start_date!, today)
    return {
      caseId: r.id, receiptNumber: r.receipt_number ?? null,
      operator: op ? { id: op.id, name: { ja: op.name_ja, en: op.name_en }, nameJa: op.name_ja, nameEn: op.name_en, orgType: op.org_type } : null,
      vulnerabilityType: typeLabel(r.vulnerability_type), notifiedOn: r.start_date!, elapsedDays,
      bucket: (bucketOf(elapsedDays, buckets) ?? buckets[0])?.key ?? null,
      lastReminderOn: reminded ? japanDate(new Date(reminded as Date | string)) : null,
    }
  })
  return { cases, total }
}

/** Everything the dashboard shows, at `now` (the injected clock). */
export async function loadLongRunningDashboard(db: DB, now: Date, filters: LongRunningFilters) {
  const today = japanDate(now)
  const threshold = await longRunningThreshold(db, now)
  const [summary, list] = await Promise.all([longRunningSummary(db, threshold, today), listLongRunning(db, threshold, today, filters)])
  return { today, threshold, summary, ...list, page: Math.max(1, filters.page ?? 1), pageSize: LONG_RUNNING_PAGE_SIZE }
}
export type LongRunningDashboard = Awaited<ReturnType<typeof loadLongRunningDashboard>>

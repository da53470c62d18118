import { sql, type RawBuilder } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { DAYS_TO_FIX_BOUNDS } from './buckets.js'
import { groupsAnswer, japanDay, keyedRows, latestValue, sumKeyedRows, type Keyed, type StatesReader } from './case-states.repository.js'

/** One group of website cases that share everything the figures count by, as of a date. */
export type WebsiteCaseGroup = {
  status: string
  vulnerabilityType: string | null
  impact: string | null
  fixType: string | null
  /** 1-based index into the days-to-fix bounds; null unless fixed with a known notification date. */
  fixBucket: number | null
  within30: boolean | null
  within90: boolean | null
  /** 1-based index into the long-running bounds; null unless long-running as of the date. */
  longBucket: number | null
  /** Received from the `receivedFrom` asked for (false when none was). */
  recent: boolean
  cases: number
}

/**
 * Every website report as of the states' cutoff, one row per case with what the figures count by
 * (columns: case_id, received_at, status, vulnerability_type, impact, fix_type, days_to_fix, elapsed).
 * Reads the states of case-states.repository.ts:
 * - website: its report_submitted says `kind: 'website'` (the kind never changes);
 * - a duplicate rejected with `duplicateOf` (joined to the case it duplicates) is left out: it
 *   counts once, with the case it duplicates, not on its own nor as not accepted;
 * - status: the `to_status` of the last event that has one;
 * - classification: `vulnerabilityType` / `impact` of the last report_submitted, accept or
 *   website_classified — the classification in force at the date;
 * - notification: the first notify_operator's `notifiedOn`, i.e. the earliest (notification dates
 *   are the day of the event, so they only grow; a case resumed after stalling keeps its clock);
 * - fix: the report_fix's `fixType` and `fixedOn` (a fixed case never leaves `fixed`, so there is one).
 * Days are calendar days between Japan dates; `elapsed` is days since notification at `asOf`.
 */
export function websiteCases(states: RawBuilder<unknown>, asOf: string | null, o: { withDuplicates?: boolean } = {}): RawBuilder<unknown> {
  return sql`
    select
      case_id, received_at, duplicate_at, notified_on, status,
      nullif(split_part(classification, '|', 1), '') as vulnerability_type,
      nullif(split_part(classification, '|', 2), '') as impact,
      fix_type,
      case when status = 'fixed' then greatest(0, fixed_on::date - notified_on::date) end as days_to_fix,
      case when status = 'operator_notified' and ${asOf}::date is not null then ${asOf}::date - notified_on::date end as elapsed
    from (
      select case_id, received_at, duplicate_at, notified_on, fix_type, fixed_on,
        ${latestValue('status_k')} as status, ${latestValue('classification_k')} as classification
      from (${states}) st
      where website_report ${o.withDuplicates ? sql`` : sql`and duplicate_at is null`}
    ) c`
}

/** What the website figures count by, the columns of the snapshot's website groups. */
export const WEBSITE_KEYS = ['status', 'vulnerability_type', 'impact', 'fix_type', 'fix_bucket', 'within30', 'within90', 'notified_on', 'received_on', 'duplicate_on'] as const

/**
 * Website reports of `states` as keyed rows (WEBSITE_KEYS and n). The notification day is kept
 * only for the cases still with the operator: figure 11 measures them from it at the report's date.
 */
const websiteKeyed = (fixBounds: readonly number[]): Keyed => (states, sign, granularity) => sql`
  select status, vulnerability_type, impact, fix_type,
    width_bucket(days_to_fix, ${[...fixBounds]}::int[]) as fix_bucket, days_to_fix <= 30 as within30, days_to_fix <= 90 as within90,
    case when status = 'operator_notified' then notified_on::date end as notified_on,
    ${japanDay(sql`received_at`, granularity)} as received_on, ${japanDay(sql`duplicate_at`, granularity)} as duplicate_on, ${sql.lit(sign)}::int as n
  from (${websiteCases(states, null, { withDuplicates: true })}) m`

export const WEBSITE_GROUPS = { kind: 'website_report', keyed: websiteKeyed(DAYS_TO_FIX_BOUNDS), groupsTable: 'statistics_snapshot_website_groups', keys: WEBSITE_KEYS } as const

/**
 * The website reports as of the reader's cutoff grouped by what the figures need — a few hundred
 * rows at most, however many cases there are. `recent`: received from `receivedFrom` on.
 * `totals[i]`: the reports received before `totalsAt[i]`, in the same pass (as groupProductCases).
 */
export async function groupWebsiteCases(db: DB, q: {
  read: StatesReader; asOf: string; fixBounds: readonly number[]; longRunningDays: number; longBounds: readonly number[]
  receivedFrom: Date | null; totalsAt?: readonly Date[]
}): Promise<{ groups: WebsiteCaseGroup[]; totals: number[] }> {
  const totalsAt = q.totalsAt ?? []
  const rows = keyedRows({
    ...q.read, ...WEBSITE_GROUPS, keyed: websiteKeyed(q.fixBounds),
    grouped: q.fixBounds.join() === DAYS_TO_FIX_BOUNDS.join() && groupsAnswer(q.read, [q.receivedFrom, ...totalsAt]),
  })
  const elapsed = sql`(${q.asOf}::date - notified_on)`
  return sumKeyedRows<WebsiteCaseGroup>(db, rows, {
    receivedFrom: q.receivedFrom, totalsAt,
    columns: [sql`status`, sql`vulnerability_type as "vulnerabilityType"`, sql`impact`, sql`fix_type as "fixType"`,
      sql`fix_bucket as "fixBucket"`, sql`within30`, sql`within90`,
      sql`case when ${elapsed} >= ${q.longRunningDays}::int then width_bucket(${elapsed}, ${[...q.longBounds]}::int[]) end as "longBucket"`],
  })
}

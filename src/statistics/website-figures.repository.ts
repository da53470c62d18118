import { sql, type RawBuilder } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { latestValue } from './case-states.repository.js'
import { receivedBy, withoutTotals } from './product-figures.repository.js'

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
export function websiteCases(states: RawBuilder<unknown>, asOf: string, o: { withDuplicates?: boolean } = {}): RawBuilder<unknown> {
  return sql`
    select
      case_id, received_at, duplicate_at, status,
      nullif(split_part(classification, '|', 1), '') as vulnerability_type,
      nullif(split_part(classification, '|', 2), '') as impact,
      fix_type,
      case when status = 'fixed' then greatest(0, fixed_on::date - notified_on::date) end as days_to_fix,
      case when status = 'operator_notified' then ${asOf}::date - notified_on::date end as elapsed
    from (
      select case_id, received_at, duplicate_at, notified_on, fix_type, fixed_on,
        ${latestValue('status_k')} as status, ${latestValue('classification_k')} as classification
      from (${states}) st
      where website_report ${o.withDuplicates ? sql`` : sql`and duplicate_at is null`}
    ) c`
}

/**
 * The website reports of `states` grouped by what the figures need — a few hundred rows at most,
 * however many cases there are. `recent`: received from `receivedFrom` on. `totals[i]`: the
 * reports received before `totalsAt[i]`, counted in the same pass (as groupProductCases).
 */
export async function groupWebsiteCases(db: DB, q: {
  states: RawBuilder<unknown>; asOf: string; fixBounds: readonly number[]; longRunningDays: number; longBounds: readonly number[]
  receivedFrom: Date | null; totalsAt?: readonly Date[]
}): Promise<{ groups: WebsiteCaseGroup[]; totals: number[] }> {
  const totalsAt = q.totalsAt ?? []
  const { rows } = await sql<WebsiteCaseGroup & { duplicate: boolean } & Record<`t${number}`, number>>`
    select
      status,
      vulnerability_type as "vulnerabilityType",
      impact,
      fix_type as "fixType",
      width_bucket(days_to_fix, ${[...q.fixBounds]}::int[]) as "fixBucket",
      days_to_fix <= 30 as within30,
      days_to_fix <= 90 as within90,
      case when elapsed >= ${q.longRunningDays}::int then width_bucket(elapsed, ${[...q.longBounds]}::int[]) end as "longBucket",
      ${q.receivedFrom ? sql`received_at >= ${q.receivedFrom}` : sql`false`} as recent,
      duplicate_at is not null as duplicate,
      ${sql.join([...totalsAt.map((at, i) => sql`${receivedBy(at)} as ${sql.ref(`t${i}`)}`), sql`count(*)::int as cases`])}
    from (${websiteCases(q.states, q.asOf, { withDuplicates: true })}) m
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
  `.execute(db)
  return {
    groups: rows.filter((r) => !r.duplicate).map(({ duplicate: _, ...g }) => withoutTotals(g, totalsAt.length)),
    totals: totalsAt.map((_, i) => rows.reduce((n, r) => n + Number(r[`t${i}`] ?? 0), 0)),
  }
}

import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'

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
  cases: number
}

const CLASSIFYING_EVENTS = ['report_submitted', 'accept', 'website_classified']

/**
 * Replays every website case's events up to `cutoff` inside the database and returns the cases
 * grouped by what the figures need — a few hundred rows at most, however many cases there are.
 *
 * Per case (events in id order, which is their order: each change locks its case):
 * - status: the `to_status` of the last event that has one;
 * - classification: the last `vulnerabilityType` / `impact` given by report_submitted, accept or
 *   website_classified — the classification in force at the date;
 * - notification: the FIRST notify_operator's `notifiedOn` (a resumed case keeps its clock);
 * - fix: the report_fix's `fixType` and `fixedOn` (a fixed case never leaves `fixed`, so there is one).
 * Days are calendar days between Japan dates; only cases' kind is read from `cases` (it never changes).
 */
export async function groupWebsiteCases(db: DB, q: {
  cutoff: Date; asOf: string; fixBounds: readonly number[]; longRunningDays: number; longBounds: readonly number[]
}): Promise<WebsiteCaseGroup[]> {
  const classifying = sql.join(CLASSIFYING_EVENTS.map((t) => sql.lit(t)))
  const { rows } = await sql<WebsiteCaseGroup>`
    with per_case as (
      select
        array_agg(e.to_status order by e.id) filter (where e.to_status is not null) as statuses,
        array_agg(e.data->>'vulnerabilityType' order by e.id)
          filter (where e.type in (${classifying}) and e.data->>'vulnerabilityType' is not null) as types,
        array_agg(e.data->>'impact' order by e.id)
          filter (where e.type in (${classifying}) and e.data->>'impact' is not null) as impacts,
        array_agg(e.data->>'notifiedOn' order by e.id) filter (where e.type = 'notify_operator') as notifications,
        max(e.data->>'fixType') filter (where e.type = 'report_fix') as fix_type,
        max(e.data->>'fixedOn') filter (where e.type = 'report_fix') as fixed_on
      from case_events e
      join cases c on c.id = e.case_id
      where c.kind = 'website' and e.occurred_at < ${q.cutoff}
      group by e.case_id
    ),
    measured as (
      select
        coalesce(statuses[cardinality(statuses)], 'received') as status,
        types[cardinality(types)] as vulnerability_type,
        impacts[cardinality(impacts)] as impact,
        fix_type,
        case when statuses[cardinality(statuses)] = 'fixed'
          then greatest(0, fixed_on::date - notifications[1]::date) end as days_to_fix,
        case when statuses[cardinality(statuses)] = 'operator_notified'
          then ${q.asOf}::date - notifications[1]::date end as elapsed
      from per_case
    )
    select
      status,
      vulnerability_type as "vulnerabilityType",
      impact,
      fix_type as "fixType",
      width_bucket(days_to_fix, ${[...q.fixBounds]}::int[]) as "fixBucket",
      days_to_fix <= 30 as within30,
      days_to_fix <= 90 as within90,
      case when elapsed >= ${q.longRunningDays}::int then width_bucket(elapsed, ${[...q.longBounds]}::int[]) end as "longBucket",
      count(*)::int as cases
    from measured
    group by 1, 2, 3, 4, 5, 6, 7, 8
  `.execute(db)
  return rows
}

import { sql, type RawBuilder } from 'kysely'
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
 * - website: its report_submitted says `kind: 'website'` (the kind never changes);
 * - a duplicate rejected with `duplicateOf` (joined to the case it duplicates) is left out;
 * - received: its report_submitted's time, against `receivedFrom` when given;
 * - status: the `to_status` of the last event that has one;
 * - classification: `vulnerabilityType` / `impact` of the last report_submitted, accept or
 *   website_classified — the classification in force at the date;
 * - notification: the first notify_operator's `notifiedOn`, i.e. the earliest (notification dates
 *   are the day of the event, so they only grow; a case resumed after stalling keeps its clock);
 * - fix: the report_fix's `fixType` and `fixedOn` (a fixed case never leaves `fixed`, so there is one).
 * Days are calendar days between Japan dates.
 *
 * Speed (bench/website-figures.bench.ts): "the value of the latest event" is taken as the max of
 * zero-padded id || value, a plain aggregate, rather than an ordered array_agg, which sorts inside
 * every case; and the events alone say which cases are websites, so no join with `cases`.
 */
export async function groupWebsiteCases(db: DB, q: {
  cutoff: Date; asOf: string; fixBounds: readonly number[]; longRunningDays: number; longBounds: readonly number[]; receivedFrom?: Date | null
}): Promise<WebsiteCaseGroup[]> {
  const classifying = sql.join(CLASSIFYING_EVENTS.map((t) => sql.lit(t)))
  // The value of the case's latest event matching `filter`. Ids are bigserial: 19 digits hold any
  // of them, so the text order of the padded ids is their order.
  const latest = (value: RawBuilder<unknown>, filter: RawBuilder<unknown>) =>
    sql`substr(max(lpad(e.id::text, 19, '0') || ${value}) filter (where ${filter}), 20)`
  const { rows } = await sql<WebsiteCaseGroup>`
    with per_case as (
      select
        ${latest(sql`e.to_status`, sql`e.to_status is not null`)} as status,
        ${latest(sql`(e.data->>'vulnerabilityType') || '|' || coalesce(e.data->>'impact', '')`,
          sql`e.type in (${classifying}) and e.data->>'vulnerabilityType' is not null`)} as classification,
        min(e.data->>'notifiedOn') filter (where e.type = 'notify_operator') as notified_on,
        max(e.data->>'fixType') filter (where e.type = 'report_fix') as fix_type,
        max(e.data->>'fixedOn') filter (where e.type = 'report_fix') as fixed_on
      from case_events e
      where e.occurred_at < ${q.cutoff}
        -- only changes of state and classifications matter; messages and other logged steps are skipped early
        and (e.to_status is not null or e.type in (${classifying}))
      group by e.case_id
      having bool_or(e.type = 'report_submitted' and e.data->>'kind' = 'website')
        -- a duplicate counts once, with the case it duplicates: not on its own, nor as not accepted
        and not bool_or(e.type = 'reject' and e.data->>'duplicateOf' is not null)
        ${q.receivedFrom ? sql`and min(e.occurred_at) filter (where e.type = 'report_submitted') >= ${q.receivedFrom}` : sql``}
    ),
    measured as (
      select
        status,
        nullif(split_part(classification, '|', 1), '') as vulnerability_type,
        nullif(split_part(classification, '|', 2), '') as impact,
        fix_type,
        case when status = 'fixed' then greatest(0, fixed_on::date - notified_on::date) end as days_to_fix,
        case when status = 'operator_notified' then ${q.asOf}::date - notified_on::date end as elapsed
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

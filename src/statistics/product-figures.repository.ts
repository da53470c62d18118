import { sql, type RawBuilder } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { DAYS_TO_PUBLICATION_BOUNDS } from './buckets.js'
import { groupsAnswer, japanDay, keyedRows, latestValue, sumKeyedRows, type Keyed, type StatesReader } from './case-states.repository.js'

/** How a case whose developer was listed as uncontactable (連絡不能) stands at the date (figure 7). */
export type UncontactableStanding = 'still' | 'resumed' | 'resumed_completed' | 'published_by_committee'

/** One group of product reports that share everything the figures count by, as of a date. */
export type ProductCaseGroup = {
  status: string
  productType: string | null
  cause: string | null
  /** Published, and the publication was the committee's decision (連絡不能公表 / 調整不能公表). */
  byCommittee: boolean
  /** 1-based index into the days-to-publication bounds; null unless published. */
  publicationBucket: number | null
  within45: boolean | null
  over300: boolean | null
  /** Null when the case's developer was never declared uncontactable. */
  uncontactable: UncontactableStanding | null
  /** Received from the `receivedFrom` asked for (false when none was). */
  recent: boolean
  cases: number
}

const CLOSED = ['published', 'not_vulnerable', 'handled_individually', 'closed_low_impact']

/**
 * Every product report as of the states' cutoff, one row per case with what the figures count by
 * (columns: case_id, received_at, status, product_type, cause, by_committee, days, uncontactable).
 * Reads the states of case-states.repository.ts:
 * - a report: it began with report_submitted `kind: 'product'` or self_report_submitted. Cases
 *   opened from an overseas coordination request (coordination_request_received, JVNVU#) are not
 *   reports to the programme and are left out, as the real report leaves them out;
 * - a duplicate rejected with `duplicateOf` (joined to, or linked with, the case it duplicates) is
 *   counted once, with that case: it is left out here altogether (before its rejection it is a
 *   report awaiting intake like any other);
 * - status: the `to_status` of the last event that has one;
 * - product type / cause: of the last report_submitted, accept or case_classified that names one;
 * - days to publication: calendar days between the Japan dates of the first `accept` (受理) and
 *   of the publication (the publish event's `publishAt`, the moment it became public);
 * - by committee: the case's latest schedule_publication says `decidedByCommittee`;
 * - uncontactable: the case was declared uncontactable (`declare_uncontactable`; a single vendor
 *   of a multi-vendor case listed while the case goes on is not an uncontactable case). Published
 *   by committee decision ends it; else a `resume_coordination` after the last declaration makes it
 *   resumed (completed once the case is closed); else it is still uncontactable.
 */
export function productCases(states: RawBuilder<unknown>, o: { withDuplicates?: boolean } = {}): RawBuilder<unknown> {
  return sql`
    select
      case_id, received_at, duplicate_at, status, product_type, cause,
      status = 'published' and committee = 'true' as by_committee,
      case when status = 'published' then greatest(0, ${japanDay(sql`published_at`, 'day')} - ${japanDay(sql`accepted_at`, 'day')}) end as days,
      case
        when listed_id is null then null
        when status = 'published' and committee = 'true' then 'published_by_committee'
        when resumed_id > listed_id and status not in ('uncontactable', 'committee_review')
          then case when status in (${sql.join(CLOSED.map((x) => sql.lit(x)))}) then 'resumed_completed' else 'resumed' end
        else 'still'
      end as uncontactable
    from (
      select case_id, received_at, duplicate_at, accepted_at, published_at, listed_id, resumed_id,
        ${latestValue('status_k')} as status, ${latestValue('product_type_k')} as product_type,
        ${latestValue('cause_k')} as cause, ${latestValue('committee_k')} as committee
      from (${states}) st
      where product_report ${o.withDuplicates ? sql`` : sql`and duplicate_at is null`}
    ) c`
}

/** What the product figures count by, the columns of the snapshot's product groups. */
export const PRODUCT_KEYS = ['status', 'product_type', 'cause', 'by_committee', 'publication_bucket', 'within45', 'over300', 'uncontactable', 'received_on', 'duplicate_on'] as const

/** Product reports of `states` as keyed rows (PRODUCT_KEYS and n), by `bounds` of days to publication. */
export const productKeyed = (bounds: readonly number[]): Keyed => (states, sign, granularity) => sql`
  select status, product_type, cause, by_committee,
    width_bucket(days, ${[...bounds]}::int[]) as publication_bucket, days <= 45 as within45, days >= 301 as over300, uncontactable,
    ${japanDay(sql`received_at`, granularity)} as received_on, ${japanDay(sql`duplicate_at`, granularity)} as duplicate_on, ${sql.lit(sign)}::int as n
  from (${productCases(states, { withDuplicates: true })}) m`

export const PRODUCT_GROUPS = { kind: 'product_report', keyed: productKeyed(DAYS_TO_PUBLICATION_BOUNDS), groupsTable: 'statistics_snapshot_product_groups', keys: PRODUCT_KEYS } as const

/**
 * The product reports as of the reader's cutoff grouped by what the figures need — a few hundred
 * rows, however many reports there are. `recent`: received from `receivedFrom` on (the report's
 * "this quarter"). `totals[i]`: the reports received before `totalsAt[i]` (figure 1's cumulative
 * totals, none later than the cutoff), counted in the same pass: a duplicate joined to another
 * case counts until its rejection. Reads the snapshot's groups when it can (keyedRows).
 */
export async function groupProductCases(db: DB, q: {
  read: StatesReader; receivedFrom: Date | null; publicationBounds: readonly number[]; totalsAt?: readonly Date[]
}): Promise<{ groups: ProductCaseGroup[]; totals: number[] }> {
  const totalsAt = q.totalsAt ?? []
  const rows = keyedRows({
    ...q.read, ...PRODUCT_GROUPS, keyed: productKeyed(q.publicationBounds),
    grouped: q.publicationBounds.join() === DAYS_TO_PUBLICATION_BOUNDS.join() && groupsAnswer(q.read, [q.receivedFrom, ...totalsAt]),
  })
  return sumKeyedRows<ProductCaseGroup>(db, rows, {
    receivedFrom: q.receivedFrom, totalsAt,
    columns: [sql`status`, sql`product_type as "productType"`, sql`cause`, sql`by_committee as "byCommittee"`,
      sql`publication_bucket as "publicationBucket"`, sql`within45`, sql`over300`, sql`uncontactable`],
  })
}

/** A case marked for priority information, as of the date: its targets and its publication time in force. */
export type MarkedProvision = {
  sectors: string[]
  /** Sectors of the named critical-infrastructure organisations it was addressed to. */
  organizationSectors: string[]
  leadBusinessDays: number
  /** Null when the advisory is not scheduled (never, or taken off the schedule). */
  publishAt: Date | null
}

/**
 * Every case marked for priority information by `cutoff` (few: the index on type finds them), with
 * the latest marking's targets and the publication time in force then (schedule, reschedule or
 * publish; an unschedule clears it).
 */
export async function markedProvisions(db: DB, q: { cutoff: Date }): Promise<MarkedProvision[]> {
  const latest = (value: RawBuilder<unknown>, filter: RawBuilder<unknown>) =>
    sql`substr(max(lpad(e.id::text, 19, '0') || (${value})) filter (where ${filter}), 20)`
  const { rows } = await sql<{ marking: string; publish_at: string | null }>`
    select
      ${latest(sql`e.data::text`, sql`e.type = 'priority_information_marked'`)} as marking,
      nullif(${latest(sql`coalesce(e.data->>'publishAt', '')`, sql`e.type in ('schedule_publication', 'reschedule_publication', 'unschedule_publication', 'publish')`)}, '') as publish_at
    from case_events e
    where e.occurred_at < ${q.cutoff}
      and e.case_id in (select m.case_id from case_events m where m.type = 'priority_information_marked' and m.occurred_at < ${q.cutoff})
      and e.type in ('priority_information_marked', 'schedule_publication', 'reschedule_publication', 'unschedule_publication', 'publish')
    group by e.case_id
  `.execute(db)
  const marks = rows.map((r) => ({ data: JSON.parse(r.marking) as { sectors?: string[]; organizationIds?: string[]; leadBusinessDays?: number }, publishAt: r.publish_at }))
  const orgIds = [...new Set(marks.flatMap((m) => m.data.organizationIds ?? []))]
  const sectorOf = new Map(orgIds.length
    ? (await db.selectFrom('organizations').select(['id', 'sector']).where('id', 'in', orgIds).execute()).map((o) => [o.id, o.sector as string | null])
    : [])
  return marks.map((m) => ({
    sectors: m.data.sectors ?? [],
    organizationSectors: (m.data.organizationIds ?? []).map((id) => sectorOf.get(id)).filter((s): s is string => Boolean(s)),
    leadBusinessDays: m.data.leadBusinessDays ?? 0,
    publishAt: m.publishAt ? new Date(m.publishAt) : null,
  }))
}

/** Advisories published by `cutoff` (every product case, overseas requests included): the publish events. */
export async function countPublishedAdvisories(db: DB, q: { cutoff: Date; from: Date | null }): Promise<number> {
  let query = db.selectFrom('case_events').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('type', '=', 'publish').where('occurred_at', '<', q.cutoff)
  if (q.from) query = query.where('occurred_at', '>=', q.from)
  return Number((await query.executeTakeFirstOrThrow()).n)
}

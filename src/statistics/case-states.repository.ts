import { sql, type RawBuilder } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { japanDate } from '../platform/calendar/business-days.js'
import './statistics.tables.js'

/**
 * Every case's statistics state as of a cutoff: the aggregates of its events that the figures of
 * DESIGN §8 read. Each is a max, a min or an or over the case's events, so the state of a snapshot
 * combined with the events after it equals a replay of the whole log — which is what makes a
 * report over 1.5 M reports fast: `statistics_case_states` holds every case's state at the last
 * finished quarter (advanced by a background job), and a report replays only the events since.
 *
 * "The value of the latest event" is the max of its zero-padded id || value (ids are bigserial: 19
 * digits hold any of them; events in id order are in their order, as each change locks its case);
 * `substr(x, 20)` reads the value back.
 */

/** Events that start a report (届出): a finder's report of a product or website, or a developer's own. */
const REPORT_EVENTS = ['report_submitted', 'self_report_submitted']
/** Events the states read besides changes of state (which all have a to_status): classifications, notification and fix dates. */
const READ_EVENTS = ['report_submitted', 'self_report_submitted', 'accept', 'case_classified', 'website_classified', 'notify_operator', 'report_fix']

const list = (xs: readonly string[]) => sql.join(xs.map((t) => sql.lit(t)))
const latest = (value: RawBuilder<unknown>, filter: RawBuilder<unknown>) => sql`max(e.k || (${value})) filter (where ${filter})`

type Combine = 'or' | 'min' | 'max'
/** Each state column: how one case's events make it, and how two partial states combine. */
const COLUMNS: readonly { name: string; of: RawBuilder<unknown>; combine: Combine; for?: ReportKind }[] = [
  { name: 'product_report', combine: 'or', of: sql`bool_or(e.type = 'self_report_submitted' or (e.type = 'report_submitted' and e.data->>'kind' = 'product'))` },
  { name: 'website_report', combine: 'or', of: sql`bool_or(e.type = 'report_submitted' and e.data->>'kind' = 'website')` },
  { name: 'received_at', combine: 'min', of: sql`min(e.occurred_at) filter (where e.type in (${list(REPORT_EVENTS)}))` },
  // a duplicate rejected with `duplicateOf` counts once, with the case it joined
  { name: 'duplicate_at', combine: 'min', of: sql`min(e.occurred_at) filter (where e.type = 'reject' and e.data->>'duplicateOf' is not null)` },
  { name: 'status_k', combine: 'max', of: latest(sql`e.to_status`, sql`e.to_status is not null`) },
  { name: 'product_type_k', for: 'product_report', combine: 'max', of: latest(sql`e.data->>'productType'`, sql`e.type in ('report_submitted', 'self_report_submitted', 'accept', 'case_classified') and e.data->>'productType' is not null`) },
  { name: 'cause_k', for: 'product_report', combine: 'max', of: latest(sql`e.data->>'cause'`, sql`e.type = 'case_classified' and e.data->>'cause' is not null`) },
  { name: 'committee_k', for: 'product_report', combine: 'max', of: latest(sql`coalesce(e.data->>'decidedByCommittee', 'false')`, sql`e.type = 'schedule_publication'`) },
  { name: 'accepted_at', for: 'product_report', combine: 'min', of: sql`min(e.occurred_at) filter (where e.type = 'accept')` },
  { name: 'published_at', for: 'product_report', combine: 'max', of: sql`max(coalesce((e.data->>'publishAt')::timestamptz, e.occurred_at)) filter (where e.type = 'publish')` },
  { name: 'listed_id', for: 'product_report', combine: 'max', of: sql`max(e.id) filter (where e.type = 'declare_uncontactable')` },
  { name: 'resumed_id', for: 'product_report', combine: 'max', of: sql`max(e.id) filter (where e.type = 'resume_coordination')` },
  { name: 'classification_k', for: 'website_report', combine: 'max', of: latest(sql`(e.data->>'vulnerabilityType') || '|' || coalesce(e.data->>'impact', '')`, sql`e.type in ('report_submitted', 'accept', 'website_classified') and e.data->>'vulnerabilityType' is not null`) },
  { name: 'notified_on', for: 'website_report', combine: 'min', of: sql`min(e.data->>'notifiedOn') filter (where e.type = 'notify_operator')` },
  { name: 'fix_type', for: 'website_report', combine: 'max', of: sql`max(e.data->>'fixType') filter (where e.type = 'report_fix')` },
  { name: 'fixed_on', for: 'website_report', combine: 'max', of: sql`max(e.data->>'fixedOn') filter (where e.type = 'report_fix')` },
]
const names = sql.join(COLUMNS.map((c) => sql.ref(c.name)))

/** The snapshot in force: every case's state before `cutoff`, having seen the events up to `lastEventId`. */
export type Snapshot = { cutoff: Date; lastEventId: number }

export async function currentSnapshot(db: DB): Promise<Snapshot | null> {
  const row = await db.selectFrom('statistics_snapshot').select(['cutoff', 'last_event_id']).where('id', '=', 1).executeTakeFirst()
  return row ? { cutoff: new Date(row.cutoff), lastEventId: Number(row.last_event_id) } : null
}

/**
 * The events' part of the states: the cases with events before `cutoff` that the snapshot has not
 * seen (after its cutoff, or written later with an earlier time), aggregated per case.
 */
function eventStates(cutoff: Date, since: Snapshot | null, kind?: ReportKind): RawBuilder<unknown> {
  // a replay for one kind of report aggregates only the columns that kind reads
  const columns = COLUMNS.filter((c) => !kind || !c.for || c.for === kind)
  return sql`
    select e.case_id, ${sql.join(columns.map((c) => sql`${c.of} as ${sql.ref(c.name)}`))}
    from (
      select ev.case_id, ev.id, lpad(ev.id::text, 19, '0') as k, ev.type, ev.to_status, ev.occurred_at, ev.data
      from case_events ev
      where ev.occurred_at < ${cutoff}
        ${since ? sql`and (ev.occurred_at >= ${since.cutoff} or ev.id > ${since.lastEventId})` : sql``}
        -- only changes of state and classifications matter; messages and other logged steps are skipped early
        and (ev.to_status is not null or ev.type in (${list(READ_EVENTS)}))
    ) e
    group by e.case_id`
}

const combined = (c: { name: string; combine: Combine }, s: string, d: string) => {
  const [a, b] = [sql.ref(`${s}.${c.name}`), sql.ref(`${d}.${c.name}`)]
  if (c.combine === 'or') return sql`(coalesce(${a}, false) or coalesce(${b}, false))`
  return c.combine === 'min' ? sql`least(${a}, ${b})` : sql`greatest(${a}, ${b})`
}
/** Every state column of the snapshot's row `s` combined with the events' row `d`. */
const combinedColumns = sql.join(COLUMNS.map((c) => sql`${combined(c, 's', 'd')} as ${sql.ref(c.name)}`))

/** Whether a snapshot can serve a cutoff: it holds nothing after it. */
const serves = (snapshot: Snapshot | null, cutoff: Date): snapshot is Snapshot => snapshot !== null && snapshot.cutoff <= cutoff

/** Sorting and hashing a million cases needs more than PostgreSQL's default 4 MB of working memory: 64 MB, for the caller's transaction only. */
export const withWorkMemory = (trx: DB) => sql`set local work_mem = '64MB'`.execute(trx)

/** The two kinds of report the figures count: a state column that is true for one of them. */
export type ReportKind = 'product_report' | 'website_report'

/**
 * A subquery (columns: case_id and COLUMNS) of every case's state before `cutoff` — of the cases
 * of one kind of report only, when `kind` is given: the snapshot joined with the events since
 * when the snapshot is not later than the cutoff; else a replay of every event (a past quarter
 * recomputed — slower, and rare). With a kind, the snapshot's other cases are skipped before the
 * join, except those with events since (a report event written later with an earlier time).
 */
export function caseStates(cutoff: Date, snapshot: Snapshot | null, kind?: ReportKind): RawBuilder<unknown> {
  const ofKind = kind ? COLUMNS.find((c) => c.name === kind)!.of : null
  if (!serves(snapshot, cutoff)) {
    const all = eventStates(cutoff, null, kind)
    return ofKind ? sql`${all} having ${ofKind}` : all
  }
  return sql`
    with d as (${eventStates(cutoff, snapshot)})
    select coalesce(s.case_id, d.case_id) as case_id, ${combinedColumns}
    from (
      select * from statistics_case_states s0
      ${kind ? sql`where ${sql.ref(`s0.${kind}`)} or s0.case_id in (select case_id from d)` : sql``}
    ) s
    full join d on d.case_id = s.case_id`
}

/** Receipt and rejection times by Japan day (exact for any cutoff) or by quarter (for the groups). */
export type Granularity = 'day' | 'quarter'
/** Per-case states → rows of what the figures count by, with `n` = `sign`, in the columns of `keys`. */
export type Keyed = (states: RawBuilder<unknown>, sign: 1 | -1, granularity: Granularity) => RawBuilder<unknown>
export const japanDay = (t: RawBuilder<unknown>, granularity: Granularity) => granularity === 'quarter'
  ? sql`date_trunc('quarter', ${t} at time zone 'Asia/Tokyo')::date`
  : sql`(${t} at time zone 'Asia/Tokyo')::date`

/**
 * The reports of one kind as of `cutoff`, as keyed rows (`keys` and `n`; sum `n` by key). With a
 * snapshot at or before the cutoff and `grouped` (the caller's cutoffs fall on quarter starts and
 * its buckets are the stored ones): the snapshot's groups, minus the changed cases as the
 * snapshot had them, plus the same cases as they stand — a few thousand rows and the cases with
 * events since. Else one row per case, received and rejected by day.
 */
export function keyedRows(o: {
  cutoff: Date; snapshot: Snapshot | null; kind: ReportKind; keyed: Keyed; groupsTable: string; keys: readonly string[]; grouped: boolean
}): RawBuilder<unknown> {
  const { cutoff, snapshot, kind, keyed } = o
  if (!serves(snapshot, cutoff) || !o.grouped) return keyed(caseStates(cutoff, snapshot, kind), 1, 'day')
  const changedBefore = sql`select s.* from statistics_case_states s where s.case_id in (select case_id from d)`
  const changedNow = sql`
    select d.case_id, ${combinedColumns}
    from d left join statistics_case_states s on s.case_id = d.case_id`
  return sql`
    with d as (${eventStates(cutoff, snapshot)})
    select ${sql.join(o.keys.map((k) => sql.ref(k)))}, cases as n from ${sql.table(o.groupsTable)}
    union all ${keyed(changedBefore, -1, 'quarter')}
    union all ${keyed(changedNow, 1, 'quarter')}`
}

/** The snapshot's groups of one kind, rebuilt from its states (in the caller's transaction). */
export async function rebuildGroups(trx: DB, o: { kind: ReportKind; keyed: Keyed; groupsTable: string; keys: readonly string[] }): Promise<void> {
  const keys = sql.join(o.keys.map((k) => sql.ref(k)))
  await sql`delete from ${sql.table(o.groupsTable)}`.execute(trx)
  await sql`
    insert into ${sql.table(o.groupsTable)} (${keys}, cases)
    select ${keys}, sum(n)::int from (${o.keyed(sql`select * from statistics_case_states where ${sql.ref(o.kind)}`, 1, 'quarter')}) k
    group by ${keys}`.execute(trx)
}

/** Cutoffs the snapshot's groups can answer for: Japan quarter starts (they keep quarters, not days) or the cutoff itself. */
export const groupsAnswer = (read: StatesReader, dates: readonly (Date | null)[]) =>
  dates.every((d) => d === null || d >= read.cutoff || /-(01|04|07|10)-01$/.test(japanDate(d)))

/** Keyed rows received before `at` (a Japan day's start): a duplicate joined to another case counts until its rejection. */
const receivedBy = (at: Date) => {
  const day = japanDate(at)
  return sql`(coalesce(sum(n) filter (where received_on < ${day}::date and (duplicate_on is null or duplicate_on >= ${day}::date)), 0))::int`
}

/**
 * Sums keyed rows into the figures' groups — `columns` (the figure's own keys, named as its group
 * type has them), then `recent` (received from `receivedFrom` on) — leaving out the duplicates
 * joined to another case, which count only in `totals[i]`: the reports received before
 * `totalsAt[i]`, until their rejection (figure 1's cumulative totals, in the same pass).
 */
export async function sumKeyedRows<G>(db: DB, rows: RawBuilder<unknown>, o: {
  columns: readonly RawBuilder<unknown>[]; receivedFrom: Date | null; totalsAt: readonly Date[]
}): Promise<{ groups: G[]; totals: number[] }> {
  const { rows: sums } = await sql<Record<string, unknown>>`
    select
      ${sql.join([...o.columns])},
      ${o.receivedFrom ? sql`received_on >= ${japanDate(o.receivedFrom)}::date` : sql`false`} as recent,
      duplicate_on is not null as duplicate,
      ${sql.join([...o.totalsAt.map((at, i) => sql`${receivedBy(at)} as ${sql.ref(`t${i}`)}`), sql`sum(n)::int as cases`])}
    from (${rows}) r
    group by ${sql.join(Array.from({ length: o.columns.length + 2 }, (_, i) => sql.lit(i + 1)))}
    having sum(n) <> 0
  `.execute(db)
  const groups = sums.filter((r) => !r.duplicate).map((r) => {
    const g: Record<string, unknown> = { ...r }
    delete g.duplicate
    for (let i = 0; i < o.totalsAt.length; i++) delete g[`t${i}`]
    return g as G
  })
  return { groups, totals: o.totalsAt.map((_, i) => sums.reduce((n, r) => n + Number(r[`t${i}`] ?? 0), 0)) }
}

/** `substr(x, 20)`: the value of a "latest" state column. */
export const latestValue = (column: string) => sql`substr(${sql.ref(column)}, 20)`

/**
 * Folds the events the snapshot has not seen, before `cutoff`, into the states of their cases and
 * moves the snapshot to `cutoff` (never back), in the caller's transaction (snapshot.ts rebuilds
 * the groups in the same one). Returns the number of cases whose state changed, or -1 when the
 * snapshot is already there.
 */
export async function foldEvents(trx: DB, cutoff: Date, now: Date): Promise<number> {
  // one builder at a time: a second worker waits here and then finds the snapshot already there
  await sql`lock table statistics_snapshot in exclusive mode`.execute(trx)
  const snapshot = await currentSnapshot(trx)
  if (snapshot && snapshot.cutoff >= cutoff) return -1
  const last = (await sql<{ id: string | null }>`select max(id)::text as id from case_events`.execute(trx)).rows[0]?.id
  const { numAffectedRows } = await sql`
    insert into statistics_case_states as s (case_id, ${names})
    select case_id, ${names} from (${eventStates(cutoff, snapshot)}) d
    on conflict (case_id) do update set ${sql.join(COLUMNS.map((c) => sql`${sql.ref(c.name)} = ${combined(c, 's', 'excluded')}`))}
  `.execute(trx)
  await trx.insertInto('statistics_snapshot').values({ id: 1, cutoff, last_event_id: last ?? '0', built_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ cutoff, last_event_id: last ?? '0', built_at: now })).execute()
  return Number(numAffectedRows ?? 0)
}

/** Forgets the snapshot (the next report replays the whole log, and the job builds it again). */
export async function dropSnapshot(db: DB): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('statistics_snapshot').execute()
    await trx.deleteFrom('statistics_case_states').execute()
    await trx.deleteFrom('statistics_snapshot_product_groups').execute()
    await trx.deleteFrom('statistics_snapshot_website_groups').execute()
  })
}

/**
 * Runs `f` over the states before `cutoff` in one repeatable-read transaction (with room to work:
 * withWorkMemory), so every query of a report sees the same snapshot and events even while the
 * job advances the snapshot. `f` gets the states of every case (for lists of cases) and the
 * cutoff and snapshot (for keyedRows).
 */
export async function withCaseStates<T>(db: DB, cutoff: Date, f: (trx: DB, states: RawBuilder<unknown>, read: StatesReader) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    await withWorkMemory(trx)
    const snapshot = await currentSnapshot(trx)
    return f(trx, caseStates(cutoff, snapshot), { cutoff, snapshot })
  })
}

/** What a figure function needs to read the states of its kind: the cutoff and the snapshot in force. */
export type StatesReader = { cutoff: Date; snapshot: Snapshot | null }

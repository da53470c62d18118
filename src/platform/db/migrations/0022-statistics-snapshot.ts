import { sql, type Kysely } from 'kysely'

/**
 * The quarterly report's stores (issue 11). Frozen once released: never import application code here.
 *
 * - `statistics_case_states`: every case's statistics state (the aggregates of its events that the
 *   figures read) as of `statistics_snapshot.cutoff`, so a report replays only the events since.
 *   Each column is a max, min or or over the case's events, so snapshot + later events = replay.
 * - `statistics_snapshot_product_groups` / `_website_groups`: those states grouped as the figures
 *   count them, so a report reads a few thousand rows, not a row per case.
 * - `statistics_frozen_reports`: a finished quarter's report, computed once and kept (`format`: the
 *   report's shape when it was computed; a report of an older shape is computed again).
 * - `statistics_recomputations`: an administrator's recomputation of a frozen quarter and what changed.
 * - An index on `case_events (occurred_at)` finds the events since the snapshot.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table statistics_case_states (
      case_id text primary key references cases(id) on delete cascade,
      product_report boolean not null,
      website_report boolean not null,
      received_at timestamptz,
      duplicate_at timestamptz,
      status_k text,
      product_type_k text,
      cause_k text,
      committee_k text,
      accepted_at timestamptz,
      published_at timestamptz,
      listed_id bigint,
      resumed_id bigint,
      classification_k text,
      notified_on text,
      fix_type text,
      fixed_on text
    )`.execute(db)
  await sql`
    create table statistics_snapshot (
      id integer primary key check (id = 1),
      cutoff timestamptz not null,
      last_event_id bigint not null,
      built_at timestamptz not null
    )`.execute(db)
  // The snapshot's cases grouped by what the figures count by (received and duplicate quarters
  // instead of times): a report reads these few rows and corrects them for the cases changed since.
  await sql`
    create table statistics_snapshot_product_groups (
      status text, product_type text, cause text, by_committee boolean, publication_bucket integer,
      within45 boolean, over300 boolean, uncontactable text, received_on date, duplicate_on date,
      cases integer not null
    )`.execute(db)
  await sql`
    create table statistics_snapshot_website_groups (
      status text, vulnerability_type text, impact text, fix_type text, fix_bucket integer,
      within30 boolean, within90 boolean, notified_on date, received_on date, duplicate_on date,
      cases integer not null
    )`.execute(db)
  await sql`
    create table statistics_frozen_reports (
      quarter text primary key check (quarter ~ '^[0-9]{4}Q[1-4]$'),
      report jsonb not null,
      format integer not null,
      computed_at timestamptz not null
    )`.execute(db)
  await sql`
    create table statistics_recomputations (
      id text primary key,
      quarter text not null,
      at timestamptz not null,
      actor_id text references users(id),
      differences jsonb not null
    )`.execute(db)
  await sql`create index statistics_recomputations_quarter_idx on statistics_recomputations (quarter, at)`.execute(db)
  await sql`create index case_events_occurred_idx on case_events (occurred_at)`.execute(db)
}

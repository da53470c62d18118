import { sql, type Kysely } from 'kysely'

/**
 * Public alerts (注意喚起, issue 4, DESIGN §4): an alert about a class of website flaws, its
 * dated revisions, the per-year counter behind `KKA-YYYY-NNNN`, and the staff-only link table of
 * the website cases an alert covers. Frozen once released: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // A draft has no identifier and no publication time; a published alert has both, for ever
  // (alerts are revised, never withdrawn).
  await sql`
    create table alerts (
      id text primary key,
      identifier text unique,
      status text not null check (status in ('draft', 'published')),
      title_ja text not null,
      title_en text not null,
      body_ja text not null,
      body_en text not null,
      vulnerability_type text,
      reference_links jsonb not null default '[]',
      published_at timestamptz,
      published_by text references users(id),
      created_by text references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((status = 'draft' and identifier is null and published_at is null)
          or (status = 'published' and identifier is not null and published_at is not null))
    )`.execute(db)
  await sql`create index alerts_public_idx on alerts (published_at desc) where status = 'published'`.execute(db)

  await sql`
    create table alert_revisions (
      id text primary key,
      alert_id text not null references alerts(id),
      revised_at timestamptz not null,
      revised_by text references users(id),
      note_ja text not null,
      note_en text not null
    )`.execute(db)
  await sql`create index alert_revisions_alert_idx on alert_revisions (alert_id, revised_at)`.execute(db)

  // The NNNN of KKA-YYYY-NNNN: one row per Japan year, bumped by an upsert in the publishing
  // transaction, so two publications never draw the same number.
  await sql`
    create table alert_identifier_counters (
      year integer primary key,
      last_number integer not null check (last_number > 0)
    )`.execute(db)

  // Which website cases an alert covers. Staff only: nothing of this table reaches the public.
  await sql`
    create table alert_cases (
      alert_id text not null references alerts(id),
      case_id text not null references cases(id),
      added_by text references users(id),
      added_at timestamptz not null,
      primary key (alert_id, case_id)
    )`.execute(db)
  await sql`create index alert_cases_case_idx on alert_cases (case_id)`.execute(db)
}

import { sql, type Kysely } from 'kysely'

/**
 * Issue 12: JVN iPedia-scale data and a cached portal. Frozen once released: never import application code here.
 *
 * - Imported entries (JVN iPedia via MyJVN, CVE JSON 5 records, CSAF documents) are public
 *   advisories without a case: `case_id` may be null, but only for an entry that came from outside
 *   (`source` other than 'keikai'). `source_key` is the entry's identity in its source (its JVNDB
 *   number, CVE id, or CSAF publisher namespace + tracking id), unique per source, so importing
 *   the same data twice finds the same row. `source_ids` keeps every original identifier
 *   (`[{ "kind": "JVNDB" | "JVN" | "CVE" | "CSAF", "id": "…" }]`), `source_modified` the record's own
 *   last-modified time and `source_hash` a digest of what was imported, so an unchanged record is a
 *   no-op and a newer one a revision.
 * - `public_changes`: one row whose `generation` goes up with every change to what the public may
 *   see (advisories, their revisions, alerts), by statement triggers that also `NOTIFY
 *   keikai_public_changes`. Every keikai process drops its cached public pages when the number moves.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table advisories alter column case_id drop not null`.execute(db)
  await sql`alter table advisories add column source text not null default 'keikai' check (source in ('keikai', 'jvn', 'cve', 'csaf'))`.execute(db)
  await sql`alter table advisories add column source_key text`.execute(db)
  await sql`alter table advisories add column source_ids jsonb not null default '[]'::jsonb`.execute(db)
  await sql`alter table advisories add column source_modified timestamptz`.execute(db)
  await sql`alter table advisories add column source_hash text`.execute(db)
  await sql`alter table advisories add constraint advisories_case_or_source check ((source = 'keikai') = (case_id is not null))`.execute(db)
  await sql`alter table advisories add constraint advisories_source_key check ((source = 'keikai') = (source_key is null))`.execute(db)
  await sql`create unique index advisories_source_key_idx on advisories (source, source_key) where source_key is not null`.execute(db)

  await sql`
    create table public_changes (
      id integer primary key check (id = 1),
      generation bigint not null,
      changed_at timestamptz not null
    )`.execute(db)
  await sql`insert into public_changes (id, generation, changed_at) values (1, 1, now())`.execute(db)
  await sql`
    create function keikai_public_changed() returns trigger language plpgsql as $$
    begin
      update public_changes set generation = generation + 1, changed_at = clock_timestamp() where id = 1;
      perform pg_notify('keikai_public_changes', '');
      return null;
    end $$`.execute(db)
  for (const table of ['advisories', 'advisory_revisions', 'alerts', 'alert_revisions']) {
    await sql`create trigger ${sql.raw(`${table}_public_changed`)} after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function keikai_public_changed()`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['advisories', 'advisory_revisions', 'alerts', 'alert_revisions']) {
    await sql`drop trigger ${sql.raw(`${table}_public_changed`)} on ${sql.table(table)}`.execute(db)
  }
  await sql`drop function keikai_public_changed()`.execute(db)
  await sql`drop table public_changes`.execute(db)
  await sql`drop index advisories_source_key_idx`.execute(db)
  await sql`alter table advisories drop constraint advisories_source_key`.execute(db)
  await sql`alter table advisories drop constraint advisories_case_or_source`.execute(db)
  for (const column of ['source_hash', 'source_modified', 'source_ids', 'source_key', 'source']) {
    await sql`alter table advisories drop column ${sql.raw(column)}`.execute(db)
  }
  await sql`alter table advisories alter column case_id set not null`.execute(db)
}

import { sql, type Kysely } from 'kysely'

/**
 * JVN iPedia numbers (issue 10). Frozen once released: never import application code here.
 *
 * Every advisory gets a `JVNDB-YYYY-NNNNNN` beside its JVN# identifier when it is published:
 * YYYY is the year (Japan time, UTC+9 all year) of its publication, NNNNNN counts up within that
 * year in order of publication. `jvndb_sequences` holds the last number given per year, so a
 * number is never given twice. Advisories already published are numbered here in order of
 * publication time (scheduled ones get theirs from the publication worker when their time comes);
 * the number is added to their search text (lower-cased, as the search column is).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('advisories').addColumn('jvndb_id', 'text', (c) => c.unique()).execute()
  await db.schema.createTable('jvndb_sequences')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute()
  await sql`
    with numbered as (
      select id, extract(year from (publish_at at time zone 'UTC') + interval '9 hours')::int as year,
             row_number() over (partition by extract(year from (publish_at at time zone 'UTC') + interval '9 hours') order by publish_at, identifier) as n
      from advisories where status = 'published' and publish_at is not null
    )
    update advisories a
       set jvndb_id = 'JVNDB-' || numbered.year || '-' || lpad(numbered.n::text, 6, '0'),
           search_text = a.search_text || E'\n' || lower('JVNDB-' || numbered.year || '-' || lpad(numbered.n::text, 6, '0'))
      from numbered where numbered.id = a.id`.execute(db)
  await sql`
    insert into jvndb_sequences (year, last_number)
    select substr(jvndb_id, 7, 4)::int, max(substr(jvndb_id, 12)::int) from advisories where jvndb_id is not null group by 1`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jvndb_sequences').execute()
  await db.schema.alterTable('advisories').dropColumn('jvndb_id').execute()
}

import { sql, type Kysely } from 'kysely'

/**
 * Issue 12: an advisory row holds kilobytes of JSON and search text that PostgreSQL compresses as
 * it stores them. With pglz (the default) that compression was a third of the server's work when
 * loading JVN iPedia (COPY of 200,000 rows: 23.6 s, with lz4 14.7 s; measured). lz4 is used where
 * the server was built with it (Debian's PostgreSQL is; PGlite is not, and keeps pglz). Only what
 * is written from now on is compressed the new way. Frozen once released.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ lz4: boolean }>`
    select coalesce(bool_or('lz4' = any(enumvals)), false) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(db)
  if (!rows[0]?.lz4) return
  await sql`alter table advisories
    alter column content set compression lz4,
    alter column search_text set compression lz4,
    alter column search_grams set compression lz4,
    alter column search_title set compression lz4`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table advisories
    alter column content set compression default,
    alter column search_text set compression default,
    alter column search_grams set compression default,
    alter column search_title set compression default`.execute(db)
}

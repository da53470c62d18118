import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { PGlite, pg_trgm } from '../../src/platform/db/database.js'
import { openDatabase } from '../../src/platform/db/database.js'
import { migrateToLatest } from '../../src/platform/db/migrate.js'

export const TEMPLATE_DIR = join(process.cwd(), '.tmp')
export const PGLITE_TEMPLATE = join(TEMPLATE_DIR, 'pglite-template.tar.gz')
export const PG_TEMPLATE_DB = 'keikai_test_template'

/**
 * Builds one migrated database before the suite: a PGlite data-dir dump, or — when
 * TEST_DATABASE_URL is set — a PostgreSQL template database. Each test file then clones it.
 */
export default async function setup() {
  mkdirSync(TEMPLATE_DIR, { recursive: true })
  const url = process.env.TEST_DATABASE_URL
  if (url) {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname like 'keikai_test_%' and pid <> pg_backend_pid()`)
    const old = await admin.query(`select datname from pg_database where datname like 'keikai_test_%'`)
    for (const row of old.rows) {
      await admin.query(`alter database "${row.datname}" is_template false`)
      await admin.query(`drop database if exists "${row.datname}"`)
    }
    await admin.query(`create database ${PG_TEMPLATE_DB}`)
    await admin.end()
    const handle = await openDatabase({ databaseUrl: withDatabase(url, PG_TEMPLATE_DB) })
    await migrateToLatest(handle.db)
    await handle.close()
    return
  }
  const pglite = await PGlite.create({ extensions: { pg_trgm } })
  const handle = await openDatabase({ pglite })
  await migrateToLatest(handle.db)
  await handle.close()
  const dump = await pglite.dumpDataDir('gzip')
  writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()))
  await pglite.close()
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

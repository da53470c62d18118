import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { PGlite, pg_trgm } from '../../src/platform/db/database.js'
import { openDatabase } from '../../src/platform/db/database.js'
import { migrateToLatest } from '../../src/platform/db/migrate.js'

export const TEMPLATE_DIR = join(process.cwd(), '.tmp')
/**
 * KEIKAI_TEST_RUN names one suite's template and databases (`keikai_test_<run>_…`), so several
 * suites can run at once on one machine and one PostgreSQL server without touching each other's.
 */
const RUN = (process.env.KEIKAI_TEST_RUN ?? 'main').replace(/[^a-z0-9]/gi, '').toLowerCase()
export const PGLITE_TEMPLATE = join(TEMPLATE_DIR, `pglite-template-${RUN}.tar.gz`)
export const PG_PREFIX = `keikai_test_${RUN}_`
export const PG_TEMPLATE_DB = `${PG_PREFIX}template`

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
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname like '${PG_PREFIX}%' and pid <> pg_backend_pid()`)
    const old = await admin.query(`select datname from pg_database where datname like '${PG_PREFIX}%'`)
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
  // Written aside and renamed, so a suite starting meanwhile never reads half a template.
  const partial = `${PGLITE_TEMPLATE}.${process.pid}`
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
  renameSync(partial, PGLITE_TEMPLATE)
  await pglite.close()
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { PGlite, pg_trgm, openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js'
import { PGLITE_TEMPLATE, PG_PREFIX, PG_TEMPLATE_DB, withDatabase } from './global-setup.js'

export const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'

/** A fresh, migrated database of its own for one test file, cloned from the suite's template. */
export async function freshDatabase(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL
  if (url) return ownPostgresDatabase(url, PG_TEMPLATE_DB)
  const dump = new Blob([readFileSync(PGLITE_TEMPLATE)])
  const pglite = await PGlite.create({ loadDataDir: dump, extensions: { pg_trgm } })
  const handle = await openDatabase({ pglite })
  return { ...handle, close: async () => { await handle.close(); await pglite.close() } }
}

/** An empty database of its own (no migrations applied), for tests that migrate step by step. */
export async function emptyDatabase(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL
  if (url) return ownPostgresDatabase(url)
  const pglite = await PGlite.create({ extensions: { pg_trgm } })
  const handle = await openDatabase({ pglite })
  return { ...handle, close: async () => { await handle.close(); await pglite.close() } }
}

/** A PostgreSQL database of its own on the test server (a copy of `template`, or empty), dropped at close. */
async function ownPostgresDatabase(url: string, template?: string): Promise<DatabaseHandle> {
  const name = `${PG_PREFIX}${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`)
  await admin.end()
  const handle = await openDatabase({ databaseUrl: withDatabase(url, name) })
  return {
    ...handle,
    close: async () => {
      await handle.close()
      const a = new pg.Client({ connectionString: url })
      await a.connect()
      await a.query(`drop database if exists ${name} with (force)`)
      await a.end()
    },
  }
}

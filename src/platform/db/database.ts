import { mkdirSync, openSync, closeSync, writeFileSync, readFileSync, unlinkSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import type { Database } from './schema.js'
import { log } from '../log.js'

export type DB = Kysely<Database>

export type DatabaseHandle = {
  db: DB
  backend: 'pglite' | 'postgres'
  close: () => Promise<void>
  /** The server's URL (PostgreSQL only): what a LISTEN connection of its own connects to. */
  url?: string
}

// Dates stay strings-free: timestamptz → Date (pg default), date → 'YYYY-MM-DD' string, bigint → number.
pg.types.setTypeParser(1082, (v: string) => v)
pg.types.setTypeParser(20, (v: string) => Number(v))

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite database in `dataDir`. */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string; pglite?: PGlite }): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl)
  let release = () => {}
  let pglite = options.pglite
  if (!pglite) {
    if (!options.dataDir) throw new Error('dataDir or databaseUrl is required')
    mkdirSync(options.dataDir, { recursive: true })
    release = holdLock(options.dataDir)
    pglite = await PGlite.create({ dataDir: options.dataDir, extensions: { pg_trgm } })
  }
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const owned = pglite
  return {
    db,
    backend: 'pglite',
    close: async () => {
      await db.destroy()
      if (!options.pglite) await owned.close()
      release()
    },
  }
}

/** A PostgreSQL server (the primary, or a read replica for the portal's reads). */
export function openPostgres(url: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  // An idle connection the server closes (restart, failover, admin command) must not crash the
  // process: the pool drops it and opens a new one on the next query.
  pool.on('error', (error) => log.error('idle database connection lost', { error: error.message }))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, backend: 'postgres', close: () => db.destroy(), url }
}

/** A second process opening the same PGlite directory corrupts it, so one process holds a lock file. */
function holdLock(dataDir: string): () => void {
  const lockPath = join(dataDir, 'keikai.lock')
  if (existsSync(lockPath)) {
    const pid = Number(readFileSync(lockPath, 'utf8'))
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`The data directory ${dataDir} is in use by process ${pid}. Stop it first.`)
    }
    unlinkSync(lockPath)
  }
  const fd = openSync(lockPath, 'wx')
  writeFileSync(fd, String(process.pid))
  closeSync(fd)
  return () => {
    try { unlinkSync(lockPath) } catch { /* already gone */ }
  }
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true } catch { return false }
}

export { PGlite, pg_trgm }

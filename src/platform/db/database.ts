import { mkdirSync, openSync, closeSync, writeFileSync, readFileSync, unlinkSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { from as copyFromStdin } from 'pg-copy-streams'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Database } from './schema.js'
import { log } from '../log.js'

export type DB = Kysely<Database>

export type DatabaseHandle = {
  db: DB
  backend: 'pglite' | 'postgres'
  close: () => Promise<void>
  /** The server's URL (PostgreSQL only): what a LISTEN connection of its own connects to. */
  url?: string
  /**
   * Runs `fn` on one session of the database: a Kysely bound to it and `COPY … FROM STDIN` on the
   * same session, so a bulk load and the queries around it share their transactions.
   */
  session: <T>(fn: (db: DB, copyIn: CopyIn) => Promise<T>) => Promise<T>
}

/**
 * Loads rows into `table` with COPY (text format): each chunk holds whole lines made by
 * `copyLine` (copy-text.ts). Far cheaper for the server than INSERT, for a bulk load.
 */
export type CopyIn = (table: string, columns: readonly string[], chunks: readonly string[]) => Promise<void>

const copyStatement = (table: string, columns: readonly string[], source: string) =>
  `copy ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) from ${source}`
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

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
  // PGlite is one session: the pool's one connection and `query` below talk to the same backend, in turn.
  const copyIn: CopyIn = async (table, columns, chunks) => {
    await owned.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob(chunks as string[]) })
  }
  return {
    db,
    backend: 'pglite',
    session: (fn) => fn(db, copyIn),
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
  const session = async <T>(fn: (db: DB, copyIn: CopyIn) => Promise<T>): Promise<T> => {
    const client = await pool.connect()
    // Kysely over this one client: its "pool" hands out the client and never releases it.
    const one = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: { connect: async () => ({ query: client.query.bind(client), release: () => {} }), end: async () => {} } as never }),
    })
    const copyIn: CopyIn = (table, columns, chunks) => pipeline(Readable.from(chunks), client.query(copyFromStdin(copyStatement(table, columns, 'stdin'))))
    let failed = false
    try {
      return await fn(one, copyIn)
    } catch (e) {
      failed = true
      throw e
    } finally {
      await one.destroy()
      // A session that failed midway may be in a state no one else should inherit.
      client.release(failed)
    }
  }
  return { db, backend: 'postgres', close: () => db.destroy(), url, session }
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

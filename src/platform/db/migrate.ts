import { Migrator, sql, type MigrationProvider } from 'kysely'
import type { DB } from './database.js'
import { migrations } from './migrations/index.js'

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Applies every pending migration in the registry; throws on the first failure. */
export async function migrateToLatest(db: DB): Promise<string[]> {
  if (await allApplied(db)) return []
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/**
 * Whether every migration is already recorded: the usual case at start, answered with one query
 * instead of the Migrator's table checks and lock (about 130–260 ms on PGlite). Anything else,
 * including a new database without the table, goes through the Migrator and its lock.
 */
async function allApplied(db: DB): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db)
    const applied = new Set(rows.map((r) => r.name))
    return Object.keys(migrations).every((name) => applied.has(name))
  } catch {
    return false
  }
}

import type { Readable } from 'node:stream'
import { Migrator, sql } from 'kysely'
import type { DB } from './database.js'
import { migrations } from './migrations/index.js'
import { ident, identList, readAppliedMigrations, readTables, useExactTextForms, type TableShape } from './backup-schema.js'
import { BackupError, gzipLines, nextHeader, rowsText, type BackupHeader, type EndLine, type RowLine, type TableProgress } from './backup-format.js'

/** Rows sent to the database in one INSERT, bounded by count and by size (attachments are large). */
const MAX_BATCH_ROWS = 1000
const MAX_BATCH_CHARS = 8 * 1024 * 1024

/**
 * Restores a backup into `db`: refuses a database that holds data unless `force` (then everything
 * in it is replaced), migrates it to the backup's migration level, and writes every row in one
 * transaction — all or nothing. Foreign keys are dropped while rows go in and added again after,
 * which checks them; sequences are set where the backup had them. The server migrates further
 * at its next start.
 */
export async function restoreBackup(db: DB, input: Readable, opts: { force?: boolean; onTable?: TableProgress } = {}): Promise<Record<string, number>> {
  const lines = gzipLines(input)
  try {
    const header = await nextHeader(lines)
    const applied = await checkMigrationLevels(db, header.migrations)
    if (!opts.force) await refuseIfHoldingData(db, await readTables(db), applied)
    await migrateTo(db, header.migrations, applied)
    const tables = await readTables(db)
    await checkSameSchema(header, tables, await sequenceNames(db))
    return await db.transaction().execute(async (trx) => {
      await useExactTextForms(trx)
      if (tables.length) await sql`truncate table ${identList(tables.map((t) => t.name))} restart identity`.execute(trx)
      const foreignKeys = await dropForeignKeys(trx)
      const counts = await insertRows(trx, tables, lines, opts.onTable)
      for (const fk of foreignKeys) await sql`alter table ${ident(fk.table)} add constraint ${ident(fk.name)} ${sql.raw(fk.definition)}`.execute(trx)
      for (const s of header.sequences) await sql`select setval(${sql.lit(quoteIdent(s.name))}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`.execute(trx)
      return counts
    })
  } finally {
    await lines.return(undefined)
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The target's applied migrations, when the backup's level is known to this code and not behind the target. */
async function checkMigrationLevels(db: DB, wanted: string[]): Promise<string[]> {
  const known = Object.keys(migrations)
  const unknown = wanted.filter((name) => !known.includes(name))
  if (unknown.length || wanted.some((name, i) => known[i] !== name)) {
    throw new BackupError('backup.newer_than_code', `The backup was written by a newer keikai (migrations this version does not know: ${unknown.join(', ') || 'a different order'}). Restore it with that version or newer.`)
  }
  const applied = await readAppliedMigrations(db)
  const ahead = applied.filter((name) => !wanted.includes(name))
  if (ahead.length) {
    throw new BackupError('backup.target_newer', `The target database is migrated beyond the backup (${ahead.join(', ')}), and migrations cannot be undone. Restore into a new, empty database: the server migrates it on from the backup's level.`)
  }
  return applied
}

/** Brings the target to exactly the backup's migrations (never beyond: the rows fit that level). */
async function migrateTo(db: DB, wanted: string[], applied: string[]): Promise<void> {
  if (applied.length === wanted.length || !wanted.length) return
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error } = await migrator.migrateTo(wanted[wanted.length - 1]!)
  if (error) throw error
}

async function sequenceNames(db: DB): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'S'`.execute(db)
  return rows.map((r) => r.name)
}

async function checkSameSchema(header: BackupHeader, tables: TableShape[], sequences: string[]): Promise<void> {
  const shape = (ts: TableShape[]) => ts.map((t) => `${t.name}(${t.columns.map((c, i) => `${c} ${t.types[i]}`).join(', ')})`)
  const mine = new Set(shape(tables))
  const theirs = new Set(shape(header.tables))
  const differ = [...shape(header.tables).filter((s) => !mine.has(s)), ...shape(tables).filter((s) => !theirs.has(s))]
  const missingSequences = header.sequences.filter((s) => !sequences.includes(s.name)).map((s) => s.name)
  if (differ.length || missingSequences.length) {
    throw new BackupError('backup.schema_mismatch', `The target database's tables differ from the backup's at the same migration level: ${[...differ, ...missingSequences].slice(0, 5).join('; ')}.`)
  }
}

/**
 * Refuses a target that holds anything beyond what the migrations themselves insert (default
 * deadline policies and the like), counted by running the same migrations in a scratch schema
 * inside a transaction that is rolled back.
 */
async function refuseIfHoldingData(db: DB, tables: TableShape[], level: string[]): Promise<void> {
  const counts = await rowCounts(db, tables)
  if (Object.values(counts).every((n) => n === 0)) return
  const fresh = await freshRowCounts(db, level)
  const holding = Object.entries(counts).filter(([name, n]) => n > (fresh[name] ?? 0))
  if (!holding.length) return
  throw new BackupError('backup.target_not_empty', `The target database already holds data (${holding.slice(0, 5).map(([name, n]) => `${name}: ${rowsText(n)}`).join(', ')}${holding.length > 5 ? ', …' : ''}). Restore into an empty database, or pass --force to replace everything in it.`)
}

async function rowCounts(db: DB, tables: TableShape[], schema?: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const t of tables) {
    const table = schema ? sql`${ident(schema)}.${ident(t.name)}` : ident(t.name)
    const { rows: [r] } = await sql<{ n: number }>`select count(*)::int as n from ${table}`.execute(db)
    counts[t.name] = r!.n
  }
  return counts
}

class Probed extends Error {
  constructor(readonly counts: Record<string, number>) { super('probed') }
}

async function freshRowCounts(db: DB, level: string[]): Promise<Record<string, number>> {
  const probe = 'keikai_restore_probe'
  try {
    await db.transaction().execute(async (trx) => {
      await sql`create schema ${ident(probe)}`.execute(trx)
      await sql`select set_config('search_path', ${quoteIdent(probe)} || ', ' || current_setting('search_path'), true)`.execute(trx)
      for (const name of level) await migrations[name]!.up(trx)
      throw new Probed(await rowCounts(trx, await readTables(trx, probe), probe))
    })
  } catch (error) {
    if (error instanceof Probed) return error.counts
    throw error
  }
  return {}
}

type ForeignKey = { table: string; name: string; definition: string }

async function dropForeignKeys(trx: DB): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select c.relname::text as "table", con.conname::text as "name", pg_get_constraintdef(con.oid) as "definition"
    from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and con.contype = 'f' order by 1, 2`.execute(trx)
  for (const fk of rows) await sql`alter table ${ident(fk.table)} drop constraint ${ident(fk.name)}`.execute(trx)
  return rows
}

/** Reads the row lines up to the closing line and inserts them in batches; a file cut short throws. */
async function insertRows(trx: DB, tables: TableShape[], lines: AsyncIterator<string>, onTable?: TableProgress): Promise<Record<string, number>> {
  const byName = new Map(tables.map((t) => [t.name, t]))
  const counts: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]))
  let pending: { table: TableShape; rows: (string | null)[][]; chars: number } | null = null
  const flush = async () => {
    if (!pending?.rows.length) return
    const { table, rows } = pending
    const values = sql.join(table.types.map((type, i) => sql`(e.r->>${sql.lit(i)})::${sql.raw(type)}`))
    await sql`insert into ${ident(table.name)} (${identList(table.columns)}) overriding system value
      select ${values} from json_array_elements(${JSON.stringify(rows)}::json) as e(r)`.execute(trx)
    counts[table.name]! += rows.length
    pending = { table, rows: [], chars: 0 }
  }
  for (;;) {
    const next = await lines.next()
    if (next.done) throw new BackupError('backup.truncated', 'The backup ends before its closing line: the file is cut off. Nothing was restored.')
    const line = JSON.parse(next.value) as RowLine | EndLine
    if ('end' in line) {
      await flush()
      if (pending) onTable?.(pending.table.name, counts[pending.table.name]!)
      const wrong = Object.entries(line.rows).filter(([name, n]) => counts[name] !== n)
      if (wrong.length) throw new BackupError('backup.truncated', `The backup's row counts do not match its rows (${wrong.map(([n]) => n).join(', ')}). Nothing was restored.`)
      return counts
    }
    const table = byName.get(line.table)
    if (!table || line.row.length !== table.columns.length) throw new BackupError('backup.schema_mismatch', `A row of table ${line.table} does not fit the table. Nothing was restored.`)
    if (pending && pending.table !== table) {
      await flush()
      onTable?.(pending.table.name, counts[pending.table.name]!)
      pending = null
    }
    pending ??= { table, rows: [], chars: 0 }
    pending.rows.push(line.row)
    pending.chars += next.value.length
    if (pending.rows.length >= MAX_BATCH_ROWS || pending.chars >= MAX_BATCH_CHARS) await flush()
  }
}

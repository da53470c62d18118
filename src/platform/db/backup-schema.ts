import { sql, type RawBuilder } from 'kysely'
import type { DB } from './database.js'

/** Kysely's own bookkeeping: not application data, never dumped, never truncated. */
const BOOKKEEPING = new Set(['kysely_migration', 'kysely_migration_lock'])

export type TableShape = {
  name: string
  /** Every stored column in table order (generated columns are left out: they are computed again). */
  columns: string[]
  /** `format_type` of each column, for the casts that turn the backup's text back into values. */
  types: string[]
}

export type SequenceState = { name: string; lastValue: string; isCalled: boolean }

export const ident = (name: string): RawBuilder<unknown> => sql.id(name)
export const identList = (names: string[]): RawBuilder<unknown> => sql.join(names.map((n) => sql.id(n)))

/** The application tables of a schema (the current one unless named), their stored columns, by name. */
export async function readTables(db: DB, schema?: string): Promise<TableShape[]> {
  const where = schema ? sql`n.nspname = ${schema}` : sql`n.nspname = current_schema()`
  const { rows: columns } = await sql<{ table: string; column: string; type: string }>`
    select c.relname::text as "table", a.attname::text as "column", format_type(a.atttypid, a.atttypmod) as "type"
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    where ${where} and c.relkind in ('r', 'p')
    order by c.relname, a.attnum`.execute(db)
  const tables = new Map<string, TableShape>()
  for (const c of columns) {
    if (BOOKKEEPING.has(c.table)) continue
    const t = tables.get(c.table) ?? { name: c.table, columns: [], types: [] }
    t.columns.push(c.column)
    t.types.push(c.type)
    tables.set(c.table, t)
  }
  return [...tables.values()].sort((a, b) => (a.name < b.name ? -1 : 1))
}

/** The sequences of the current schema (bigserial ids) and where each stands now. */
export async function readSequences(db: DB): Promise<SequenceState[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'S' order by c.relname`.execute(db)
  const states: SequenceState[] = []
  for (const { name } of rows) {
    const { rows: [s] } = await sql<{ lastValue: string; isCalled: boolean }>`
      select last_value::text as "lastValue", is_called as "isCalled" from ${ident(name)}`.execute(db)
    states.push({ name, lastValue: s!.lastValue, isCalled: s!.isCalled })
  }
  return states
}

/** The migrations recorded as applied, in order; empty when the database was never migrated. */
export async function readAppliedMigrations(db: DB): Promise<string[]> {
  const { rows: [exists] } = await sql<{ ok: boolean }>`select to_regclass('kysely_migration') is not null as ok`.execute(db)
  if (!exists?.ok) return []
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  return rows.map((r) => r.name)
}

/** Text forms that parse back to the same values whatever the server's defaults (dates, floats, bytea). */
export async function useExactTextForms(trx: DB): Promise<void> {
  await sql`set local datestyle = 'ISO, YMD'`.execute(trx)
  await sql`set local intervalstyle = 'postgres'`.execute(trx)
  await sql`set local timezone = 'UTC'`.execute(trx)
  await sql`set local extra_float_digits = 3`.execute(trx)
  await sql`set local bytea_output = 'hex'`.execute(trx)
}

import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { sql } from 'kysely'
import type { DB } from './database.js'
import { ident, readAppliedMigrations, readSequences, readTables, useExactTextForms, type TableShape } from './backup-schema.js'
import { BACKUP_FORMAT, type BackupHeader, type EndLine, type RowLine, type TableProgress } from './backup-format.js'

export { BACKUP_FORMAT, BackupError, readBackupHeader, rowsText, verifyBackup, type BackupErrorCode, type BackupHeader, type TableProgress } from './backup-format.js'
export { restoreBackup } from './backup-restore.js'


/** Rows a batch holds: few for tables with binary data (attachments are megabytes), many otherwise. */
const batchSize = (t: TableShape) => (t.types.includes('bytea') ? 4 : 1000)

/**
 * Writes a consistent snapshot of every application table to `out` (gzip, JSON lines): one
 * `REPEATABLE READ READ ONLY` transaction, so a running server may go on writing meanwhile.
 * Resolves with the row count of every table once `out` has everything.
 */
export async function writeBackup(db: DB, out: Writable, opts: { onTable?: TableProgress; now?: Date } = {}): Promise<Record<string, number>> {
  const gzip = createGzip()
  const finished = pipeline(gzip, out)
  finished.catch(() => {}) // awaited below; this only keeps an early failure from counting as unhandled
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain')
  }
  try {
    const counts = await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
      await useExactTextForms(trx)
      const applied = await readAppliedMigrations(trx)
      const tables = await readTables(trx)
      const header: BackupHeader = {
        keikai: 'backup', format: BACKUP_FORMAT, createdAt: (opts.now ?? new Date()).toISOString(),
        migrations: applied, tables, sequences: await readSequences(trx),
      }
      await write(header)
      const counts: Record<string, number> = {}
      for (const table of tables) {
        let count = 0
        for await (const rows of tableBatches(trx, table)) {
          for (const row of rows) await write({ table: table.name, row } satisfies RowLine)
          count += rows.length
        }
        counts[table.name] = count
        opts.onTable?.(table.name, count)
      }
      await write({ end: true, rows: counts } satisfies EndLine)
      return counts
    })
    gzip.end()
    await finished
    return counts
  } catch (error) {
    gzip.destroy(error as Error)
    await finished.catch(() => {})
    throw error
  }
}

/**
 * A table's rows in their physical order, each value as text, in batches read by row position
 * (`ctid`, stable inside the snapshot). Restored in that order, rows come back in the order an
 * unordered query returned them before, so even lists without ORDER BY read the same.
 */
async function* tableBatches(trx: DB, table: TableShape): AsyncGenerator<(string | null)[][]> {
  const values = sql.join(table.columns.map((c) => sql`src.${ident(c)}::text as ${ident(c)}`))
  let after = '(0,0)'
  for (;;) {
    const { rows }: { rows: Record<string, string | null>[] } = await sql<Record<string, string | null>>`
      select src.ctid::text as ctid, ${values} from ${ident(table.name)} as src
      where src.ctid > ${after}::tid order by src.ctid limit ${batchSize(table)}`.execute(trx)
    if (!rows.length) return
    yield rows.map((r) => table.columns.map((c) => r[c] ?? null))
    after = rows[rows.length - 1]!.ctid!
  }
}

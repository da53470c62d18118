import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import type { SequenceState, TableShape } from './backup-schema.js'

/**
 * keikai's own backup format, the same for PGlite and PostgreSQL (so a backup of one restores into
 * the other): gzip of JSON lines. The first line is the header (the applied migrations, every
 * table's columns and types, the sequences), then one line per row, `{"table", "row"}`, every value
 * in PostgreSQL's text form (exact for timestamps, bytea, jsonb, arrays), then one closing line
 * with the row count of every table, so a cut-off file is noticed.
 */
export const BACKUP_FORMAT = 1

export type BackupHeader = {
  keikai: 'backup'
  format: typeof BACKUP_FORMAT
  createdAt: string
  migrations: string[]
  tables: TableShape[]
  sequences: SequenceState[]
}
export type RowLine = { table: string; row: (string | null)[] }
export type EndLine = { end: true; rows: Record<string, number> }

export type BackupErrorCode =
  | 'backup.not_a_backup' | 'backup.truncated' | 'backup.newer_than_code' | 'backup.target_newer'
  | 'backup.schema_mismatch' | 'backup.target_not_empty'

/** A backup or restore that cannot go on, with a stable code and a message an operator can act on. */
export class BackupError extends Error {
  constructor(readonly code: BackupErrorCode, message: string) {
    super(message)
  }
}

/** "1 row", "3 rows": for messages and progress lines. */
export const rowsText = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`

/** Called once a table is fully written or restored, with its row count (progress lines). */
export type TableProgress = (table: string, rows: number) => void

/** The lines of a gzip stream, decoded as UTF-8. A stream that is not gzip throws. */
export async function* gzipLines(input: Readable): AsyncGenerator<string> {
  const gunzip = createGunzip()
  input.on('error', (e) => gunzip.destroy(e))
  input.pipe(gunzip).setEncoding('utf8')
  // A line can be megabytes (an attachment): each chunk is searched once, the parts joined once.
  let parts: string[] = []
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      let start = 0
      let nl: number
      while ((nl = chunk.indexOf('\n', start)) >= 0) {
        parts.push(chunk.slice(start, nl))
        yield parts.join('')
        parts = []
        start = nl + 1
      }
      if (start < chunk.length) parts.push(chunk.slice(start))
    }
    if (parts.length) yield parts.join('')
  } finally {
    input.destroy()
    gunzip.destroy()
  }
}

const notABackup = (why: string) => new BackupError('backup.not_a_backup', `This is not a keikai backup (${why}).`)

export async function nextHeader(lines: AsyncIterator<string>): Promise<BackupHeader> {
  let first: IteratorResult<string>
  try {
    first = await lines.next()
  } catch (error) {
    const zlib = (error as { code?: string }).code?.startsWith('Z_')
    throw notABackup(zlib ? 'it is not gzip-compressed' : (error as Error).message)
  }
  if (first.done) throw notABackup('the file is empty')
  let header: Partial<BackupHeader>
  try {
    header = JSON.parse(first.value)
  } catch {
    throw notABackup('its first line is not JSON')
  }
  if (header?.keikai !== 'backup' || !Array.isArray(header.migrations) || !Array.isArray(header.tables) || !Array.isArray(header.sequences)) throw notABackup('no keikai backup header')
  if (header.format !== BACKUP_FORMAT) throw new BackupError('backup.newer_than_code', `This backup has format ${header.format}; this keikai reads format ${BACKUP_FORMAT}. Restore it with the keikai version that wrote it or newer.`)
  return header as BackupHeader
}

/** The header of a backup: what it holds and at which migration level, without reading the rows. */
export async function readBackupHeader(input: Readable): Promise<BackupHeader> {
  const lines = gzipLines(input)
  try {
    return await nextHeader(lines)
  } finally {
    await lines.return(undefined)
  }
}


/**
 * Reads a whole backup and checks it: header, rows, and a closing line whose counts match the rows.
 * Resolves with the row count of every table.
 */
export async function verifyBackup(input: Readable, onTable?: TableProgress): Promise<Record<string, number>> {
  const lines = gzipLines(input)
  const header = await nextHeader(lines)
  const counts: Record<string, number> = Object.fromEntries(header.tables.map((t) => [t.name, 0]))
  for await (const text of lines) {
    const line = JSON.parse(text) as RowLine | EndLine
    if (!('end' in line)) {
      counts[line.table] = (counts[line.table] ?? 0) + 1
      continue
    }
    const wrong = Object.keys({ ...counts, ...line.rows }).filter((name) => counts[name] !== line.rows[name])
    if (wrong.length) throw new BackupError('backup.truncated', `The backup's row counts do not match its rows (${wrong.join(', ')}).`)
    for (const [name, n] of Object.entries(counts)) onTable?.(name, n)
    return counts
  }
  throw new BackupError('backup.truncated', 'The backup ends before its closing line: the file is cut off.')
}

import { sql } from 'kysely'
import type { CopyIn, DB } from '../platform/db/database.js'
import { copyLine } from '../platform/db/copy-text.js'
import { ENTRY_COLUMNS, entryColumns, entryCopyText, importedSearchColumns, WRITER_COLUMNS } from './advisory-row.js'
import { newId } from '../platform/secrets.js'
import { readContent, type AdvisoryContent, type Localized } from '../advisories/index.js'
import type { BadRecord, ImportedEntry, PreparedEntry } from './entry.js'

/**
 * Imported entries become public advisories without a case (issue 12), idempotently:
 * an entry is found again by (source, source_key); the digest of what was imported decides
 * whether anything changed; a changed record replaces the content and is recorded as a revision
 * dated by the source's own last-modified time; an older record than the one held is skipped.
 *
 * JVN iPedia's Japanese and English entries are separate records with one number: each fills its
 * side of the same advisory, and `source_hash` keeps one digest per language (`ja=…,en=…`), so
 * that re-importing either is a no-op. An overview record (RSS) carries only title and summary: it
 * never replaces a full record of the same or a later time.
 */

export type ImportSummary = {
  read: number
  added: number
  updated: number
  unchanged: number
  older: number
  skipped: number
  bad: Array<BadRecord & { file: string }>
  /** How many bad records there were in all; `bad` keeps the first `maxBadListed`. */
  badCount: number
}

export const emptySummary = (): ImportSummary => ({ read: 0, added: 0, updated: 0, unchanged: 0, older: 0, skipped: 0, bad: [], badCount: 0 })

export type ImporterOptions = {
  now: () => Date
  /** Entries per transaction (and per insert statement). */
  batchSize?: number
  maxBadListed?: number
  /**
   * Bulk mode, for a batch that is large next to the table (the first load of JVN iPedia): the
   * advisories' GIN indexes are dropped before the first row and created again, by their own
   * definitions, when the import finishes (also when it fails). Building them once is far
   * faster than keeping them up to date row by row.
   */
  bulk?: boolean
  /** Told of each bulk-mode step (the CLI prints it). */
  onNotice?: (message: string) => void
  /** COPY on the importer's session: new entries are loaded with it rather than INSERT. */
  copyIn?: CopyIn | null
  /** A pool to build bulk mode's indexes on, side by side (the session does one thing at a time). */
  indexDb?: DB | null
}

type Existing = {
  id: string; source: string; source_key: string | null; source_hash: string | null; source_modified: Date | null; identifier: string | null; content: unknown
}

/** `ja=1<sha>,en=0<sha>` ↔ map: per language (`all` for a record of both), full (1) or overview (0), and the digest. */
function readHashes(stored: string | null): Map<string, string> {
  const m = new Map<string, string>()
  for (const part of (stored ?? '').split(',')) {
    const [k, v] = part.split('=')
    if (k && v) m.set(k, v)
  }
  return m
}
const writeHashes = (m: Map<string, string>) => [...m.entries()].sort().map(([k, v]) => `${k}=${v}`).join(',')
const hashKey = (e: Pick<ImportedEntry, 'lang'>) => (e.lang === 'both' ? 'all' : e.lang)

/** Replaces the `lang` side of every text of `held` with `incoming`'s; lists of the same length merge item by item. */
function mergeLanguage(held: AdvisoryContent, incoming: AdvisoryContent, lang: 'ja' | 'en'): AdvisoryContent {
  const side = (a: Localized, b: Localized): Localized => ({ ...a, [lang]: b[lang] })
  const other = lang === 'ja' ? 'en' : 'ja'
  const hasOther = (c: AdvisoryContent) => c.title[other].trim() !== ''
  if (!hasOther(held)) return incoming
  const sameShape = held.affectedProducts.length === incoming.affectedProducts.length && held.vulnerabilities.length === incoming.vulnerabilities.length
  const base = lang === 'ja' && !sameShape ? { ...incoming, title: side(held.title, incoming.title) } : held
  return {
    ...base,
    title: side(held.title, incoming.title),
    overview: side(held.overview, incoming.overview),
    description: side(held.description, incoming.description),
    impact: side(held.impact, incoming.impact),
    solution: side(held.solution, incoming.solution),
    affectedProducts: sameShape
      ? held.affectedProducts.map((p, i) => {
        const q = incoming.affectedProducts[i]!
        return { ...p, developer: side(p.developer, q.developer), product: side(p.product, q.product), versions: side(p.versions, q.versions), cpe: p.cpe ?? q.cpe }
      })
      : base.affectedProducts,
    vulnerabilities: sameShape
      ? held.vulnerabilities.map((v, i) => ({ ...v, ...incoming.vulnerabilities[i]!, title: side(v.title, incoming.vulnerabilities[i]!.title) }))
      : base.vulnerabilities,
    references: lang === 'ja' ? incoming.references : held.references,
  }
}

const SOURCE_LABEL: Record<string, { ja: string; en: string }> = {
  jvn: { ja: 'JVN iPedia', en: 'JVN iPedia' },
  cve: { ja: 'CVE レコード', en: 'the CVE record' },
  csaf: { ja: 'CSAF 文書', en: 'the CSAF document' },
}

/** The next identifier to try when `taken` is held by another entry: the publisher's host for CSAF, then a counter. */
function alternatives(e: Pick<ImportedEntry, 'source' | 'sourceKey' | 'identifier'>): string[] {
  const out: string[] = []
  if (e.source === 'csaf') {
    const host = /^[a-z]+:\/\/([^/#]+)/i.exec(e.sourceKey)?.[1]
    if (host) out.push(`${e.identifier}@${host}`)
  }
  for (let n = 2; n <= 20; n++) out.push(`${e.identifier}~${n}`)
  return out
}

/** A new advisory row: what the writer decided, and the entry (its own columns prepared under `identifier`). */
type NewRow = { id: string; identifier: string; now: Date; hashes: string; entry: PreparedEntry }

/**
 * Inserts advisory rows. With COPY (the CLI's session): the writer's columns, then the entry's
 * prepared COPY text. Otherwise in one statement with one parameter: the rows as a JSON array,
 * turned into rows by the table's own type (`jsonb_populate_recordset`) — binding one JSON text is
 * far cheaper than thousands of parameters (arrays among them) on PostgreSQL and PGlite.
 */
async function insertRows(trx: DB, copyIn: CopyIn | null, rows: NewRow[]): Promise<void> {
  if (rows.length === 0) return
  const own = (r: NewRow) => {
    const text = r.identifier === r.entry.identifier ? r.entry.copyText : entryCopyText(r.identifier, r.entry, r.entry.contentJson, readContent(JSON.parse(r.entry.contentJson)))
    return `${copyLine([r.id, r.identifier, r.now, r.now, r.hashes]).slice(0, -1)}\t${text}\n`
  }
  if (copyIn) {
    await copyIn('advisories', [...WRITER_COLUMNS, ...ENTRY_COLUMNS], rows.map(own))
    return
  }
  // `content` and `source_ids` as JSON values here, not the JSON text COPY takes.
  const json = JSON.stringify(rows.map((r) => {
    const content: unknown = JSON.parse(r.entry.contentJson)
    return {
      id: r.id, identifier: r.identifier, created_at: r.now, updated_at: r.now, source_hash: r.hashes,
      ...entryColumns(r.identifier, r.entry, r.entry.contentJson, readContent(content)), content, source_ids: r.entry.sourceIds,
    }
  }))
  const list = sql.join([...WRITER_COLUMNS, ...ENTRY_COLUMNS].map((c) => sql.id(c)))
  await sql`insert into advisories (${list}) select ${list} from jsonb_populate_recordset(null::advisories, ${json}::jsonb)`.execute(trx)
}

/** The JSON text of `source_ids` (its schema type, `Generated<Json<…>>`, hides the insert type `string` from Kysely). */
const jsonb = (v: unknown) => JSON.stringify(v) as never

const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

/**
 * Feeds entries in, one by one; they are written in batches. `finish()` writes the rest, puts
 * back what bulk mode took down, and returns the summary.
 */
export class Importer {
  readonly summary = emptySummary()
  private pending = new Map<string, { entry: PreparedEntry; file: string }>()
  private readonly batchSize: number
  private readonly maxBad: number
  private droppedIndexes: Array<{ name: string; definition: string }> | null = null

  constructor(private readonly db: DB, private readonly options: ImporterOptions) {
    this.batchSize = options.batchSize ?? 1000
    this.maxBad = options.maxBadListed ?? 50
  }

  /** Takes the GIN indexes of advisories down (bulk mode); `finish` creates them again. */
  async start(): Promise<void> {
    if (!this.options.bulk || this.droppedIndexes) return
    const { rows } = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes
      where schemaname = current_schema() and tablename = 'advisories' and indexdef ilike '% using gin %'`.execute(this.db)
    this.droppedIndexes = rows.map((r) => ({ name: r.indexname, definition: r.indexdef }))
    for (const ix of this.droppedIndexes) {
      this.options.onNotice?.(`bulk mode: dropping ${ix.name} until the import ends (${ix.definition})`)
      await sql`drop index ${sql.id(ix.name)}`.execute(this.db)
    }
  }

  reportBad(file: string, bad: BadRecord): void {
    this.summary.badCount++
    if (this.summary.bad.length < this.maxBad) this.summary.bad.push({ file, ...bad })
  }

  /**
   * Takes one entry. A full batch is written while the caller goes on reading the next one (on
   * PostgreSQL the database works in parallel with the parsing); at most one batch is in flight.
   */
  async add(entry: PreparedEntry, file: string): Promise<void> {
    this.summary.read++
    const key = `${entry.source}\u0000${entry.sourceKey}`
    // The same entry twice in one batch (a feed and a detail file, ja and en): write the first before reading the second.
    if (this.pending.has(key)) await this.startFlush()
    this.pending.set(key, { entry, file })
    if (this.pending.size >= this.batchSize) await this.startFlush()
  }

  private inFlight: Promise<void> = Promise.resolve()

  /** Waits for the batch in flight, then sends the pending one off without waiting for it. */
  private async startFlush(): Promise<void> {
    await this.inFlight
    const done = this.flush()
    // Kept for the next wait; a failure surfaces there (or in finish), not as an unhandled rejection.
    done.catch(() => {})
    this.inFlight = done
  }

  async finish(): Promise<ImportSummary> {
    try {
      await this.inFlight
      await this.flush()
    } finally {
      await this.inFlight.catch(() => {})
      await this.restoreIndexes()
    }
    return this.summary
  }

  /** Creates the indexes bulk mode dropped; safe to call twice. */
  async restoreIndexes(): Promise<void> {
    const dropped = this.droppedIndexes ?? []
    this.droppedIndexes = null
    // Side by side on the pool (PostgreSQL builds each on its own connection, so on its own core).
    const db = this.options.indexDb ?? this.db
    const built = await Promise.allSettled(dropped.map(async (ix) => {
      this.options.onNotice?.(`bulk mode: creating ${ix.name} again`)
      await sql.raw(ix.definition.replace(/^CREATE (UNIQUE )?INDEX /i, 'CREATE $1INDEX IF NOT EXISTS ')).execute(db)
    }))
    const failed = built.find((b): b is PromiseRejectedResult => b.status === 'rejected')
    if (failed) throw failed.reason
  }

  private async flush(): Promise<void> {
    const batch = [...this.pending.values()]
    this.pending = new Map()
    if (batch.length === 0) return
    const now = this.options.now()
    await this.db.transaction().execute(async (trx) => {
      // An import can always be run again (it is idempotent): its commits need not wait for the disk.
      await sql`set local synchronous_commit = off`.execute(trx)
      const existing = new Map<string, Existing>()
      const bySource = new Map<string, string[]>()
      for (const { entry } of batch) bySource.set(entry.source, [...(bySource.get(entry.source) ?? []), entry.sourceKey])
      for (const [source, keys] of bySource) {
        for (const part of chunk(keys, 1000)) {
          const rows = await trx.selectFrom('advisories')
            .select(['id', 'source', 'source_key', 'source_hash', 'source_modified', 'identifier', 'content'])
            .where('source', '=', source as ImportedEntry['source']).where('source_key', 'in', part).execute()
          for (const r of rows) existing.set(`${r.source}\u0000${r.source_key}`, r as Existing)
        }
      }

      const inserts: Array<{ entry: PreparedEntry; hashes: string }> = []
      const updates: Array<{ revision: boolean; id: string; identifier: string; entry: PreparedEntry; content: AdvisoryContent; hashes: string; modified: Date }> = []
      for (const { entry } of batch) {
        const held = existing.get(`${entry.source}\u0000${entry.sourceKey}`)
        const mark = entry.mark
        if (!held) {
          inserts.push({ entry, hashes: writeHashes(new Map([[hashKey(entry), mark]])) })
          continue
        }
        const hashes = readHashes(held.source_hash)
        const before = hashes.get(hashKey(entry))
        const heldModified = held.source_modified ? new Date(held.source_modified) : null
        if (before === mark) { this.summary.unchanged++; continue }
        const otherLanguageOnly = entry.lang !== 'both' && before === undefined
        if (!otherLanguageOnly && heldModified && entry.modifiedAt < heldModified) { this.summary.older++; continue }
        // Two different records of the same time (a detail and an overview; two forms of one entry): the
        // full one wins, then the larger digest, so the same files give the same result in any order, and again.
        const sameTime = heldModified !== null && entry.modifiedAt.getTime() === heldModified.getTime()
        if (sameTime && before !== undefined && mark < before) { this.summary.unchanged++; continue }
        hashes.set(hashKey(entry), mark)
        const heldContent = readContent(held.content)
        const incoming = readContent(JSON.parse(entry.contentJson))
        const merged = entry.lang === 'both' ? incoming : mergeLanguage(heldContent, incoming, entry.lang)
        updates.push({
          revision: !sameTime && !otherLanguageOnly,
          id: held.id, identifier: held.identifier ?? entry.identifier, entry, content: merged, hashes: writeHashes(hashes),
          modified: heldModified && heldModified > entry.modifiedAt ? heldModified : entry.modifiedAt,
        })
      }

      const accepted = await this.identify(trx, inserts.map((i) => i.entry))
      for (const part of chunk(inserts.filter((i) => accepted.has(i.entry)), 1000)) {
        await insertRows(trx, this.options.copyIn ?? null, part.map(({ entry, hashes }) => ({ id: newId(), identifier: accepted.get(entry)!, now, hashes, entry })))
        this.summary.added += part.length
      }

      for (const u of updates) {
        await trx.updateTable('advisories').set({
          content: JSON.stringify(u.content), ...importedSearchColumns(u.identifier, u.entry, u.content), updated_at: now,
          source_ids: jsonb(u.entry.sourceIds), source_modified: u.modified, source_hash: u.hashes,
        }).where('id', '=', u.id).execute()
      }
      for (const part of chunk(updates.filter((u) => u.revision), 500)) {
        await trx.insertInto('advisory_revisions').values(part.map((u) => {
          const label = SOURCE_LABEL[u.entry.source]!
          return {
            id: newId(), advisory_id: u.id, revised_at: u.entry.modifiedAt,
            note_ja: `${label.ja}の更新を取り込みました`, note_en: `Updated from ${label.en}`,
          }
        })).execute()
      }
      this.summary.updated += updates.length

      // keikai's own numbering must never give a JVN iPedia number that came from outside.
      const highest = new Map<number, number>()
      for (const { entry } of inserts) {
        const m = entry.jvndbId && accepted.has(entry) ? /^JVNDB-(\d{4})-(\d{6})$/.exec(entry.jvndbId) : null
        if (m) highest.set(Number(m[1]), Math.max(highest.get(Number(m[1])) ?? 0, Number(m[2])))
      }
      for (const [year, last] of highest) {
        await trx.insertInto('jvndb_sequences').values({ year, last_number: last })
          .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: sql<number>`greatest(jvndb_sequences.last_number, excluded.last_number)` }))
          .execute()
      }
    })
  }

  /**
   * The public identifier of each new entry: its own (JVNDB-…, CVE-…, the CSAF tracking id), or,
   * when another entry holds that already, the next of `alternatives` that is free — the same
   * data imported in the same order always gets the same identifiers. A JVN iPedia number that
   * one of keikai's own advisories holds is not imported (skipped): it is that advisory.
   */
  private async identify(trx: DB, entries: PreparedEntry[]): Promise<Map<PreparedEntry, string>> {
    const result = new Map<PreparedEntry, string>()
    if (entries.length === 0) return result
    const takenIds = new Set<string>()
    const takenJvndb = new Set<string>()
    for (const part of chunk(entries, 1000)) {
      const ids = part.map((e) => e.identifier)
      const jvndb = part.flatMap((e) => (e.jvndbId ? [e.jvndbId] : []))
      for (const r of await trx.selectFrom('advisories').select('identifier').where('identifier', 'in', ids).execute()) if (r.identifier) takenIds.add(r.identifier)
      if (jvndb.length) for (const r of await trx.selectFrom('advisories').select('jvndb_id').where('jvndb_id', 'in', jvndb).execute()) if (r.jvndb_id) takenJvndb.add(r.jvndb_id)
    }
    for (const e of entries) {
      if (e.jvndbId && takenJvndb.has(e.jvndbId)) {
        this.summary.skipped++
        this.reportBad('', { record: e.jvndbId, reason: `${e.jvndbId} is already one of keikai's own advisories` })
        continue
      }
      let identifier = e.identifier
      if (takenIds.has(identifier)) {
        identifier = ''
        for (const alt of alternatives(e)) {
          if (takenIds.has(alt)) continue
          const row = await trx.selectFrom('advisories').select('id').where('identifier', '=', alt).executeTakeFirst()
          if (!row) { identifier = alt; break }
          takenIds.add(alt)
        }
        if (!identifier) {
          this.summary.skipped++
          this.reportBad('', { record: e.sourceKey, reason: `identifier ${e.identifier} is held by other entries` })
          continue
        }
      }
      takenIds.add(identifier)
      if (e.jvndbId) takenJvndb.add(e.jvndbId)
      result.set(e, identifier)
    }
    return result
  }
}

import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import { presentAdvisory, toAdvisoryRecord, type PublicAdvisory } from '../advisories/index.js'
import './csaf.tables.js'

const COLUMNS = [
  'advisories.id', 'advisories.case_id', 'advisories.identifier', 'advisories.jvndb_id', 'advisories.status', 'advisories.publish_at',
  'advisories.published_at', 'advisories.content', 'advisories.created_at', 'advisories.updated_at', 'advisories.source', 'advisories.source_ids',
] as const

/** A public advisory as the provider renders it, with the internal id its signatures are filed under. */
export type CsafSource = { advisoryId: string; advisory: PublicAdvisory; updatedAt: Date }

/**
 * The advisories keikai publishes as CSAF documents: public ones (DESIGN §5: the one visibility
 * rule) that are keikai's own (`source = 'keikai'`). An imported entry (JVN iPedia, CVE, another
 * provider's CSAF) is another publisher's record: its CSAF document, if any, is on that
 * publisher's provider; keikai is a trusted provider, not an aggregator, and never re-issues it
 * under its own name.
 */
const providerAdvisories = (db: DB, now: Date) =>
  publicAdvisories(db, now).where('advisories.source', '=', 'keikai').where('advisories.identifier', 'is not', null)

/** The latest revision time of each advisory, joined as `r`. */
const revised = (db: DB) => db.selectFrom('advisory_revisions').select(['advisory_id', (eb) => eb.fn.max('revised_at').as('latest')]).groupBy('advisory_id').as('r')

/**
 * Every document the provider lists, from columns alone (no content rendered): its identifier
 * (the tracking id), the initial release (publication) and the current release (the latest
 * revision, else the publication) — oldest publication first, as index.txt lists them. With
 * `titles` also each title (the ROLIE feed's entries need it; reading it reads the content).
 */
export async function listCsafListing(db: DB, now: Date, opts: { titles?: boolean } = {}): Promise<Array<{ identifier: string; publishAt: Date; currentAt: Date; title: unknown }>> {
  const rows = await providerAdvisories(db, now).leftJoin(revised(db), 'r.advisory_id', 'advisories.id')
    .select(['advisories.identifier', 'advisories.publish_at', sql<Date>`coalesce(r.latest, advisories.publish_at)`.as('current_at'),
      opts.titles ? sql<unknown>`advisories.content->'title'`.as('title') : sql<unknown>`null::jsonb`.as('title')])
    .orderBy('advisories.publish_at').orderBy('advisories.identifier').execute()
  return rows.map((r) => ({ identifier: r.identifier!, publishAt: new Date(r.publish_at as Date), currentAt: new Date(r.current_at), title: r.title }))
}

/** A document's path below the white folder, in SQL: `<year of publication, UTC>/<csafFilename(identifier)>` (csaf-document.ts). */
const PATH = sql<string>`(extract(year from advisories.publish_at at time zone 'UTC')::int || '/' || regexp_replace(lower(advisories.identifier), '[^+a-z0-9-]+', '_', 'g') || '.json')`
/** An instant as `Date.toISOString` writes it. */
const iso = (t: ReturnType<typeof sql>) => sql<string>`to_char(${t} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/**
 * index.txt (§7.1.12) written by the database: every document's path, one a line, oldest
 * publication first — one text value, whatever the number of documents.
 */
export async function csafIndexText(db: DB, now: Date): Promise<string> {
  const row = await providerAdvisories(db, now)
    .select(sql<string>`coalesce(string_agg(${PATH} || E'\n', '' order by advisories.publish_at, advisories.identifier), '')`.as('text')).executeTakeFirst()
  return row?.text ?? ''
}

/** changes.csv (§7.1.13) written by the database: `"path","current_release_date"`, newest change first, then by path. */
export async function csafChangesText(db: DB, now: Date): Promise<string> {
  const current = sql`coalesce(r.latest, advisories.publish_at)`
  const row = await providerAdvisories(db, now).leftJoin(revised(db), 'r.advisory_id', 'advisories.id')
    .select(sql<string>`coalesce(string_agg('"' || ${PATH} || '","' || ${iso(current)} || '"' || E'\n', '' order by ${current} desc, ${PATH}), '')`.as('text'))
    .executeTakeFirst()
  return row?.text ?? ''
}

/** When the newest document version was released (provider-metadata's last_updated): one aggregate. */
export async function latestCsafRelease(db: DB, now: Date): Promise<Date | null> {
  const row = await providerAdvisories(db, now).leftJoin(revised(db), 'r.advisory_id', 'advisories.id')
    .select(sql<Date | null>`max(coalesce(r.latest, advisories.publish_at))`.as('latest')).executeTakeFirst()
  return row?.latest ? new Date(row.latest) : null
}

/** The developers named by the provider's documents (each once), for the ROLIE category document. */
export async function listCsafDevelopers(db: DB, now: Date): Promise<unknown[]> {
  const rows = await db.selectFrom(providerAdvisories(db, now).select(sql<unknown>`jsonb_array_elements(advisories.content->'affectedProducts')->'developer'`.as('developer')).as('p'))
    .select('p.developer').distinct().execute()
  return rows.map((r) => r.developer)
}

/**
 * Public advisories of keikai's own (providerAdvisories) with their revision history, oldest
 * publication first; one by identifier when given. Two queries, whatever the number.
 */
export async function listCsafSources(db: DB, now: Date, identifier?: string): Promise<CsafSource[]> {
  let q = providerAdvisories(db, now).select(COLUMNS)
  if (identifier !== undefined) q = q.where('advisories.identifier', '=', identifier)
  const records = (await q.orderBy('advisories.publish_at').orderBy('advisories.identifier').execute()).map(toAdvisoryRecord)
  if (records.length === 0) return []
  const revisions = await db.selectFrom('advisory_revisions').select(['id', 'advisory_id', 'revised_at', 'note_ja', 'note_en'])
    .where('advisory_id', 'in', records.map((r) => r.id)).orderBy('revised_at').orderBy('id').execute()
  return records.map((record) => ({
    advisoryId: record.id,
    updatedAt: record.updatedAt,
    advisory: presentAdvisory(record, revisions.filter((r) => r.advisory_id === record.id)
      .map((r) => ({ id: r.id, revisedAt: r.revised_at, note: { ja: r.note_ja, en: r.note_en } }))),
  }))
}

/** The stored signature of exactly these document bytes (by their SHA-256) with this key, if made before. */
export async function findSignature(db: DB, s: { advisoryId: string; documentSha256: string; keyFingerprint: string }): Promise<string | null> {
  const row = await db.selectFrom('csaf_signatures').select('signature')
    .where('advisory_id', '=', s.advisoryId).where('document_sha256', '=', s.documentSha256).where('key_fingerprint', '=', s.keyFingerprint)
    .executeTakeFirst()
  return row?.signature ?? null
}

/** Keeps a signature; when another process signed the same bytes first, its signature stays (read it back). */
export async function insertSignature(db: DB, s: { advisoryId: string; documentSha256: string; keyFingerprint: string; signature: string; now: Date }) {
  await db.insertInto('csaf_signatures').values({
    advisory_id: s.advisoryId, document_sha256: s.documentSha256, key_fingerprint: s.keyFingerprint, signature: s.signature, created_at: s.now,
  }).onConflict((oc) => oc.columns(['advisory_id', 'document_sha256', 'key_fingerprint']).doNothing()).execute()
}

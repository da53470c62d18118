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

/**
 * Every document the provider lists, from columns alone (no content rendered): its identifier
 * (the tracking id), the initial release (publication) and the current release (the latest
 * revision, else the publication), the title in both languages — oldest publication first, as
 * index.txt lists them.
 */
export async function listCsafListing(db: DB, now: Date): Promise<Array<{ identifier: string; publishAt: Date; currentAt: Date; title: unknown }>> {
  const rows = await providerAdvisories(db, now)
    .leftJoin(db.selectFrom('advisory_revisions').select(['advisory_id', (eb) => eb.fn.max('revised_at').as('latest')]).groupBy('advisory_id').as('r'), 'r.advisory_id', 'advisories.id')
    .select(['advisories.identifier', 'advisories.publish_at', sql<Date>`coalesce(r.latest, advisories.publish_at)`.as('current_at'), sql<unknown>`advisories.content->'title'`.as('title')])
    .orderBy('advisories.publish_at').orderBy('advisories.identifier').execute()
  return rows.map((r) => ({ identifier: r.identifier!, publishAt: new Date(r.publish_at as Date), currentAt: new Date(r.current_at), title: r.title }))
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

import type { DB } from '../platform/db/database.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import { presentAdvisory, toAdvisoryRecord, type PublicAdvisory } from '../advisories/index.js'
import './csaf.tables.js'

const COLUMNS = [
  'advisories.id', 'advisories.case_id', 'advisories.identifier', 'advisories.jvndb_id', 'advisories.status', 'advisories.publish_at',
  'advisories.published_at', 'advisories.content', 'advisories.created_at', 'advisories.updated_at', 'advisories.source', 'advisories.source_ids',
] as const

/** A public advisory as the provider renders it, with the internal id its signatures are filed under. */
export type CsafSource = { advisoryId: string; advisory: PublicAdvisory }

/**
 * Every advisory the public may see at `now` (DESIGN §5: the one visibility rule), with its
 * revision history, oldest publication first. Two queries, whatever the number of advisories.
 */
export async function listCsafSources(db: DB, now: Date, identifier?: string): Promise<CsafSource[]> {
  let q = publicAdvisories(db, now).select(COLUMNS).where('advisories.identifier', 'is not', null)
  if (identifier !== undefined) q = q.where('advisories.identifier', '=', identifier)
  const records = (await q.orderBy('advisories.publish_at').orderBy('advisories.identifier').execute()).map(toAdvisoryRecord)
  if (records.length === 0) return []
  const revisions = await db.selectFrom('advisory_revisions').select(['id', 'advisory_id', 'revised_at', 'note_ja', 'note_en'])
    .where('advisory_id', 'in', records.map((r) => r.id)).orderBy('revised_at').orderBy('id').execute()
  return records.map((record) => ({
    advisoryId: record.id,
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

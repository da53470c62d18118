import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import type { CvssSeverity } from './cvss.js'
import { normalizeForSearch } from './advisory-content.js'
import { isJvndbId } from './identifiers.js'
import { listRevisions, toAdvisoryRecord, type AdvisoryRecord, type AdvisoryRevision } from './advisories.repository.js'


const COLUMNS = [
  'advisories.id', 'advisories.case_id', 'advisories.identifier', 'advisories.jvndb_id', 'advisories.status', 'advisories.publish_at',
  'advisories.published_at', 'advisories.content', 'advisories.created_at', 'advisories.updated_at', 'advisories.source', 'advisories.source_ids',
] as const

export type PublicFilters = { q?: string; cwe?: string; severity?: CvssSeverity; limit: number; offset: number }

/** `%`, `_` and `\` typed by a reader are literal characters, not LIKE wildcards. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`)

/** Public advisories, newest publication first, with search and filters. Fetches one extra row to tell whether a next page exists. */
export async function listPublicAdvisories(db: DB, now: Date, f: PublicFilters): Promise<{ items: AdvisoryRecord[]; hasMore: boolean }> {
  let q = publicAdvisories(db, now).select(COLUMNS)
  // Each word must occur somewhere (AND). search_text is NFKC-normalised and lower-cased when
  // written, and the query is normalised the same way, so a plain LIKE compares like with like.
  const terms = normalizeForSearch(f.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8)
  for (const term of terms) {
    const pattern = `%${escapeLike(term)}%`
    // From 3 characters the pg_trgm GIN index answers; shorter terms have no trigram to look up,
    // so they deliberately bypass the index (the expression hides the column) and scan the
    // public rows newest first instead.
    q = term.length >= 3
      ? q.where(sql<boolean>`advisories.search_text ilike ${pattern}`)
      : q.where(sql<boolean>`(advisories.search_text || '') ilike ${pattern}`)
  }
  if (f.cwe) q = q.where(sql<boolean>`advisories.content->'vulnerabilities' @> ${JSON.stringify([{ cweId: f.cwe }])}::jsonb`)
  if (f.severity) q = q.where(sql<boolean>`advisories.content->>'severity' = ${f.severity}`)
  const rows = await q.orderBy('advisories.publish_at', 'desc').orderBy('advisories.identifier', 'desc')
    .limit(f.limit + 1).offset(f.offset).execute()
  return { items: rows.slice(0, f.limit).map(toAdvisoryRecord), hasMore: rows.length > f.limit }
}

/** One public advisory by its identifier (`JVN#12345678`) or its JVN iPedia number (`JVNDB-2026-000001`), with its revision history; null if not public. */
export async function findPublicAdvisory(db: DB, now: Date, identifier: string): Promise<{ advisory: AdvisoryRecord; revisions: AdvisoryRevision[] } | null> {
  const row = await publicAdvisories(db, now).select(COLUMNS)
    .where(isJvndbId(identifier) ? 'advisories.jvndb_id' : 'advisories.identifier', '=', identifier).executeTakeFirst()
  if (!row) return null
  const advisory = toAdvisoryRecord(row)
  return { advisory, revisions: await listRevisions(db, advisory.id) }
}

/** Whether the public can already see this advisory: editing it then needs a revision. */
export async function isPubliclyVisible(db: DB, now: Date, advisoryId: string): Promise<boolean> {
  return Boolean(await publicAdvisories(db, now).select('advisories.id').where('advisories.id', '=', advisoryId).executeTakeFirst())
}

/** The latest revision time of each advisory: the feed's modified dates, in one query. */
export async function latestRevisionTimes(db: DB, advisoryIds: string[]): Promise<Map<string, Date>> {
  if (advisoryIds.length === 0) return new Map()
  const rows = await db.selectFrom('advisory_revisions').select(['advisory_id', (eb) => eb.fn.max('revised_at').as('latest')])
    .where('advisory_id', 'in', advisoryIds).groupBy('advisory_id').execute()
  return new Map(rows.map((r) => [r.advisory_id, new Date(r.latest as Date)]))
}

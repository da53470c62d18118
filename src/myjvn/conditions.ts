import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { normalizeForSearch } from '../advisories/index.js'
import { loadJvndbCatalog, type JvndbEntry } from './catalog.b.js'
import { MODIFIED, needsRevisions, type EntryCondition } from './entries.js'

/**
 * The MyJVN filters as SQL conditions on `advisories` (entries.ts runs them), so that a request
 * reads only its page. What depends on keikai's vendor and product numbers (vendorId, productId,
 * cpeName, nameType/productName) is answered by the catalogue (catalog.b.ts, kept between
 * publications) as the set of JVNDB numbers it admits.
 */

/** `%`, `_` and `\` in a keyword are literal characters, not LIKE wildcards. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`)

/**
 * `keyword`: the portal's search (public-advisories.repository.ts, listPublicAdvisories) — each
 * word, NFKC-normalised and lower-cased, must occur in the advisory's search text (identifiers,
 * JVNDB number, titles, overviews, developers, products, CVE IDs). The same conditions as the
 * portal writes them, so the trigram index answers words of three characters or more.
 */
export function keywordCondition(keyword: string): EntryCondition | null {
  const terms = normalizeForSearch(keyword).split(/\s+/).filter(Boolean).slice(0, 8)
  if (terms.length === 0) return null
  const each = terms.map((term) => {
    const pattern = `%${escapeLike(term)}%`
    return term.length >= 3 ? sql`advisories.search_text ilike ${pattern}` : sql`(advisories.search_text || '') ilike ${pattern}`
  })
  return sql<boolean>`(${sql.join(each, sql` and `)})`
}

/** Some vulnerability's JSON contains this (jsonb containment: `{ cvss31: { severity: 'high' } }`, `{ cweId: 'CWE-79' }`). */
export const someVulnerability = (part: object): EntryCondition =>
  sql<boolean>`advisories.content->'vulnerabilities' @> ${JSON.stringify([part])}::jsonb`

/** Some vulnerability's CVSS 3.x base vector has these eight base metrics (`AV:N/AC:L/…/A:H`), whatever its `CVSS:3.x/` prefix. */
export const cvss3BaseIs = (base: string): EntryCondition => sql<boolean>`exists (
  select 1 from jsonb_array_elements(advisories.content->'vulnerabilities') v
  where jsonb_typeof(v->'cvss31') = 'object'
    and array_to_string((string_to_array(regexp_replace(v->'cvss31'->>'vector', '^CVSS:3\\.[01]/', ''), '/'))[1:8], '/') = ${base})`

/** Some vulnerability's CVSS 4.0 vector has every one of these metrics (`AV:N`, `AC:L`, …). */
export const cvss4Has = (metrics: readonly string[]): EntryCondition => sql<boolean>`exists (
  select 1 from jsonb_array_elements(advisories.content->'vulnerabilities') v
  where jsonb_typeof(v->'cvss40') = 'object'
    and string_to_array(v->'cvss40'->>'vector', '/') @> string_to_array(${metrics.join('/')}, '/'))`

export const FALSE: EntryCondition = sql<boolean>`false`

/** The publication time (公表日, 登録日) or the last update (MODIFIED) within [from, to). */
export function within(column: 'published' | 'modified', range: { from?: Date | undefined; to?: Date | undefined }): EntryCondition[] {
  const expr = column === 'published' ? sql`advisories.publish_at` : MODIFIED
  const mark = column === 'modified' ? needsRevisions : <T>(c: T) => c
  const out: EntryCondition[] = []
  if (range.from) out.push(mark(sql<boolean>`${expr} >= ${range.from}`))
  if (range.to) out.push(mark(sql<boolean>`${expr} < ${range.to}`))
  return out
}

/** The entries whose vendor/product rows the predicate admits, by JVNDB number (one array parameter, whatever its size). */
export async function byCatalog(db: DB, now: Date, admits: (p: JvndbEntry['products'][number]) => boolean): Promise<EntryCondition> {
  const catalog = await loadJvndbCatalog(db, now)
  const ids = catalog.entries.filter((e) => e.products.some(admits)).map((e) => e.jvndbId)
  if (ids.length === 0) return FALSE
  return sql<boolean>`advisories.jvndb_id = any(string_to_array(${ids.join(',')}, ','))`
}

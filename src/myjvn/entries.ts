import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import { identifierSlug, listRevisions, readContent, type AdvisoryContent, type Localized } from '../advisories/index.js'
import { loadJvndbCatalog, type CatalogProduct } from './catalog.b.js'

/**
 * One JVN iPedia entry as getVulnOverviewList and getVulnDetailInfo read it: a public advisory
 * (publicAdvisories — nothing else) that has its JVNDB number — keikai's own once published, an
 * imported JVN iPedia entry with its original number; an imported entry without one (a CVE-only
 * record) is no JVNDB entry. Its JVNDB number identifies it; its JVN# identifier is a related
 * advisory, as on the real JVN iPedia. Dates: first published (登録日) and public (公表日) are the
 * publication time, last updated (最終更新日) the latest revision.
 */
export type JvndbAdvisory = {
  id: string
  jvndbId: string
  identifier: string | null
  /** The advisory's public page. */
  url: string
  content: AdvisoryContent
  publishedAt: Date
  modifiedAt: Date
  /** Vendor and product numbers (getVendorList / getProductList) of each affected-product row, in order. */
  products: Array<{ vid: number; product: CatalogProduct }>
}

export type Revision = { revisedAt: Date; note: Localized }

/** A condition on the entries, in SQL: it may read `advisories.*` and `MODIFIED`. */
export type EntryCondition = Expression<SqlBool>

/** 最終更新日: the latest revision, or the publication when none is later. */
export const MODIFIED: RawBuilder<Date> = sql<Date>`greatest(advisories.publish_at, coalesce(r.latest, advisories.publish_at))`

/** The latest revision time of each advisory, joined as `r`. */
const revisedAt = (db: DB) => db.selectFrom('advisory_revisions').select(['advisory_id', (eb) => eb.fn.max('revised_at').as('latest')]).groupBy('advisory_id').as('r')

/** Public advisories with a JVNDB number, with their last-updated time, under the given conditions. */
function numbered(db: DB, now: Date, where: readonly EntryCondition[]) {
  let q = publicAdvisories(db, now).leftJoin(revisedAt(db), 'r.advisory_id', 'advisories.id').where('advisories.jvndb_id', 'is not', null)
  for (const w of where) q = q.where(w)
  return q
}

type Row = { id: string; identifier: string | null; jvndb_id: string | null; publish_at: unknown; content: unknown; modified: unknown }

async function present(db: DB, now: Date, baseUrl: string, rows: Row[]): Promise<JvndbAdvisory[]> {
  const productsOf = rows.length ? (await loadJvndbCatalog(db, now)).productsOf : new Map<string, JvndbAdvisory['products']>()
  return rows.map((r) => ({
    id: r.id,
    jvndbId: r.jvndb_id!,
    identifier: r.identifier,
    url: r.identifier ? `${baseUrl}/advisories/${identifierSlug(r.identifier)}` : `${baseUrl}/advisories`,
    content: readContent(r.content),
    publishedAt: new Date(r.publish_at as Date),
    modifiedAt: new Date(r.modified as Date),
    products: productsOf.get(r.jvndb_id!) ?? [],
  }))
}

const COLUMNS = ['advisories.id', 'advisories.identifier', 'advisories.jvndb_id', 'advisories.publish_at', 'advisories.content'] as const

/**
 * One page of the entries the conditions admit, newest change first (last updated, then number),
 * read by SQL: only the page's rows are read, and one aggregate gives the exact count and the
 * newest change of all that match.
 */
export async function pageJvndbAdvisories(db: DB, now: Date, baseUrl: string, where: readonly EntryCondition[], page: { offset: number; limit: number }): Promise<{ total: number; latest: Date | null; items: JvndbAdvisory[] }> {
  const [rows, summary] = await Promise.all([
    numbered(db, now, where).select([...COLUMNS, MODIFIED.as('modified')])
      .orderBy(MODIFIED, 'desc').orderBy('advisories.jvndb_id', 'desc').limit(page.limit).offset(page.offset).execute(),
    numbered(db, now, where).select([sql<string>`count(*)::text`.as('total'), sql<Date | null>`max(${MODIFIED})`.as('latest')]).executeTakeFirstOrThrow(),
  ])
  return { total: Number(summary.total), latest: summary.latest ? new Date(summary.latest) : null, items: await present(db, now, baseUrl, rows) }
}

/** The public entries with these JVNDB numbers (absent ones are simply missing). */
export async function jvndbAdvisoriesById(db: DB, now: Date, baseUrl: string, jvndbIds: readonly string[]): Promise<JvndbAdvisory[]> {
  if (jvndbIds.length === 0) return []
  const rows = await numbered(db, now, []).where('advisories.jvndb_id', 'in', jvndbIds).select([...COLUMNS, MODIFIED.as('modified')]).execute()
  return present(db, now, baseUrl, rows)
}

/** The revision notes of one advisory, oldest first. */
export async function revisionsOf(db: DB, advisoryId: string): Promise<Revision[]> {
  return (await listRevisions(db, advisoryId)).map((r) => ({ revisedAt: r.revisedAt, note: r.note }))
}

export const cveIdsOf = (c: AdvisoryContent) => c.vulnerabilities.flatMap((v) => (v.cveId ? [v.cveId] : []))
export const cweIdsOf = (c: AdvisoryContent) => [...new Set(c.vulnerabilities.flatMap((v) => (v.cweId ? [v.cweId] : [])))]

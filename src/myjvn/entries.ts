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

/** Conditions that read `r` (MODIFIED): a query holding one joins the revisions; others need not. */
const readingRevisions = new WeakSet<object>()
export const needsRevisions = <T extends EntryCondition>(condition: T): T => {
  readingRevisions.add(condition)
  return condition
}

/** Public advisories with a JVNDB number under the given conditions, joined with their latest revision (`r`) when asked or needed. */
function numbered(db: DB, now: Date, where: readonly EntryCondition[], joinRevisions = false) {
  let q = publicAdvisories(db, now).where('advisories.jvndb_id', 'is not', null)
  if (joinRevisions || where.some((w) => readingRevisions.has(w))) q = q.leftJoin(revisedAt(db), 'r.advisory_id', 'advisories.id')
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
 * The ids of the first `k` entries in the order newest change first (last updated, then number),
 * without sorting every entry by its last update: each of them is among the first `k` by
 * publication time or among the first `k` by latest revision (an entry's last update is one of the
 * two, and whatever precedes it in either order precedes it in this one too), and both of those are
 * short walks — the publication-time index, and the (few) revised entries.
 */
function firstByModified(db: DB, now: Date, where: readonly EntryCondition[], k: number) {
  const byPublication = numbered(db, now, where).select('advisories.id')
    .orderBy('advisories.publish_at', 'desc').orderBy('advisories.jvndb_id', 'desc').limit(k)
  const byRevision = numbered(db, now, where, true).where(sql<boolean>`r.latest is not null`).select('advisories.id')
    .orderBy(sql`r.latest`, 'desc').orderBy('advisories.jvndb_id', 'desc').limit(k)
  return sql<boolean>`advisories.id in (select id from (${byPublication}) p union select id from (${byRevision}) q)`
}

/** Beyond this many entries a page is found by sorting every match (a deep page's candidates would be as many). */
const CANDIDATES_MAX = 5000

/**
 * One page of the entries the conditions admit, newest change first (last updated, then number),
 * read by SQL: for the first CANDIDATES_MAX entries only the page's candidates are read
 * (firstByModified), deeper pages sort the matches in SQL; one count gives the exact number of
 * all that match (without the revisions unless a condition reads them).
 */
export async function pageJvndbAdvisories(db: DB, now: Date, baseUrl: string, where: readonly EntryCondition[], page: { offset: number; limit: number }): Promise<{ total: number; latest: Date | null; items: JvndbAdvisory[] }> {
  const ordered = (k: number) => (k <= CANDIDATES_MAX ? numbered(db, now, [firstByModified(db, now, where, k)], true) : numbered(db, now, where, true))
    .select([...COLUMNS, MODIFIED.as('modified')]).orderBy(MODIFIED, 'desc').orderBy('advisories.jvndb_id', 'desc')
  const [rows, count, newest] = await Promise.all([
    ordered(page.offset + page.limit).limit(page.limit).offset(page.offset).execute(),
    numbered(db, now, where).select(sql<string>`count(*)::text`.as('total')).executeTakeFirstOrThrow(),
    page.offset === 0 ? null : ordered(1).limit(1).executeTakeFirst(),
  ])
  const latest = page.offset === 0 ? rows[0]?.modified : newest?.modified
  return { total: Number(count.total), latest: latest ? new Date(latest as Date) : null, items: await present(db, now, baseUrl, rows) }
}

/** The public entries with these JVNDB numbers (absent ones are simply missing). */
export async function jvndbAdvisoriesById(db: DB, now: Date, baseUrl: string, jvndbIds: readonly string[]): Promise<JvndbAdvisory[]> {
  if (jvndbIds.length === 0) return []
  const rows = await numbered(db, now, [], true).where('advisories.jvndb_id', 'in', jvndbIds).select([...COLUMNS, MODIFIED.as('modified')]).execute()
  return present(db, now, baseUrl, rows)
}

/** The revision notes of one advisory, oldest first. */
export async function revisionsOf(db: DB, advisoryId: string): Promise<Revision[]> {
  return (await listRevisions(db, advisoryId)).map((r) => ({ revisedAt: r.revisedAt, note: r.note }))
}

export const cveIdsOf = (c: AdvisoryContent) => c.vulnerabilities.flatMap((v) => (v.cveId ? [v.cveId] : []))
export const cweIdsOf = (c: AdvisoryContent) => [...new Set(c.vulnerabilities.flatMap((v) => (v.cweId ? [v.cweId] : [])))]

import type { DB } from '../platform/db/database.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import { identifierSlug, latestRevisionTimes, listRevisions, readContent, type AdvisoryContent, type Localized } from '../advisories/index.js'
import { loadJvndbCatalog, type CatalogProduct } from './catalog.b.js'

/**
 * One JVN iPedia entry as getVulnOverviewList and getVulnDetailInfo read it: a public advisory
 * (publicAdvisories — nothing else) that has its JVNDB number. Its JVNDB number identifies it; its
 * JVN# identifier is a related advisory, as on the real JVN iPedia. Dates: first published
 * (登録日) and public (公表日) are the publication time, last updated (最終更新日) the latest revision.
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

/** Every public advisory with a JVNDB number, newest change first (last updated, then number). */
export async function loadJvndbAdvisories(db: DB, now: Date, baseUrl: string): Promise<JvndbAdvisory[]> {
  const rows = await publicAdvisories(db, now)
    .select(['advisories.id', 'advisories.identifier', 'advisories.jvndb_id', 'advisories.publish_at', 'advisories.content'])
    .where('advisories.jvndb_id', 'is not', null)
    .execute()
  const [revised, catalog] = await Promise.all([latestRevisionTimes(db, rows.map((r) => r.id)), loadJvndbCatalog(db, now)])
  const productsOf = new Map(catalog.entries.map((e) => [e.jvndbId, e.products]))
  const list = rows.map((r): JvndbAdvisory => {
    const publishedAt = new Date(r.publish_at as Date)
    const lastRevision = revised.get(r.id)
    return {
      id: r.id,
      jvndbId: r.jvndb_id!,
      identifier: r.identifier,
      url: r.identifier ? `${baseUrl}/advisories/${identifierSlug(r.identifier)}` : `${baseUrl}/advisories`,
      content: readContent(r.content),
      publishedAt,
      modifiedAt: lastRevision && lastRevision > publishedAt ? lastRevision : publishedAt,
      products: productsOf.get(r.jvndb_id!) ?? [],
    }
  })
  return list.sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || (a.jvndbId < b.jvndbId ? 1 : a.jvndbId > b.jvndbId ? -1 : 0))
}

/** The revision notes of one advisory, oldest first. */
export async function revisionsOf(db: DB, advisoryId: string): Promise<Revision[]> {
  return (await listRevisions(db, advisoryId)).map((r) => ({ revisedAt: r.revisedAt, note: r.note }))
}

export const cveIdsOf = (c: AdvisoryContent) => c.vulnerabilities.flatMap((v) => (v.cveId ? [v.cveId] : []))
export const cweIdsOf = (c: AdvisoryContent) => [...new Set(c.vulnerabilities.flatMap((v) => (v.cweId ? [v.cweId] : [])))]

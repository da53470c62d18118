import { createHash } from 'node:crypto'
import type { DB } from '../platform/db/database.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import { sql } from 'kysely'
import { readContent, type AdvisoryContent, type Localized } from '../advisories/index.js'
import { cpeFields, fieldFromName, type CpeFields } from './cpe.b.js'

/**
 * The JVNDB side of keikai as getVendorList, getProductList and getStatistics read it: every
 * public advisory that has its JVNDB number (publicAdvisories — nothing else — and `jvndb_id is
 * not null`, the same set getVulnOverviewList, getVulnDetailInfo and the JVNDB feeds list; the
 * publication worker gives the number within a tick of the publication time) as one JVNDB entry,
 * and the developers and products their affected-products tables name, as MyJVN vendors and products.
 *
 * Vendor and product numbers (vid, pid) must be integers (results_3.3.xsd, jvnpid_1.0.json) and
 * must not change between calls. keikai's own ids are UUIDs and nothing numbers developers, so a
 * number is a digest of a stable key: vid 12 digits, pid 14 digits (both exact in JSON). The key
 * is the product catalogue's where the advisory's row is one of its case's catalogue products
 * (same CPE, or same developer and product name) — `org:<organisation id>`, `product:<product id>`
 * — so a renamed developer or product keeps its number; otherwise the NFKC-lower-cased Japanese
 * names. A developer named in one advisory through the catalogue and in another only by name is
 * one vendor (the name is looked up in the catalogue's keys first). Numbers do not depend on which
 * or how many advisories are public, so publishing more never renumbers anything.
 */
export type CatalogProduct = {
  pid: number
  name: Localized
  cpe: CpeFields
  /** True when the CPE came from an advisory, false when made up from the name (no CPE given). */
  hasCpe: boolean
  purls: string[]
}
export type CatalogVendor = { vid: number; name: Localized; cpeVendor: string; products: CatalogProduct[] }

export type JvndbEntry = {
  jvndbId: string
  publishAt: Date
  affectedProducts: AdvisoryContent['affectedProducts']
  /** The vendor and product of each affected-product row, in the row's order. */
  products: Array<{ vid: number; product: CatalogProduct }>
}

export type JvndbCatalog = {
  entries: JvndbEntry[]
  vendors: CatalogVendor[]
  lastModified: Date | null
  /** The vendor and product of each affected-product row of an entry, by JVNDB number. */
  productsOf: Map<string, JvndbEntry['products']>
}

const normalizeName = (s: string) => s.normalize('NFKC').trim().toLowerCase()
const digest = (key: string, digits: number) => {
  const n = BigInt(`0x${createHash('sha256').update(key).digest('hex').slice(0, 16)}`)
  const floor = 10n ** BigInt(digits - 1)
  return Number(floor + (n % (9n * floor)))
}
export const vidOf = (vendorKey: string) => digest(`vendor:${vendorKey}`, 12)
export const pidOf = (productKey: string) => digest(`product:${productKey}`, 14)

type RawProduct = { package?: { purl?: unknown } | null }

/** Public advisories that have their JVNDB number: the entries of the JVNDB database. */
const numberedAdvisories = (db: DB, now: Date) => publicAdvisories(db, now).where('advisories.jvndb_id', 'is not', null)

/**
 * The catalogue as the public sees it at `now`, built once and kept while it stays true: until
 * anything public changes (`public_changes.generation`, bumped by every write to advisories and
 * their revisions) or the clock reaches the next scheduled publication (or goes back before the
 * newest publication the catalogue holds). Building it reads the affected-products of every public
 * JVNDB entry (vendor and product numbers depend on all of them: a vendor's CPE field comes from
 * the first entry that gives one), so at 200,000 entries it is built once per publication, not
 * once per request. Per database: a test's app and another's never share one.
 */
export async function loadJvndbCatalog(db: DB, now: Date): Promise<JvndbCatalog> {
  const generation = await publicGeneration(db)
  const kept = memo.get(db)
  if (kept && kept.generation === generation && kept.newestPublic <= now.getTime() && now.getTime() < kept.nextPublication) return kept.catalog
  const building = buildJvndbCatalog(db, now)
  const [catalog, next] = await Promise.all([building, nextPublication(db, now)])
  const newestPublic = catalog.entries.reduce((max, e) => Math.max(max, e.publishAt.getTime()), -Infinity)
  memo.set(db, { generation, newestPublic, nextPublication: next, catalog })
  return catalog
}

type Kept = { generation: string | null; newestPublic: number; nextPublication: number; catalog: JvndbCatalog }
const memo = new WeakMap<DB, Kept>()

async function publicGeneration(db: DB): Promise<string | null> {
  const row = await db.selectFrom('public_changes').select(sql<string>`generation::text`.as('g')).executeTakeFirst()
  return row?.g ?? null
}

/** The next time an advisory already scheduled becomes public (Infinity when none waits). */
async function nextPublication(db: DB, now: Date): Promise<number> {
  const row = await db.selectFrom('advisories').select((eb) => eb.fn.min('publish_at').as('next'))
    .where('status', 'in', ['scheduled', 'published']).where('publish_at', '>', now).executeTakeFirst()
  return row?.next ? new Date(row.next as Date).getTime() : Infinity
}

async function buildJvndbCatalog(db: DB, now: Date): Promise<JvndbCatalog> {
  const rows = await numberedAdvisories(db, now)
    .select(['advisories.id', 'advisories.jvndb_id', 'advisories.publish_at', sql<unknown>`advisories.content->'affectedProducts'`.as('products')])
    .orderBy('advisories.publish_at').orderBy('advisories.id').execute()
  const catalogue = await db.selectFrom('case_products')
    .innerJoin('products', 'products.id', 'case_products.product_id')
    .leftJoin('organizations', 'organizations.id', 'products.organization_id')
    .innerJoin('advisories', 'advisories.case_id', 'case_products.case_id')
    .where('advisories.id', 'in', numberedAdvisories(db, now).select('advisories.id'))
    .select(['advisories.id as advisory_id', 'products.id', 'products.organization_id', 'products.name_ja', 'products.cpe', 'organizations.name_ja as org_name_ja'])
    .execute()
  const revised = rows.length
    ? await db.selectFrom('advisory_revisions').select((eb) => eb.fn.max('revised_at').as('latest'))
      .where('advisory_id', 'in', numberedAdvisories(db, now).select('advisories.id')).executeTakeFirst()
    : undefined

  // The same CPEs and names recur across entries: parse and normalise each once per build.
  const once = <T>(f: (s: string) => T) => {
    const seen = new Map<string, T>()
    return (s: string): T => {
      let v = seen.get(s)
      if (v === undefined && !seen.has(s)) seen.set(s, (v = f(s)))
      return v as T
    }
  }
  const cpeOnce = once((s) => cpeFields(s))
  const cpeFieldsOf = (s: string | null | undefined) => (s ? cpeOnce(s) : null)
  const norm = once(normalizeName)
  const catalogueOf = new Map<string, typeof catalogue>()
  for (const c of catalogue) catalogueOf.set(c.advisory_id, [...(catalogueOf.get(c.advisory_id) ?? []), c])
  // First pass: which catalogue key each developer name stands for.
  const orgOfName = new Map<string, string>()
  for (const c of catalogue) if (c.organization_id && c.org_name_ja) orgOfName.set(norm(c.org_name_ja), c.organization_id)

  const vendors = new Map<string, CatalogVendor & { products: CatalogProduct[]; byKey: Map<string, CatalogProduct> }>()
  const entries: JvndbEntry[] = []
  for (const row of rows) {
    const content = readContent({ affectedProducts: row.products ?? [] })
    const raw = (Array.isArray(row.products) ? row.products : []) as RawProduct[]
    const ofCase = catalogueOf.get(row.id) ?? []
    const products: JvndbEntry['products'] = []
    content.affectedProducts.forEach((p, i) => {
      const given = cpeFieldsOf(p.cpe)
      const match = ofCase.find((c) => (given && cpeFieldsOf(c.cpe) && sameProduct(cpeFieldsOf(c.cpe)!, given))
        || (norm(c.name_ja) === norm(p.product.ja) && (!c.org_name_ja || norm(c.org_name_ja) === norm(p.developer.ja))))
      const orgId = match?.organization_id ?? orgOfName.get(norm(p.developer.ja))
      const vendorKey = orgId ? `org:${orgId}` : `name:${norm(p.developer.ja)}`
      const productKey = match ? `product:${match.id}` : `name:${vendorKey}\u0000${norm(p.product.ja)}`
      let vendor = vendors.get(vendorKey)
      if (!vendor) {
        vendor = { vid: vidOf(vendorKey), name: p.developer, cpeVendor: given?.vendor ?? fieldFromName(p.developer.en), products: [], byKey: new Map() }
        vendors.set(vendorKey, vendor)
      } else if (given && !vendor.products.some((x) => x.hasCpe)) vendor.cpeVendor = given.vendor
      let product = vendor.byKey.get(productKey)
      const cpe = given ?? { part: '', vendor: vendor.cpeVendor, product: fieldFromName(p.product.en) }
      if (!product) {
        product = { pid: pidOf(productKey), name: p.product, cpe, hasCpe: Boolean(given), purls: [] }
        vendor.byKey.set(productKey, product)
        vendor.products.push(product)
      } else if (given && !product.hasCpe) Object.assign(product, { cpe: given, hasCpe: true })
      const purl = raw[i]?.package?.purl
      if (typeof purl === 'string' && purl && !product.purls.includes(purl)) product.purls.push(purl)
      products.push({ vid: vendor.vid, product })
    })
    entries.push({ jvndbId: row.jvndb_id!, publishAt: new Date(row.publish_at as Date), affectedProducts: content.affectedProducts, products })
  }
  // A vendor without any CPE of its own keeps the name-made field for its made-up product CPEs too.
  for (const v of vendors.values()) for (const p of v.products) if (!p.hasCpe) p.cpe = { ...p.cpe, vendor: v.cpeVendor }
  const byName = (a: { name: Localized }, b: { name: Localized }) => (a.name.ja < b.name.ja ? -1 : a.name.ja > b.name.ja ? 1 : 0)
  const sorted = [...vendors.values()].sort((a, b) => byName(a, b) || a.vid - b.vid)
    .map(({ byKey: _unused, ...v }) => ({ ...v, products: [...v.products].sort((a, b) => byName(a, b) || a.pid - b.pid) }))
  const published = entries.reduce<Date | null>((max, e) => (!max || e.publishAt > max ? e.publishAt : max), null)
  const latestRevision = revised?.latest ? new Date(revised.latest as Date) : null
  const lastModified = latestRevision && published && latestRevision > published ? latestRevision : published
  return { entries, vendors: sorted, lastModified, productsOf: new Map(entries.map((e) => [e.jvndbId, e.products])) }
}

const sameProduct = (a: CpeFields, b: CpeFields) => a.vendor === b.vendor && a.product === b.product

/** How many vendors and products the catalog names: resDataTotal / dataTotal. */
export const catalogTotals = (c: JvndbCatalog) => ({
  vulinfo: c.entries.length, vendor: c.vendors.length, product: c.vendors.reduce((n, v) => n + v.products.length, 0),
})

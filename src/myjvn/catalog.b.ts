import { createHash } from 'node:crypto'
import type { DB } from '../platform/db/database.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
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
  content: AdvisoryContent
  /** The vendor and product of each affected-product row, in the row's order. */
  products: Array<{ vid: number; product: CatalogProduct }>
}

export type JvndbCatalog = { entries: JvndbEntry[]; vendors: CatalogVendor[]; lastModified: Date | null }

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase()
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

/** Loads the public JVNDB entries and the vendors and products they name. */
export async function loadJvndbCatalog(db: DB, now: Date): Promise<JvndbCatalog> {
  const rows = await numberedAdvisories(db, now)
    .select(['advisories.id', 'advisories.jvndb_id', 'advisories.publish_at', 'advisories.content'])
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

  // First pass: which catalogue key each developer name stands for.
  const orgOfName = new Map<string, string>()
  for (const c of catalogue) if (c.organization_id && c.org_name_ja) orgOfName.set(norm(c.org_name_ja), c.organization_id)

  const vendors = new Map<string, CatalogVendor & { products: CatalogProduct[]; byKey: Map<string, CatalogProduct> }>()
  const entries: JvndbEntry[] = []
  for (const row of rows) {
    const content = readContent(row.content)
    const raw = ((row.content as { affectedProducts?: RawProduct[] } | null)?.affectedProducts ?? [])
    const ofCase = catalogue.filter((c) => c.advisory_id === row.id)
    const products: JvndbEntry['products'] = []
    content.affectedProducts.forEach((p, i) => {
      const given = cpeFields(p.cpe)
      const match = ofCase.find((c) => (given && cpeFields(c.cpe) && sameProduct(cpeFields(c.cpe)!, given))
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
    entries.push({ jvndbId: row.jvndb_id!, publishAt: new Date(row.publish_at as Date), content, products })
  }
  // A vendor without any CPE of its own keeps the name-made field for its made-up product CPEs too.
  for (const v of vendors.values()) for (const p of v.products) if (!p.hasCpe) p.cpe = { ...p.cpe, vendor: v.cpeVendor }
  const byName = (a: { name: Localized }, b: { name: Localized }) => (a.name.ja < b.name.ja ? -1 : a.name.ja > b.name.ja ? 1 : 0)
  const sorted = [...vendors.values()].sort((a, b) => byName(a, b) || a.vid - b.vid)
    .map(({ byKey: _unused, ...v }) => ({ ...v, products: [...v.products].sort((a, b) => byName(a, b) || a.pid - b.pid) }))
  const published = entries.reduce<Date | null>((max, e) => (!max || e.publishAt > max ? e.publishAt : max), null)
  const latestRevision = revised?.latest ? new Date(revised.latest as Date) : null
  const lastModified = latestRevision && published && latestRevision > published ? latestRevision : published
  return { entries, vendors: sorted, lastModified }
}

const sameProduct = (a: CpeFields, b: CpeFields) => a.vendor === b.vendor && a.product === b.product

/** How many vendors and products the catalog names: resDataTotal / dataTotal. */
export const catalogTotals = (c: JvndbCatalog) => ({
  vulinfo: c.entries.length, vendor: c.vendors.length, product: c.vendors.reduce((n, v) => n + v.products.length, 0),
})

import type { DB } from '../platform/db/database.js'
import { newId } from '../platform/secrets.js'
import { detailsOf, listReportsOfCase } from '../cases/reports.repository.js'
import type { Actor } from '../cases/case-events.js'
import { listCaseProducts, recordSupportEndChange, type CaseProduct } from './products.usecases.js'

/**
 * The product whose support end governs a case's end-of-life handling: of the case's products, the
 * one whose support ended first — ended with the date unknown counts as earliest, a product without
 * any known end as last — then the one picked first. Null when the case has no product.
 */
export async function governingProduct(db: DB, caseId: string): Promise<CaseProduct | null> {
  const key = (p: CaseProduct) => p.support_end_date ?? (p.ended_without_date ? '0000-00-00' : '9999-99-99')
  const products = await listCaseProducts(db, caseId)
  return products.map((p, i) => ({ p, i })).sort((a, b) => key(a.p).localeCompare(key(b.p)) || a.i - b.i)[0]?.p ?? null
}

/** What end-of-life reads of a case's products: the governing product and its support end. */
export async function caseSupportEnd(db: DB, caseId: string) {
  const p = await governingProduct(db, caseId)
  return {
    productId: p?.id ?? null,
    supportEndDate: p?.support_end_date ?? null,
    endedWithoutDate: p?.ended_without_date ?? false,
    productName: p?.name_ja ?? null,
    productVersion: p ? (p.versions_affected || p.versions || null) : null,
    organizationName: p?.org_name_ja ?? null,
  }
}
export type CaseSupportEnd = Awaited<ReturnType<typeof caseSupportEnd>>

/**
 * The old per-case way of recording a support end (PUT /api/v1/cases/{caseId}/end-of-life, kept for
 * one release), written to the product catalogue inside the caller's transaction:
 * - the product is the case's product named `productName` (Japanese or English name); without a
 *   name, the governing product;
 * - none such: a product of that name from the case's developers' catalogues is picked, else a new
 *   one is made in the first developer party's catalogue (organisation-less when the case has no
 *   party), named `productName`, else the first report's product name, else the case title;
 * - the date is set on the product (null clears it; a date replaces "ended, date unknown") and
 *   `productVersion` becomes the case's versions affected;
 * - a changed support end is recorded on every other case concerning the product, as a change in
 *   the catalogue is (`product_support_end_changed`; the caller records this case's own event).
 * Returns the product's id and the values before and after.
 */
export async function recordSupportEndOnCase(trx: DB, input: { caseId: string; supportEndDate: string | null; productName?: string | undefined; productVersion?: string | undefined; actor: Actor; now: Date }) {
  const { caseId, productName, now } = input
  const products = await listCaseProducts(trx, caseId)
  const named = (p: { name_ja: string; name_en: string }) => p.name_ja === productName || p.name_en === productName
  let product = productName ? products.find(named) : await governingProduct(trx, caseId)
  let productId = product?.id
  let before = product ? { supportEndDate: product.support_end_date, productName: product.name_ja, productVersion: product.versions_affected || product.versions || null } : { supportEndDate: null, productName: null, productVersion: null }
  if (!productId) {
    const party = await trx.selectFrom('case_parties').select('organization_id').where('case_id', '=', caseId).orderBy('created_at').orderBy('id').executeTakeFirst()
    const name = productName ?? (await listReportsOfCase(trx, caseId)).map(detailsOf)[0]?.productName?.trim()
      ?? (await trx.selectFrom('cases').select('title').where('id', '=', caseId).executeTakeFirstOrThrow()).title
    const existing = party ? await trx.selectFrom('products').select(['id', 'support_end_date', 'name_ja', 'versions'])
      .where('organization_id', '=', party.organization_id).where((eb) => eb.or([eb('name_ja', '=', name), eb('name_en', '=', name)]))
      .orderBy('created_at').executeTakeFirst() : undefined
    if (existing) {
      productId = existing.id
      before = { supportEndDate: existing.support_end_date, productName: existing.name_ja, productVersion: existing.versions || null }
    } else {
      productId = newId()
      await trx.insertInto('products').values({ id: productId, organization_id: party?.organization_id ?? null, name_ja: name, name_en: name, versions: input.productVersion ?? '', cpe: null, support_end_date: null, created_at: now, updated_at: now }).execute()
    }
    await trx.insertInto('case_products').values({ case_id: caseId, product_id: productId, versions_affected: input.productVersion ?? '', added_at: now }).execute()
  }
  const was = await trx.selectFrom('products').select(['name_ja', 'support_end_date', 'ended_without_date']).where('id', '=', productId).forUpdate().executeTakeFirstOrThrow()
  await trx.updateTable('products').set({
    support_end_date: input.supportEndDate, updated_at: now,
    ...(input.supportEndDate ? { ended_without_date: false } : {}),
  }).where('id', '=', productId).execute()
  await recordSupportEndChange(trx, {
    productId, product: was.name_ja, before: was, actor: input.actor, at: now, exceptCaseId: caseId,
    after: { support_end_date: input.supportEndDate, ended_without_date: input.supportEndDate ? false : was.ended_without_date },
  })
  if (input.productVersion !== undefined) {
    await trx.updateTable('case_products').set({ versions_affected: input.productVersion }).where('case_id', '=', caseId).where('product_id', '=', productId).execute()
  }
  product = (await listCaseProducts(trx, caseId)).find((p) => p.id === productId)!
  return {
    productId, before,
    after: { supportEndDate: product.support_end_date, productName: product.name_ja, productVersion: product.versions_affected || product.versions || null },
  }
}

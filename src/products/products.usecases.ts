import type { DB } from '../platform/db/database.js'
import type { Deps } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { newId } from '../platform/secrets.js'
import { japanDate } from '../platform/calendar/business-days.js'
import { appendEvent, type Actor } from '../cases/case-events.js'
import type { Product } from './products.tables.js'
import type { CaseProductInput, ProductInput, SupportStatus } from './products.schemas.js'
import { productErrors } from './products.errors.js'

type ProductRow = Product

/**
 * The support status of a product on `now`'s date in Japan. The support-end date is the last day
 * of support (as the end-of-life flow has always read it), so a product is end of life from the
 * day after it; without a date it is end of life only when marked so ("ended, date unknown").
 */
export function supportStatus(p: Pick<Product, 'support_end_date' | 'ended_without_date'>, now: Date): SupportStatus {
  if (p.support_end_date) return p.support_end_date < japanDate(now) ? 'end_of_life' : 'supported'
  return p.ended_without_date ? 'end_of_life' : 'supported'
}

/** A product as the API shows it: names as `{ ja, en }`, the status derived for today. */
export function productJson(p: ProductRow, now: Date) {
  return {
    id: p.id, organizationId: p.organization_id, name: { ja: p.name_ja, en: p.name_en }, versions: p.versions, cpe: p.cpe,
    supportEndDate: p.support_end_date, status: supportStatus(p, now), endedWithoutDate: p.ended_without_date, notes: p.notes,
    createdAt: p.created_at.toISOString(), updatedAt: p.updated_at.toISOString(),
  }
}
export type ProductJson = ReturnType<typeof productJson>

const productColumns = ['products.id', 'products.organization_id', 'products.name_ja', 'products.name_en', 'products.versions', 'products.cpe',
  'products.support_end_date', 'products.ended_without_date', 'products.notes', 'products.created_at', 'products.updated_at'] as const

/** The developer organisation a catalogue belongs to (404 for anything else). */
export async function loadDeveloperOrganization(db: DB, organizationId: string) {
  const org = await db.selectFrom('organizations').select(['id', 'kind', 'name_ja', 'name_en']).where('id', '=', organizationId).executeTakeFirst()
  if (!org || org.kind !== 'developer') throw errors.notFound()
  return org
}

/** An organisation's catalogue, by Japanese name. */
export async function listCatalogue(db: DB, organizationId: string): Promise<ProductRow[]> {
  return db.selectFrom('products').select(productColumns).where('organization_id', '=', organizationId).orderBy('name_ja').orderBy('created_at').execute()
}

export async function loadProduct(db: DB, productId: string): Promise<ProductRow> {
  const p = await db.selectFrom('products').select(productColumns).where('id', '=', productId).executeTakeFirst()
  if (!p) throw errors.notFound()
  return p
}

/** The columns a product input sets, after checking its status against its date (400 when they disagree). */
function productValues(input: ProductInput, now: Date) {
  const date = input.supportEndDate ?? null
  if (date && input.status && input.status !== supportStatus({ support_end_date: date, ended_without_date: false }, now)) throw productErrors.statusContradictsDate()
  return {
    name_ja: input.name.ja, name_en: input.name.en, versions: input.versions ?? '', cpe: input.cpe ?? null,
    support_end_date: date, ended_without_date: !date && input.status === 'end_of_life', notes: input.notes ?? '',
  }
}

export async function createProduct(deps: Pick<Deps, 'db' | 'clock'>, organizationId: string, input: ProductInput): Promise<ProductRow> {
  await loadDeveloperOrganization(deps.db, organizationId)
  const now = deps.clock.now()
  const id = newId()
  await deps.db.insertInto('products').values({ id, organization_id: organizationId, ...productValues(input, now), created_at: now, updated_at: now }).execute()
  return loadProduct(deps.db, id)
}

/**
 * Replaces a product's fields (PUT): what the input leaves out is cleared. When its support end
 * changes (date, or "ended, date unknown"), every case that concerns the product records it
 * (`product_support_end_changed`, with the values before and after and who changed it), since that
 * decides the case's end-of-life handling.
 */
export async function updateProduct(deps: Pick<Deps, 'db' | 'clock'>, productId: string, input: ProductInput, actor: Actor): Promise<ProductRow> {
  const now = deps.clock.now()
  const values = productValues(input, now)
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('products').select(['support_end_date', 'ended_without_date']).where('id', '=', productId).forUpdate().executeTakeFirst()
    if (!before) throw errors.notFound()
    await trx.updateTable('products').set({ ...values, updated_at: now }).where('id', '=', productId).execute()
    await recordSupportEndChange(trx, { productId, product: values.name_ja, before, after: values, actor, at: now })
  })
  return loadProduct(deps.db, productId)
}

type SupportEnd = Pick<Product, 'support_end_date' | 'ended_without_date'>

/**
 * When a product's support end changed (date, or "ended, date unknown"), records it on every case
 * concerning the product (`product_support_end_changed`, with the values before and after), but
 * `exceptCaseId`, the case that recorded the change as its own event.
 */
export async function recordSupportEndChange(trx: DB, input: { productId: string; product: string; before: SupportEnd; after: SupportEnd; actor: Actor; at: Date; exceptCaseId?: string }) {
  const { before, after } = input
  if (before.support_end_date === after.support_end_date && before.ended_without_date === after.ended_without_date) return
  const cases = await trx.selectFrom('case_products').select('case_id').where('product_id', '=', input.productId).execute()
  for (const { case_id } of cases) {
    if (case_id === input.exceptCaseId) continue
    await appendEvent(trx, {
      caseId: case_id, type: 'product_support_end_changed', actor: input.actor, at: input.at,
      data: {
        productId: input.productId, product: input.product, supportEndDate: after.support_end_date, endedWithoutDate: after.ended_without_date,
        previousSupportEndDate: before.support_end_date, previousEndedWithoutDate: before.ended_without_date,
      },
    })
  }
}

/** Deletes a product no case uses; one a case uses stays (409 products.in_use). */
export async function deleteProduct(db: DB, productId: string): Promise<ProductRow> {
  return db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('products').select(productColumns).where('id', '=', productId).forUpdate().executeTakeFirst()
    if (!p) throw errors.notFound()
    const { n } = await trx.selectFrom('case_products').select((eb) => eb.fn.countAll<number>().as('n')).where('product_id', '=', productId).executeTakeFirstOrThrow()
    if (Number(n) > 0) throw productErrors.inUse(Number(n))
    await trx.deleteFrom('products').where('id', '=', productId).execute()
    return p
  })
}

/** How many cases use each of the given products. */
export async function caseCounts(db: DB, productIds: string[]): Promise<Record<string, number>> {
  if (!productIds.length) return {}
  const rows = await db.selectFrom('case_products').select(['product_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('product_id', 'in', productIds).groupBy('product_id').execute()
  return Object.fromEntries(rows.map((r) => [r.product_id, Number(r.n)]))
}

// ---- the products of a case ----

/** A product a case concerns, with its organisation's names (null: organisation-less) and the versions affected. */
export type CaseProduct = ProductRow & { versions_affected: string; added_at: Date; org_name_ja: string | null; org_name_en: string | null }

/** The case's products, in the order they were picked. */
export async function listCaseProducts(db: DB, caseId: string): Promise<CaseProduct[]> {
  return db.selectFrom('case_products').innerJoin('products', 'products.id', 'case_products.product_id')
    .leftJoin('organizations', 'organizations.id', 'products.organization_id')
    .select(productColumns).select(['case_products.versions_affected', 'case_products.added_at', 'organizations.name_ja as org_name_ja', 'organizations.name_en as org_name_en'])
    .where('case_products.case_id', '=', caseId).orderBy('case_products.added_at').orderBy('products.name_ja').execute()
}

export function caseProductJson(p: CaseProduct, now: Date) {
  return {
    ...productJson(p, now), versionsAffected: p.versions_affected,
    organization: p.organization_id ? { id: p.organization_id, name: { ja: p.org_name_ja ?? '', en: p.org_name_en ?? '' } } : null,
  }
}

/** The products a coordinator may pick for a case: the catalogues of its developer parties' organisations. */
export async function pickableProducts(db: DB, caseId: string) {
  return db.selectFrom('case_parties').innerJoin('products', 'products.organization_id', 'case_parties.organization_id')
    .innerJoin('organizations', 'organizations.id', 'products.organization_id')
    .select(productColumns).select(['organizations.name_ja as org_name_ja', 'organizations.name_en as org_name_en'])
    .where('case_parties.case_id', '=', caseId).orderBy('case_parties.created_at').orderBy('products.name_ja').execute()
}

/**
 * Picks a product for a case (or changes the versions affected of one already picked): only from
 * the catalogues of the case's developer parties (400 otherwise). Logged as `product_picked`.
 */
export async function pickCaseProduct(deps: Pick<Deps, 'db' | 'clock'>, input: { caseId: string; actor: Actor; pick: CaseProductInput }) {
  const { caseId, pick } = input
  return deps.db.transaction().execute(async (trx) => {
    const allowed = (await pickableProducts(trx, caseId)).some((p) => p.id === pick.productId)
    if (!allowed) throw productErrors.notInCaseCatalogues()
    const now = deps.clock.now()
    await trx.insertInto('case_products').values({ case_id: caseId, product_id: pick.productId, versions_affected: pick.versionsAffected ?? '', added_at: now })
      .onConflict((oc) => oc.columns(['case_id', 'product_id']).doUpdateSet({ versions_affected: pick.versionsAffected ?? '' })).execute()
    await appendEvent(trx, { caseId, type: 'product_picked', actor: input.actor, at: now, data: { productId: pick.productId, versionsAffected: pick.versionsAffected ?? '' } })
    return { productId: pick.productId }
  })
}

/** Removes a product from a case; removing one the case does not use changes nothing (idempotent). */
export async function unpickCaseProduct(deps: Pick<Deps, 'db' | 'clock'>, input: { caseId: string; productId: string; actor: Actor }) {
  return deps.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('case_products').where('case_id', '=', input.caseId).where('product_id', '=', input.productId).executeTakeFirst()
    const done = Number(removed.numDeletedRows) > 0
    if (done) await appendEvent(trx, { caseId: input.caseId, type: 'product_removed', actor: input.actor, at: deps.clock.now(), data: { productId: input.productId } })
    return { removed: done }
  })
}

/**
 * The affected-products rows of an advisory for the case's products: developer (the organisation's
 * name in Japanese, the language of the advisory's table), product, versions (the case's versions
 * affected, else the product's) and CPE.
 */
export async function affectedProductRows(db: DB, caseId: string) {
  return (await listCaseProducts(db, caseId)).map((p) => ({
    developer: p.org_name_ja ?? '', product: p.name_ja, versions: p.versions_affected || p.versions, cpe: p.cpe,
  }))
}

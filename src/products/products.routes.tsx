import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { csrfTokenFor } from '../platform/http/csrf.js'
import { AppError, errors } from '../platform/errors.js'
import { formBody, jsonBody, parseWith } from '../platform/http/validate.js'
import { parseFlatForm } from '../platform/http/bilingual.js'
import { requireAllowed, requireUser } from '../platform/http/guards.js'
import { actorOf } from '../cases/case-events.js'
import { allowedOnCase } from '../cases/case-guard.js'
import { caseProductSchema, productSchema } from './products.schemas.js'
import { fillAdvisoryFromCatalogue } from './advisory-fill.js'
import { productsPolicies } from './products.policies.js'
import {
  caseCounts, caseProductJson, createProduct, deleteProduct, listCaseProducts, listCatalogue, loadDeveloperOrganization, loadProduct,
  pickCaseProduct, productJson, unpickCaseProduct, updateProduct,
} from './products.usecases.js'
import { CatalogueTable, ProductForm, SupportBadge } from './products.views.js'

/**
 * The product catalogue: a developer organisation's products (pages linked from the organisation's
 * page, and the API) and the products a case concerns. Route order matters to nobody but the
 * authorisation matrix, which calls them in order: removals from a case come last.
 */
export const productsRoutes = new Hono<AppEnv>()

/** The developer organisation whose catalogue the user may keep (404 for anyone else, and for anything but a developer organisation). */
async function keptOrganization(c: Ctx, organizationId: string) {
  requireAllowed(c, (u) => productsPolicies.keepCatalogue(u, organizationId))
  return loadDeveloperOrganization(c.var.deps.db, organizationId)
}
/** A product whose catalogue the user may keep (404 otherwise, the same as a product that does not exist). */
async function keptProduct(c: Ctx, productId: string) {
  const user = requireUser(c)
  const p = await loadProduct(c.var.deps.db, productId)
  if (!productsPolicies.keepCatalogue(user, p.organization_id)) throw errors.notFound()
  return p
}
const caseCoordinator = (c: Ctx) => allowedOnCase(c, productsPolicies.pickCaseProducts)
const now = (c: Ctx) => c.var.deps.clock.now()

/** A refused form comes back with what was typed; anything but a request error goes to the error handler. */
function formError(error: unknown): AppError {
  if (error instanceof AppError && error.status < 500) return error
  throw error
}

/** A product's form values as stored. */
const valuesOf = (p: Awaited<ReturnType<typeof loadProduct>>) => ({
  nameJa: p.name_ja, nameEn: p.name_en, versions: p.versions, cpe: p.cpe ?? '', supportEndDate: p.support_end_date ?? '',
  status: p.ended_without_date ? 'end_of_life' : '', notes: p.notes,
})

/** Where a catalogue is shown: the organisation's page for staff, "my products" for its members. */
const catalogueHref = (c: Ctx, organizationId: string) =>
  c.var.user?.organizationId === organizationId ? '/my/products' : `/organizations/${organizationId}#products`

// ---- pages ----

productsRoutes.get('/my/products', async (c) => {
  const user = requireAllowed(c, productsPolicies.hasOwnCatalogue)
  const org = await loadDeveloperOrganization(c.var.deps.db, user.organizationId!)
  const { t } = c.var
  return page(c, t('products.my_title'), (
    <>
      <p class="meta">{t('products.my_intro')}</p>
      <CatalogueTable c={c} organizationId={org.id} />
    </>
  ))
})

productsRoutes.get('/organizations/:id/products/new', async (c) => {
  const org = await keptOrganization(c, c.req.param('id'))
  const { t, lang } = c.var
  return page(c, t('products.new_title', { organization: lang === 'ja' ? org.name_ja : org.name_en }), (
    <><p><a href={catalogueHref(c, org.id)}>{t('products.back_to_catalogue')}</a></p><ProductForm c={c} action={`/organizations/${org.id}/products`} /></>
  ))
})

productsRoutes.post('/organizations/:id/products', async (c) => {
  const org = await keptOrganization(c, c.req.param('id'))
  const body = await formBody(c)
  try {
    await createProduct(c.var.deps, org.id, parseFlatForm(productSchema, body))
    return c.redirect(catalogueHref(c, org.id), 303)
  } catch (e) {
    const error = formError(e)
    const { t, lang } = c.var
    return page(c, t('products.new_title', { organization: lang === 'ja' ? org.name_ja : org.name_en }), <ProductForm c={c} action={`/organizations/${org.id}/products`} values={body} error={error} />, 400)
  }
})

async function renderProductPage(c: Ctx, productId: string, state: { values?: Record<string, unknown>; error?: unknown; status?: 200 | 400 | 409 } = {}) {
  const { t, lang } = c.var
  const { db } = c.var.deps
  const p = await loadProduct(db, productId)
  const org = p.organization_id ? await db.selectFrom('organizations').select(['id', 'name_ja', 'name_en']).where('id', '=', p.organization_id).executeTakeFirst() : undefined
  const used = (await caseCounts(db, [p.id]))[p.id] ?? 0
  return page(c, lang === 'ja' ? p.name_ja : p.name_en, (
    <>
      {org && <p><a href={catalogueHref(c, org.id)}>{lang === 'ja' ? org.name_ja : org.name_en}</a></p>}
      <p><SupportBadge c={c} product={p} /></p>
      <p class="meta" data-testid="product-cases">{t('products.used_by', { count: used })}</p>
      <ProductForm c={c} action={`/products/${p.id}`} values={state.values ?? valuesOf(p)} error={state.error} />
      {used === 0 && (
        <form method="post" action={`/products/${p.id}/delete`} class="inline">
          <input type="hidden" name="_csrf" value={csrfTokenFor(c)} />
          <button type="submit" class="danger">{t('products.delete')}</button>
        </form>
      )}
    </>
  ), state.status ?? 200)
}

productsRoutes.get('/products/:productId', async (c) => {
  return renderProductPage(c, (await keptProduct(c, c.req.param('productId'))).id)
})

productsRoutes.post('/products/:productId', async (c) => {
  const productId = (await keptProduct(c, c.req.param('productId'))).id
  const body = await formBody(c)
  try {
    await updateProduct(c.var.deps, productId, parseFlatForm(productSchema, body), actorOf(c.var.user!))
    return c.redirect(`/products/${productId}`, 303)
  } catch (e) {
    return renderProductPage(c, productId, { values: body, error: formError(e), status: 400 })
  }
})

productsRoutes.post('/products/:productId/delete', async (c) => {
  const productId = (await keptProduct(c, c.req.param('productId'))).id
  try {
    const p = await deleteProduct(c.var.deps.db, productId)
    return c.redirect(p.organization_id ? catalogueHref(c, p.organization_id) : '/organizations', 303)
  } catch (e) {
    const error = formError(e)
    if (error.status === 404) throw error
    return renderProductPage(c, productId, { error, status: 409 })
  }
})

productsRoutes.post('/cases/:caseId/products', async (c) => {
  const user = await caseCoordinator(c)
  const pick = parseWith(caseProductSchema, await formBody(c))
  await pickCaseProduct(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user), pick })
  return c.redirect(`/cases/${c.req.param('caseId')}`, 303)
})

// ---- API ----

productsRoutes.get('/api/v1/organizations/:id/products', async (c) => {
  const org = await keptOrganization(c, c.req.param('id'))
  const products = await listCatalogue(c.var.deps.db, org.id)
  const counts = await caseCounts(c.var.deps.db, products.map((p) => p.id))
  return c.json({ products: products.map((p) => ({ ...productJson(p, now(c)), cases: counts[p.id] ?? 0 })) })
})

productsRoutes.post('/api/v1/organizations/:id/products', async (c) => {
  const org = await keptOrganization(c, c.req.param('id'))
  const p = await createProduct(c.var.deps, org.id, await jsonBody(c, productSchema))
  return c.json(productJson(p, now(c)), 201)
})

productsRoutes.get('/api/v1/products/:productId', async (c) => {
  const p = await keptProduct(c, c.req.param('productId'))
  return c.json({ ...productJson(p, now(c)), cases: (await caseCounts(c.var.deps.db, [p.id]))[p.id] ?? 0 })
})

productsRoutes.put('/api/v1/products/:productId', async (c) => {
  const productId = (await keptProduct(c, c.req.param('productId'))).id
  const p = await updateProduct(c.var.deps, productId, await jsonBody(c, productSchema), actorOf(c.var.user!))
  return c.json(productJson(p, now(c)))
})

productsRoutes.delete('/api/v1/products/:productId', async (c) => {
  await deleteProduct(c.var.deps.db, (await keptProduct(c, c.req.param('productId'))).id)
  return c.body(null, 204)
})

productsRoutes.get('/api/v1/cases/:caseId/products', async (c) => {
  await caseCoordinator(c)
  return c.json({ products: (await listCaseProducts(c.var.deps.db, c.req.param('caseId'))).map((p) => caseProductJson(p, now(c))) })
})

productsRoutes.post('/api/v1/cases/:caseId/products', async (c) => {
  const user = await caseCoordinator(c)
  const caseId = c.req.param('caseId')
  await pickCaseProduct(c.var.deps, { caseId, actor: actorOf(user), pick: await jsonBody(c, caseProductSchema) })
  return c.json({ products: (await listCaseProducts(c.var.deps.db, caseId)).map((p) => caseProductJson(p, now(c))) }, 201)
})

productsRoutes.post('/cases/:caseId/advisory/products-from-catalogue', async (c) => {
  const user = await caseCoordinator(c)
  const caseId = c.req.param('caseId')
  await fillAdvisoryFromCatalogue(c.var.deps, { caseId, actor: actorOf(user) })
  return c.redirect(`/cases/${caseId}#advisory`, 303)
})

productsRoutes.post('/api/v1/cases/:caseId/advisory/products-from-catalogue', async (c) => {
  const user = await caseCoordinator(c)
  return c.json(await fillAdvisoryFromCatalogue(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user) }))
})

// Removals last (see above).

productsRoutes.post('/cases/:caseId/products/:productId/removal', async (c) => {
  const user = await caseCoordinator(c)
  await unpickCaseProduct(c.var.deps, { caseId: c.req.param('caseId'), productId: c.req.param('productId'), actor: actorOf(user) })
  return c.redirect(`/cases/${c.req.param('caseId')}`, 303)
})

productsRoutes.delete('/api/v1/cases/:caseId/products/:productId', async (c) => {
  const user = await caseCoordinator(c)
  const r = await unpickCaseProduct(c.var.deps, { caseId: c.req.param('caseId'), productId: c.req.param('productId'), actor: actorOf(user) })
  return c.json(r)
})

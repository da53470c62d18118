import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/** Keepers of a developer organisation's catalogue: coordinators, admins and the organisation's own members. */
const KEEPERS = ['coordinator', 'developer', 'admin'] as const

/**
 * Who may call each product-catalogue route. `:id` is the world's developer organisation (the
 * `developer`'s); `:productId` a product of it that the world's case concerns, so deleting it is
 * refused as in use (409) and every keeper still finds it. Removals from the case come last.
 */
export const productsAccess: AccessTable = {
  // a developer's own catalogue
  'GET /my/products': ['developer', 'otherDeveloper'],
  'GET /organizations/:id/products/new': [...KEEPERS],
  'POST /organizations/:id/products': [...KEEPERS],
  'GET /products/:productId': [...KEEPERS],
  'POST /products/:productId': [...KEEPERS],
  'POST /products/:productId/delete': [...KEEPERS],
  'GET /api/v1/organizations/:id/products': [...KEEPERS],
  'POST /api/v1/organizations/:id/products': [...KEEPERS],
  'GET /api/v1/products/:productId': [...KEEPERS],
  'PUT /api/v1/products/:productId': [...KEEPERS],
  'DELETE /api/v1/products/:productId': [...KEEPERS],
  // the products of a case and the advisory filled from them: the case's coordinators
  'POST /cases/:caseId/products': ['coordinator'],
  'GET /api/v1/cases/:caseId/products': ['coordinator'],
  'POST /api/v1/cases/:caseId/products': ['coordinator'],
  'POST /cases/:caseId/advisory/products-from-catalogue': ['coordinator'],
  'POST /api/v1/cases/:caseId/advisory/products-from-catalogue': ['coordinator'],
  'POST /cases/:caseId/products/:productId/removal': ['coordinator'],
  'DELETE /api/v1/cases/:caseId/products/:productId': ['coordinator'],
}

/** A product in the developer's catalogue, picked for the world's case. */
export const productsSeed: AccessSeed | null = async ({ orgId, caseId, users }) => {
  const made = await users.developer!.api.post(`/api/v1/organizations/${orgId}/products`, { name: { ja: 'ルーター WR-1000', en: 'Router WR-1000' }, supportEndDate: '2030-03-31' })
  if (made.status !== 201) throw new Error(`product seed: ${made.status} ${JSON.stringify(made.json)}`)
  const picked = await users.coordinator!.api.post(`/api/v1/cases/${caseId}/products`, { productId: made.json.id })
  if (picked.status !== 201) throw new Error(`product pick seed: ${picked.status} ${JSON.stringify(picked.json)}`)
  return { productId: made.json.id as string }
}

import type { Operation } from '../platform/http/openapi-operation.js'
import { array, bilingualText, boolean, date, id, integer, named, nullable, object, string, timestamp } from '../platform/http/openapi-schema.js'
import { affectedProduct } from '../cases/cases.openapi.js'
import { caseProductSchema, productSchema } from './products.schemas.js'

const productFields = {
  id, organizationId: id, name: bilingualText, versions: nullable(string()), cpe: nullable(string()),
  supportEndDate: nullable(date), status: string({ examples: ['supported', 'end_of_life'] }),
  endedWithoutDate: boolean(), notes: nullable(string()), createdAt: timestamp, updatedAt: timestamp,
}
/** A product of a developer organisation's catalogue. */
const product = named('Product', object(productFields))
const productWithCases = object({ ...productFields, cases: integer({ minimum: 0, description: 'How many cases concern the product' }) })
const caseProducts = object({ products: array(named('CaseProduct', object({
  ...productFields, versionsAffected: nullable(string()), organization: object({ id, name: bilingualText }),
}))) })

/** The /api/v1 operations of the product catalogue, merged into the OpenAPI document. */
export const productsOperations: Operation[] = [
  { method: 'get', path: '/api/v1/organizations/{id}/products', summary: 'A developer organisation\'s product catalogue, with support status and the number of cases per product (coordinators, admins, the organisation\'s members)', tag: 'products', auth: 'user', response: { status: 200, schema: object({ products: array(productWithCases) }) } },
  { method: 'post', path: '/api/v1/organizations/{id}/products', summary: 'Add a product: name { ja, en }, versions, CPE 2.3, support-end date (last day of support) or status end_of_life when the date is unknown', tag: 'products', body: productSchema, auth: 'user', response: { status: 201, schema: product } },
  { method: 'get', path: '/api/v1/products/{productId}', summary: 'One product of a catalogue', tag: 'products', auth: 'user', response: { status: 200, schema: productWithCases } },
  { method: 'put', path: '/api/v1/products/{productId}', summary: 'Replace a product\'s fields; a changed support end is recorded on every case concerning the product', tag: 'products', body: productSchema, auth: 'user', response: { status: 200, schema: product } },
  { method: 'delete', path: '/api/v1/products/{productId}', summary: 'Delete a product no case concerns (409 products.in_use otherwise)', tag: 'products', auth: 'user', response: { status: 204, description: 'Deleted' } },
  { method: 'get', path: '/api/v1/cases/{caseId}/products', summary: 'The products a product case concerns, with the versions affected (coordinators)', tag: 'products', auth: 'user', response: { status: 200, schema: caseProducts } },
  { method: 'post', path: '/api/v1/cases/{caseId}/products', summary: 'Pick a product from the catalogues of the case\'s developers, or change its versions affected (coordinators)', tag: 'products', body: caseProductSchema, auth: 'user', response: { status: 201, schema: caseProducts } },
  { method: 'post', path: '/api/v1/cases/{caseId}/advisory/products-from-catalogue', summary: 'Fill the advisory draft\'s affected products from the case\'s products (coordinators; 409 when the case has none or the advisory is public)', tag: 'products', auth: 'user', response: { status: 200, schema: object({ advisoryId: id, affectedProducts: array(affectedProduct) }) } },
  { method: 'delete', path: '/api/v1/cases/{caseId}/products/{productId}', summary: 'Remove a product from a case (coordinators)', tag: 'products', auth: 'user', response: { status: 200, schema: object({ removed: boolean() }) } },
]

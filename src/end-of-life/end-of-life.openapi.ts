import type { Operation } from '../platform/http/openapi-operation.js'
import { boolean, date, id, named, nullable, object, oneOfStrings, string, timestamp } from '../platform/http/openapi-schema.js'
import { endingSchema, eolHandlingSchema, supportEndApiSchema } from './end-of-life.schemas.js'

/** Support end, end-of-life handling and ending of a product case. */
const endOfLife = named('EndOfLife', object({
  caseId: id, status: string(), supportEndDate: nullable(date), endedWithoutDate: boolean(), productId: nullable(id),
  productName: nullable(string()), productVersion: nullable(string()), pastEndOfSupport: boolean(),
  handling: nullable(oneOfStrings(['A', 'B', 'C', 'D', 'E'])), handlingChosenAt: nullable(timestamp),
  endedOn: nullable(date), endingNote: nullable(string()), duplicateOf: nullable(id),
}))
const ending = object({ status: string(), endedOn: date, closedAt: timestamp })

/** The /api/v1 operations of end-of-life, merged into the OpenAPI document. */
export const endOfLifeOperations: Operation[] = [
  { method: 'get', path: '/api/v1/cases/{caseId}/end-of-life', summary: 'Support end, EoL handling and ending of a product case (coordinators)', tag: 'end-of-life', auth: 'user', response: { status: 200, schema: endOfLife } },
  { method: 'put', path: '/api/v1/cases/{caseId}/end-of-life', summary: 'Set the support-end date (サポート終了) and the confirmed product name and version (coordinators)', tag: 'end-of-life', body: supportEndApiSchema, auth: 'user', response: { status: 200, schema: endOfLife } },
  { method: 'post', path: '/api/v1/cases/{caseId}/end-of-life/handling', summary: 'Choose EoL handling A–E for a case past end of support and drive it down its path (coordinators)', tag: 'end-of-life', body: eolHandlingSchema, auth: 'user', response: { status: 200, schema: object({ handling: oneOfStrings(['A', 'B', 'C', 'D', 'E']), status: string() }) } },
  { method: 'post', path: '/api/v1/cases/{caseId}/handle-individually', summary: '個別対応: close the case, the developer informing its users itself; finders are told (coordinators)', tag: 'end-of-life', body: endingSchema, auth: 'user', response: { status: 200, schema: ending } },
  { method: 'post', path: '/api/v1/cases/{caseId}/close-low-impact', summary: 'Close the case as low impact after notifying the developer; finders are told (coordinators)', tag: 'end-of-life', body: endingSchema, auth: 'user', response: { status: 200, schema: ending } },
]

import type { Operation } from '../platform/http/openapi-operation.js'
import { endingSchema, eolHandlingSchema, supportEndApiSchema } from './end-of-life.schemas.js'

/** The /api/v1 operations of end-of-life, merged into the OpenAPI document. */
export const endOfLifeOperations: Operation[] = [
  { method: 'get', path: '/api/v1/cases/{caseId}/end-of-life', summary: 'Support end, EoL handling and ending of a product case (coordinators)', tag: 'end-of-life', auth: 'user' },
  { method: 'put', path: '/api/v1/cases/{caseId}/end-of-life', summary: 'Set the support-end date (サポート終了) and the confirmed product name and version (coordinators)', tag: 'end-of-life', body: supportEndApiSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/end-of-life/handling', summary: 'Choose EoL handling A–E for a case past end of support and drive it down its path (coordinators)', tag: 'end-of-life', body: eolHandlingSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/handle-individually', summary: '個別対応: close the case, the developer informing its users itself; finders are told (coordinators)', tag: 'end-of-life', body: endingSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/close-low-impact', summary: 'Close the case as low impact after notifying the developer; finders are told (coordinators)', tag: 'end-of-life', body: endingSchema, auth: 'user' },
]

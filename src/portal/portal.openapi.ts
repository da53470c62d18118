import type { Operation } from '../platform/http/openapi-operation.js'
import { pageOf } from '../platform/http/openapi-schema.js'
import { publicAdvisory, publicAdvisorySummary } from '../cases/cases.openapi.js'

/** The portal operations of /api/v1, for the OpenAPI document. */
export const portalOperations: readonly Operation[] = [
  { method: 'get', path: '/api/v1/advisories', summary: 'Published advisories, newest first (?q= search)', tag: 'public', auth: 'none', response: { status: 200, schema: pageOf(publicAdvisorySummary) } },
  { method: 'get', path: '/api/v1/advisories/{identifier}', summary: 'One published advisory, e.g. JVN12345678', tag: 'public', auth: 'none', response: { status: 200, schema: publicAdvisory } },
]

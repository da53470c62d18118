import type { Operation } from '../platform/http/openapi-operation.js'
import { boolean, integer, object, pageOf, type JsonSchema } from '../platform/http/openapi-schema.js'
import { publicAdvisory, publicAdvisorySummary } from '../cases/cases.openapi.js'

/** The portal operations of /api/v1, for the OpenAPI document. */
export const portalOperations: readonly Operation[] = [
  {
    method: 'get', path: '/api/v1/advisories', tag: 'public', auth: 'none',
    summary: 'Published advisories, newest first, searched and filtered. Query: q (words, all must occur: substrings of any length, '
      + 'NFKC, case and katakana/hiragana alike; JVN#, JVNVU#, JVNDB-, CVE- identifiers exactly), developer, product (part of a name), '
      + 'severity (critical|high|medium|low|none), cwe (CWE-79), year (of publication, Japan time), sort (date|relevance: title matches first), '
      + 'page, limit (1–100). total.count is exact up to 1000; capped: true means more than that. A bad value is a 400 naming the parameter.',
    response: { status: 200, schema: object({ ...pageOf(publicAdvisorySummary).properties as Record<string, JsonSchema>, total: object({ count: integer({ minimum: 0, maximum: 1000 }), capped: boolean() }) }) },
  },
  { method: 'get', path: '/api/v1/advisories/{identifier}', summary: 'One published advisory, e.g. JVN12345678', tag: 'public', auth: 'none', response: { status: 200, schema: publicAdvisory } },
]

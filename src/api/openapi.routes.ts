import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../platform/http/context.js'
import { documentedOperations } from '../platform/http/openapi-operation.js'
import { legacyPairsOf } from '../platform/http/bilingual.js'
import { deprecationHeaders, withLegacyPairs } from './openapi-legacy.js'

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string', examples: ['request.invalid', 'coordination.invalid_transition'] }, message: { type: 'string' }, details: {} }, required: ['code', 'message'] } },
}

/** What the document says about bilingual text and the old flat shape. */
const BILINGUAL_NOTE = 'Bilingual text has one shape everywhere: an object `{ "ja": …, "en": … }` under a field name without a language suffix (`title`, `name`, `statement`, `note`, `vulnerabilityTitle`, `label`). ' +
  'Request bodies in the old flat shape (`titleJa` / `titleEn`, marked `deprecated` below) are accepted until the next release; such a request is answered with `Deprecation` (RFC 9745) and `Link: </api/v1/openapi.json>; rel="deprecation"`, and a body that mixes both shapes for one field is a 400. ' +
  'Responses carry the `{ ja, en }` field beside the old flat fields (`nameJa` / `nameEn`, `name_ja` / `name_en`, `titleJa` / `titleEn`, `title_ja` / `title_en`, `labelJa` / `labelEn`, and `ja` / `en` beside `name` in a website case\'s `operator`); the old fields are deprecated and removed in the next release.'

/** The OpenAPI 3.1 document for /api/v1: every feature's operations, with the Zod schemas the routes validate with. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of documentedOperations()) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    paths[op.path] ??= {}
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: withLegacyPairs(z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }), legacyPairsOf(op.body)) } } } } : {}),
      security: op.auth === 'user' ? [{ bearer: [] }, { session: [] }] : op.auth === 'optional' ? [{}, { bearer: [] }, { session: [] }] : [],
      responses: {
        '200': { description: 'OK', ...(op.body && legacyPairsOf(op.body) ? { headers: deprecationHeaders } : {}) },
        '400': { description: 'Invalid input', content: { 'application/json': { schema: errorSchema } } },
        '401': { description: 'Not signed in', content: { 'application/json': { schema: errorSchema } } },
        '404': { description: 'Not found, or not yours to see', content: { 'application/json': { schema: errorSchema } } },
        '409': { description: 'Not allowed in the current state', content: { 'application/json': { schema: errorSchema } } },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'keikai API', version: '1', description: 'Coordinated vulnerability disclosure: reports, intake, coordination, advisories. Authenticate with `Authorization: Bearer <token>` (create one at /account) or with the session cookie plus the `X-CSRF-Token` header for writes. ' + BILINGUAL_NOTE },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token' },
        session: { type: 'apiKey', in: 'cookie', name: 'keikai_session' },
      },
    },
    paths,
  }
}

export const apiDocsRoutes = new Hono<AppEnv>()
apiDocsRoutes.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(c.var.deps.config.publicUrl)))

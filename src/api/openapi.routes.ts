import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../platform/http/context.js'
import { documentedOperations } from '../platform/http/openapi-operation.js'
import { legacyPairsOf } from '../platform/http/bilingual.js'
import { deprecationHeaders, withLegacyPairs } from './openapi-legacy.js'
import type { Operation, Reply } from '../platform/http/openapi-operation.js'
import { componentOf, errorEnvelope, type JsonSchema } from '../platform/http/openapi-schema.js'

/** The error answers, described once under `components/responses`, all with the shared error envelope. */
const errorResponses = {
  BadRequest: 'Invalid input: `details` names each field\'s problem',
  Unauthorized: 'Not signed in, or the token is revoked or expired',
  Forbidden: 'Signed in but not allowed (or the CSRF token is missing)',
  NotFound: 'Not found, or not yours to see',
  Conflict: 'Not allowed in the current state',
  TooManyRequests: 'Too many requests: wait as long as `Retry-After` says',
} as const

const errorRef = (name: keyof typeof errorResponses) => ({ $ref: `#/components/responses/${name}` })

/** The schema of a reply in the document: Zod schemas converted, named schemas collected into `components`. */
function collectSchema(node: unknown, components: Record<string, unknown>, seen: Map<string, JsonSchema>): unknown {
  if (Array.isArray(node)) return node.map((n) => collectSchema(n, components, seen))
  if (typeof node !== 'object' || node === null) return node
  const component = componentOf(node)
  if (component) {
    const known = seen.get(component.name)
    if (known && known !== component.schema) throw new Error(`Two different schemas are named ${component.name} in the OpenAPI document`)
    if (!known) {
      seen.set(component.name, component.schema)
      components[component.name] = collectSchema(component.schema, components, seen)
    }
    return { $ref: `#/components/schemas/${component.name}` }
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, collectSchema(v, components, seen)]))
}

const isZod = (s: unknown): s is z.ZodType => typeof s === 'object' && s !== null && '_zod' in s

/** The `responses` entries of an operation's success replies. */
function successResponses(op: Operation, schemaOf: (s: unknown) => unknown): Record<string, unknown> {
  const replies: readonly Reply[] = Array.isArray(op.response) ? op.response : [op.response as Reply]
  const headers = op.body && legacyPairsOf(op.body) ? { headers: deprecationHeaders } : {}
  const out: Record<string, unknown> = {}
  for (const reply of replies) {
    const description = reply.description ?? (reply.status === 201 ? 'Created' : reply.status === 204 ? 'Done; no content' : 'OK')
    if (reply.status === 204) out['204'] = { description, ...headers }
    else if ('mediaType' in reply) out[String(reply.status)] = { description, ...headers, content: { [reply.mediaType]: { schema: reply.schema ?? { type: 'string' } } } }
    else {
      const schema = isZod(reply.schema) ? z.toJSONSchema(reply.schema, { io: 'output', unrepresentable: 'any' }) : reply.schema
      out[String(reply.status)] = { description, ...headers, content: { 'application/json': { schema: schemaOf(schema) } } }
    }
  }
  return out
}

/** What the document says about bilingual text and the old flat shape. */
const BILINGUAL_NOTE = 'Bilingual text has one shape everywhere: an object `{ "ja": …, "en": … }` under a field name without a language suffix (`title`, `name`, `statement`, `note`, `vulnerabilityTitle`, `label`). ' +
  'Request bodies in the old flat shape (`titleJa` / `titleEn`, marked `deprecated` below) are accepted until the next release; such a request is answered with `Deprecation` (RFC 9745) and `Link: </api/v1/openapi.json>; rel="deprecation"`, and a body that mixes both shapes for one field is a 400. ' +
  'Responses carry the `{ ja, en }` field beside the old flat fields (`nameJa` / `nameEn`, `name_ja` / `name_en`, `titleJa` / `titleEn`, `title_ja` / `title_en`, `labelJa` / `labelEn`, and `ja` / `en` beside `name` in a website case\'s `operator`); the old fields are deprecated and removed in the next release.'

/** The OpenAPI 3.1 document for /api/v1: every feature's operations, with the Zod schemas the routes validate with. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {}
  const schemas: Record<string, unknown> = {}
  const seen = new Map<string, JsonSchema>()
  const schemaOf = (schema: unknown) => collectSchema(schema, schemas, seen)
  const errorSchema = schemaOf(errorEnvelope)
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
        ...successResponses(op, schemaOf),
        '400': errorRef('BadRequest'),
        ...(op.auth === 'user' ? { '401': errorRef('Unauthorized'), '403': errorRef('Forbidden') } : {}),
        '404': errorRef('NotFound'),
        '409': errorRef('Conflict'),
        '429': errorRef('TooManyRequests'),
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'keikai API', version: '1', description: 'Coordinated vulnerability disclosure: reports, intake, coordination, advisories. Authenticate with `Authorization: Bearer <token>` (create one at /account) or with the session cookie plus the `X-CSRF-Token` header for writes. ' + BILINGUAL_NOTE },
    servers: [{ url: serverUrl }],
    components: {
      schemas,
      responses: Object.fromEntries(Object.entries(errorResponses).map(([name, description]) => [name, { description, content: { 'application/json': { schema: errorSchema } } }])),
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

/**
 * JSON Schema (2020-12, as OpenAPI 3.1 uses it) for the API's answers, written beside each
 * feature's operations. Objects list their properties as required unless wrapped in `optional`,
 * and allow properties they do not list (an answer may grow). A schema made with `named` is
 * described once under `components/schemas` and referenced with `$ref` wherever it is used.
 */

export type JsonSchema = { readonly [key: string]: unknown }

const OPTIONAL = Symbol('openapi.optional')
const COMPONENT = Symbol('openapi.component')

type Optional = { readonly [OPTIONAL]: JsonSchema }
type Property = JsonSchema | Optional
export type Component = { readonly name: string; readonly schema: JsonSchema }

const isOptional = (p: Property): p is Optional => OPTIONAL in p

/** A property an answer may leave out. */
export const optional = (schema: JsonSchema): Optional => ({ [OPTIONAL]: schema })

/** An object whose properties are required unless `optional`. */
export function object(properties: Record<string, Property>, extra: JsonSchema = {}): JsonSchema {
  const props: Record<string, JsonSchema> = {}
  const required: string[] = []
  for (const [key, p] of Object.entries(properties)) {
    if (isOptional(p)) props[key] = p[OPTIONAL]
    else { props[key] = p; required.push(key) }
  }
  return { type: 'object', properties: props, ...(required.length ? { required } : {}), ...extra }
}

export const string = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra })
export const integer = (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', ...extra })
export const number = (extra: JsonSchema = {}): JsonSchema => ({ type: 'number', ...extra })
export const boolean = (): JsonSchema => ({ type: 'boolean' })
export const array = (items: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({ type: 'array', items, ...extra })
export const literal = (value: string | number | boolean): JsonSchema => ({ const: value })
/** One of the given strings. */
export const oneOfStrings = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] })
/** `schema` or null. */
export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] })
/** Any of the schemas. */
export const anyOf = (...schemas: JsonSchema[]): JsonSchema => ({ anyOf: schemas })
/** An object with arbitrary keys whose values match `values`. */
export const record = (values: JsonSchema): JsonSchema => ({ type: 'object', additionalProperties: values })
/** Any JSON value: only where the answer really carries free-form data (event payloads, audit before/after). */
export const anyValue = (description: string): JsonSchema => ({ description })

/** A schema described once in `components/schemas` under `name` and referenced with `$ref`. */
export function named(name: string, schema: JsonSchema): JsonSchema {
  return { $ref: `#/components/schemas/${name}`, [COMPONENT]: { name, schema } satisfies Component }
}

/** The component a `named` schema stands for, if `node` is one. */
export const componentOf = (node: unknown): Component | undefined =>
  typeof node === 'object' && node !== null && COMPONENT in node ? (node as { [COMPONENT]: Component })[COMPONENT] : undefined

// The shapes every feature's answers share.

/** An instant, ISO 8601 with offset (`2026-04-01T01:00:00.000Z`). */
export const timestamp = named('Timestamp', string({ format: 'date-time', description: 'An instant, ISO 8601 in UTC' }))
/** A calendar date, `YYYY-MM-DD`. */
export const date = named('Date', string({ format: 'date', description: 'A calendar date, YYYY-MM-DD (Japan)' }))
/** An identifier (UUID). */
export const id = named('Id', string({ minLength: 1, description: 'An identifier' }))
/** Bilingual text `{ ja, en }`; English may be empty, then readers fall back to Japanese. */
export const bilingualText = named('BilingualText', object({ ja: string(), en: nullable(string()) }, { description: 'Bilingual text: Japanese first, English beside it (empty or null when not given)' }))
/** Bilingual text where either language may be missing. */
export const optionalBilingualText = named('OptionalBilingualText', object({ ja: nullable(string()), en: nullable(string()) }, { description: 'Bilingual text where either language may be left empty' }))

/** The error envelope every /api/v1 error answer has. */
export const errorEnvelope = named('Error', object({
  error: object({
    code: string({ examples: ['request.invalid', 'coordination.invalid_transition'], description: 'A stable code to branch on' }),
    message: string({ description: 'A message in the requested language' }),
    details: optional(anyValue('Field errors for invalid input (`{ field: message }`), or more about the error')),
  }),
}))

/** A page of a list: its items, the page number (from 1) and whether another page follows (`?page=`). */
export const pageOf = (item: JsonSchema): JsonSchema => object({ items: array(item), page: integer({ minimum: 1 }), hasMore: boolean() })

/** `{ items: [...] }`, a list that is not paged. */
export const itemsOf = (item: JsonSchema): JsonSchema => object({ items: array(item) })

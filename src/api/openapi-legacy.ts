import { legacyNames, type BilingualPaths } from '../platform/http/bilingual.js'

type JsonSchema = { type?: unknown; properties?: Record<string, JsonSchema>; items?: JsonSchema; required?: string[]; anyOf?: JsonSchema[]; allOf?: JsonSchema[]; [k: string]: unknown }

/** The headers an answer to a request in the old flat shape carries. */
export const deprecationHeaders = {
  Deprecation: {
    description: 'Present when the request used the deprecated flat bilingual fields (`titleJa` / `titleEn`): when they were deprecated, as `@` and Unix seconds (RFC 9745).',
    schema: { type: 'string', examples: ['@1796428800'] },
  },
  Link: {
    description: 'With `Deprecation`: `</api/v1/openapi.json>; rel="deprecation"`, this document, which says what replaces the old fields.',
    schema: { type: 'string' },
  },
}

/** The object schema inside `s`, looking through `anyOf` / `allOf` wrappers (optional, nullable, defaults). */
function objectIn(s: JsonSchema | undefined): JsonSchema | undefined {
  if (!s) return undefined
  if (s.properties) return s
  for (const inner of [...(s.anyOf ?? []), ...(s.allOf ?? [])]) {
    const found = objectIn(inner)
    if (found) return found
  }
  return undefined
}

function documentAt(node: JsonSchema | undefined, segments: string[]): void {
  const [head, ...rest] = segments
  const obj = objectIn(node)
  if (head === undefined || !obj?.properties) return
  const many = head.endsWith('[]')
  const key = many ? head.slice(0, -2) : head
  if (rest.length > 0) return documentAt(many ? obj.properties[key]?.items : obj.properties[key], rest)
  const canonical = objectIn(obj.properties[key])
  if (!canonical) return
  const names = legacyNames(key)
  for (const lang of ['ja', 'en'] as const) {
    obj.properties[names[lang]] = {
      ...(canonical.properties?.[lang] ?? { type: 'string' }),
      deprecated: true,
      description: `Deprecated: use \`${key}.${lang}\`. Accepted until the next release; not together with \`${key}\`.`,
    }
  }
  // The canonical field stays required, or else the old pair with the languages it requires.
  if (obj.required?.includes(key)) {
    obj.required = obj.required.filter((r) => r !== key)
    const legacyRequired = (canonical.required ?? []).map((lang) => names[lang as 'ja' | 'en'])
    const alternatives = [{ required: [key] }, { required: legacyRequired.length ? legacyRequired : [names.ja] }]
    obj.allOf = [...(obj.allOf ?? []), { anyOf: alternatives }]
  }
}

/** A request body's JSON Schema with the deprecated flat pairs of `paths` documented beside the canonical fields. */
export function withLegacyPairs<S extends object>(schema: S, paths: BilingualPaths | undefined): S {
  for (const path of paths ?? []) documentAt(schema as JsonSchema, path.split('.'))
  return schema
}

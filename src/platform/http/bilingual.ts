import { z } from 'zod'
import { errors } from '../errors.js'
import type { Ctx } from './context.js'
import { issueKey, zodFieldDetails } from './field-messages.js'

/**
 * Bilingual text in the API has one shape: `{ ja, en }` under a field name without a language
 * suffix (`title: { ja, en }`, never `titleJa` / `titleEn`). Bodies in the old flat shape are
 * still accepted for one release: they are rewritten before validation and the answer carries
 * `Deprecation` (RFC 9745) and a `Link` to the OpenAPI document, which marks the old fields.
 */

type Presence = 'required' | 'optional'

const blank = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v)
const requiredText = (max: number) => z.string().trim().min(1, 'Required.').max(max)
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional())
type Language<P extends Presence> = P extends 'optional' ? ReturnType<typeof optionalText> : ReturnType<typeof requiredText>

/** `{ ja, en }` with a length limit per language; each language required unless said otherwise. */
export function bilingual<J extends Presence = 'required', E extends Presence = 'required'>(opts: { max: number; ja?: J; en?: E }) {
  const language = (presence: Presence | undefined) => (presence === 'optional' ? optionalText(opts.max) : requiredText(opts.max))
  return z.object({ ja: language(opts.ja) as Language<J>, en: language(opts.en) as Language<E> })
}

/**
 * Where a schema's bilingual fields sit, as paths to the canonical field: `name`,
 * `vulnerabilities[].title`, `advisory.vulnerabilities[].title`. The legacy fields are the
 * canonical name with `Ja` / `En` appended.
 */
export type BilingualPaths = readonly string[]

const legacyPaths = new WeakMap<z.ZodType, BilingualPaths>()

/** Marks a request schema as still accepting the flat `xJa` / `xEn` pairs at `paths` (one release). */
export function acceptsLegacyPairs<S extends z.ZodType>(schema: S, paths: BilingualPaths): S {
  legacyPaths.set(schema, paths)
  return schema
}

/** The legacy paths a schema accepts, for the request reader and the OpenAPI document. */
export const legacyPairsOf = (schema: z.ZodType): BilingualPaths | undefined => legacyPaths.get(schema)

export const legacyNames = (field: string) => ({ ja: `${field}Ja`, en: `${field}En` })

type Rewrite = { body: unknown; legacy: string[]; mixed: string[] }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `node` with the pairs under `segments` rewritten; objects on the way are copied, never changed. */
function rewriteAt(node: unknown, segments: string[], at: string, out: Rewrite): unknown {
  const [head, ...rest] = segments
  if (head === undefined || !isRecord(node)) return node
  const many = head.endsWith('[]')
  const key = many ? head.slice(0, -2) : head
  if (rest.length > 0) {
    const child = node[key]
    if (many && Array.isArray(child)) return { ...node, [key]: child.map((item, i) => rewriteAt(item, rest, `${at}${key}.${i}.`, out)) }
    if (!many && isRecord(child)) return { ...node, [key]: rewriteAt(child, rest, `${at}${key}.`, out) }
    return node
  }
  const names = legacyNames(key)
  const given = [names.ja, names.en].filter((n) => Object.hasOwn(node, n))
  if (given.length === 0) return node
  if (Object.hasOwn(node, key)) { out.mixed.push(`${at}${key}`); return node }
  const copy: Record<string, unknown> = { ...node, [key]: Object.fromEntries(given.map((n) => [n === names.ja ? 'ja' : 'en', node[n]])) }
  for (const n of given) { delete copy[n]; out.legacy.push(`${at}${n}`) }
  return copy
}

/**
 * Rewrites flat `xJa` / `xEn` pairs at `paths` into `x: { ja, en }`, leaving `body` as it was;
 * `legacy` lists the old fields found, `mixed` the places that had both shapes.
 */
export function canonicalBilingual(body: unknown, paths: BilingualPaths): Rewrite {
  const out: Rewrite = { body, legacy: [], mixed: [] }
  for (const path of paths) out.body = rewriteAt(out.body, path.split('.'), '', out)
  return out
}

/** When the flat shape was deprecated (RFC 9745 wants the date: `@` and Unix seconds). */
export const LEGACY_PAIRS_DEPRECATED_AT = Date.UTC(2026, 11, 5) / 1000

/**
 * A JSON body for `schema`: legacy pairs become the canonical shape and the answer says it is
 * deprecated; a body that mixes both shapes is a 400, as nobody can tell which one was meant.
 */
export function acceptLegacyBilingual(c: Ctx, schema: z.ZodType, body: unknown): unknown {
  const paths = legacyPairsOf(schema)
  if (!paths) return body
  const r = canonicalBilingual(body, paths)
  if (r.mixed.length > 0) {
    throw errors.invalidInput({
      fields: Object.fromEntries(r.mixed.map((f) => {
        const n = legacyNames(f.slice(f.lastIndexOf('.') + 1))
        return [f, `Give either ${f.slice(f.lastIndexOf('.') + 1)}: { ja, en } or the deprecated ${n.ja} / ${n.en}, not both.`]
      })),
    })
  }
  if (r.legacy.length > 0) {
    c.header('Deprecation', `@${LEGACY_PAIRS_DEPRECATED_AT}`)
    c.header('Link', '</api/v1/openapi.json>; rel="deprecation"; type="application/json"', { append: true })
  }
  return r.body
}

/** A canonical field error renamed after a flat form's field: `vulnerabilities.0.title.ja` → `vulnerabilities.0.titleJa`. */
function flatName(key: string, paths: BilingualPaths): string {
  const leaves = new Set(paths.map((p) => p.slice(p.lastIndexOf('.') + 1).replace('[]', '')))
  const m = /^(.*?)([A-Za-z]+)\.(ja|en)$/.exec(key)
  return m && leaves.has(m[2]!) ? `${m[1]}${m[2]}${m[3] === 'ja' ? 'Ja' : 'En'}` : key
}

/**
 * For an HTML form that keeps its flat field names (`nameJa`, `nameEn`): the form parsed by a
 * canonical-shape schema, its field errors named after the form's fields again.
 */
export function parseFlatForm<S extends z.ZodType>(schema: S, body: Record<string, unknown>, paths: BilingualPaths = legacyPairsOf(schema) ?? []): z.infer<S> {
  const result = schema.safeParse(canonicalBilingual(body, paths).body, { error: issueKey })
  if (result.success) return result.data
  throw errors.invalidInput(zodFieldDetails(result.error, (key) => flatName(key, paths)))
}

const ASCII_ONLY = /^[\x20-\x7E]*$/

/**
 * A name given in one language only (the shape before names were bilingual) as `{ ja, en }`: it
 * is the Japanese, and the English too when it is plain ASCII ("Example Corp", "WR-1000"). A name
 * in Japanese script gets no English rather than Japanese in the English field.
 */
export const fromSingleName = (name: string): { ja: string; en: string } => ({ ja: name, en: ASCII_ONLY.test(name) ? name : '' })

/** `{ ja, en }`, or a bare string in the shape before names were bilingual (see `fromSingleName`). */
export const bilingualName = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' ? fromSingleName(v) : v), schema)

/**
 * The English of a pair, empty when it is only the Japanese copied over (a vendor named in one
 * language, the catalogue's names before migration 0018): "English" in Japanese script is a fallback.
 */
export const englishOf = (text: { ja: string; en: string }): string => (text.en === text.ja && !ASCII_ONLY.test(text.en) ? '' : text.en)

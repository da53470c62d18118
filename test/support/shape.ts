/**
 * Structural comparison for format round-trips: the shape of a document — element and attribute
 * names (XML) or keys and value types (JSON) — without its values. Two documents about different
 * entries have the same shape when a client reading one reads the other.
 */

/** Two shapes as one: every key of either, nested objects and arrays united all the way down. */
function unite(a: unknown, b: unknown): unknown {
  const isObject = (x: unknown): x is Record<string, unknown> => Boolean(x) && typeof x === 'object' && !Array.isArray(x)
  if (Array.isArray(a) && Array.isArray(b)) return [unite(a[0], b[0])]
  if (!isObject(a) || !isObject(b)) return b
  const out: Record<string, unknown> = { ...a }
  for (const [k, v] of Object.entries(b)) out[k] = k in a ? unite(a[k], v) : v
  return out
}

/**
 * The JSON shape: objects as sorted key → shape, arrays as the union of their items' shapes (deep:
 * a key found in the nested objects of any item counts), scalars as their type.
 */
export function jsonShape(v: unknown): unknown {
  if (Array.isArray(v)) {
    let merged: Record<string, unknown> = {}
    for (const item of v) {
      const s = jsonShape(item)
      if (s && typeof s === 'object' && !Array.isArray(s)) merged = unite(merged, s) as Record<string, unknown>
      else merged[`<${String(s)}>`] = true
    }
    return [merged]
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, jsonShape((v as Record<string, unknown>)[k])]))
  return v === null ? 'null' : typeof v
}

/** Paths (`a.b[].c:type`) present in `expected`'s shape and missing in `actual`'s. */
export function missingJsonPaths(expected: unknown, actual: unknown): string[] {
  const paths = (s: unknown, prefix: string, out: Set<string>) => {
    if (Array.isArray(s)) { for (const item of s) paths(item, `${prefix}[]`, out); return out }
    if (s && typeof s === 'object') { for (const [k, v] of Object.entries(s)) paths(v, prefix ? `${prefix}.${k}` : k, out); return out }
    out.add(`${prefix}:${String(s)}`)
    return out
  }
  const have = paths(jsonShape(actual), '', new Set())
  return [...paths(jsonShape(expected), '', new Set())].filter((p) => !have.has(p))
}

/**
 * The XML shape: every element path with its attribute names (`/rdf:RDF/item/sec:cvss@score`),
 * read with a small tokenizer (comments, declarations and text skipped). Prefixes are kept as
 * written: both sides use the MyJVN prefixes.
 */
export function xmlPaths(doc: string): Set<string> {
  const out = new Set<string>()
  const stack: string[] = []
  const body = doc.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '')
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))*)\s*(\/?)>/g)) {
    const [, closing, name, attrs, selfClosing] = m
    if (closing) { stack.pop(); continue }
    stack.push(name!)
    const path = `/${stack.join('/')}`
    out.add(path)
    for (const a of attrs!.matchAll(/([\w.:-]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/g)) if (!a[1]!.startsWith('xmlns') && a[1] !== 'xsi:schemaLocation') out.add(`${path}@${a[1]}`)
    if (selfClosing) stack.pop()
  }
  return out
}

/** XML paths of `expected` missing in `actual`, except those `optional` names (prefix match). */
export function missingXmlPaths(expected: string, actual: string, optional: string[] = []): string[] {
  const have = xmlPaths(actual)
  return [...xmlPaths(expected)].filter((p) => !have.has(p) && !optional.some((o) => p.startsWith(o)))
}

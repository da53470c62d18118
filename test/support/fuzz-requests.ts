import fc from 'fast-check'
import type { FuzzActor, FuzzWorld } from './fuzz-world.js'

/** A route the app serves: its method and its pattern (`/cases/:caseId/attachments/:attachmentId`). */
export type Route = { method: string; path: string }

/** One generated request, printable as it is when fast-check reports a counterexample. */
export type FuzzRequest = { actor: FuzzActor; method: string; path: string; headers: Record<string, string>; body?: string }

/** The routes of a Hono app, without its middleware entries (`ALL`), each method and pattern once. */
export function servedRoutes(app: { routes: { method: string; path: string }[] }): Route[] {
  const seen = new Map<string, Route>()
  for (const r of app.routes) if (r.method !== 'ALL') seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path })
  return [...seen.values()].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`))
}

/** Strings people and probes send: nasty ones by name, then any text, with NUL, lone surrogates and controls among it. */
const nasty = fc.constantFrom(
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\ud83d', '😀', '\r\n', '"', "'", '\\', '%', '%00', '%zz', '../../etc/passwd',
  '<script>alert(1)</script>', "' or 1=1 --", '${7*7}', 'null', 'undefined', 'true', '-1', '0', '1e309', 'NaN', '9'.repeat(40),
  '2026-02-30', '2026-13-01', '2026-02-29T24:00', '0000-00-00', '2026-04-01T01:00:00Z', 'CVE-2026-0001', 'CWE-79', 'KK-2026-000001',
  'JVN#00000000', 'KKA-2026-0001', 'x'.repeat(5_000), 'ア'.repeat(300), '\u202etxt.exe', 'a\u2028b', 'https://example.jp/\u0000',
  'javascript:alert(1)', '//evil.example', 'mailto:a@b', 'a@b', '@', 'ja', 'en', 'all', 'on',
)
export const junkText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: nasty },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(nasty, fc.string({ maxLength: 10 }), nasty).map((p) => p.join('')) },
)

/** Percent-encoding of any string as UTF-8 (a lone surrogate becomes U+FFFD's bytes, as a browser would send it). */
const encode = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('')

/** A path segment: junk encoded, junk left raw where a URL allows it, or a broken escape. */
const junkSegment: fc.Arbitrary<string> = fc.oneof(
  junkText.map(encode),
  fc.constantFrom('%00', '%ED%A0%80', '%E0%A4%A', '%', '%zz', '..', '.', '%2F', '%2e%2e', 'a%00b', '-', '0', 'null'),
  fc.stringMatching(/^[A-Za-z0-9_.~-]{1,40}$/),
)

/** Names the routes read from query strings and bodies, so junk reaches the code behind them. */
const FIELD_NAMES = [
  'q', 'page', 'limit', 'status', 'type', 'bucket', 'filter', 'pageSize', 'mine', 'case', 'next', 'lang', 'asOf', 'longRunningDays', 'date',
  'cwe', 'severity', 'vulnerabilityType', 'skipped', 'saved', 'received', 'n', 'email', 'password', 'code', 'displayName', 'name',
  'productName', 'productVersion', 'productType', 'developerName', 'description', 'reproduction', 'impact', 'finderName', 'finderEmail',
  'urls', 'operatorName', 'nameJa', 'nameEn', 'orgType', 'organizationId', 'contactId', 'caseIds', 'reason', 'note', 'body', 'title',
  'publishAt', 'fixedOn', 'fixType', 'heldOn', 'attemptedOn', 'receivedOn', 'supportEndDate', 'agreedPublicationAt', 'decision',
  'response', 'statementJa', 'statement', 'vulnerabilityTitle', 'roles', 'locale', 'ending', 'identifier', 'cveId', 'cweId', 'vectorString', 'attachments', '_csrf',
] as const
const fieldName: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELD_NAMES) }, { weight: 1, arbitrary: junkText })

const queryString: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: fc.array(fc.tuple(fieldName, junkText), { maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')) },
  { weight: 1, arbitrary: fc.constantFrom('q=%00', 'page=-1', 'page=1e9', 'lang=xx', '=', '&&', 'q', 'q=%E0%A4%A', 'q=%ZZ', 'a[]=1&a[]=2', 'status=x%00') },
)

/** JSON values shaped like the app's bodies: known field names with junk, nested a little. */
const jsonLeaf: fc.Arbitrary<unknown> = fc.oneof(junkText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String))
const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    jsonLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fieldName, tie('value'), { maxKeys: 6 })),
})).value
/** JSON text: objects with the app's field names, any JSON, or text that is not JSON at all. */
const jsonBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(fieldName, jsonValue, { maxKeys: 8 }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: jsonValue.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '{"a":', 'nul', '[1,]', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"__proto__":{"x":1}}', '[[[[[[[[[[]]]]]]]]]]', '1e999') },
  { weight: 1, arbitrary: junkText },
)

const formPairs = fc.array(fc.tuple(fieldName, junkText), { maxLength: 6 })
const urlencoded = (pairs: [string, string][], csrf?: string) =>
  [...(csrf ? [['_csrf', csrf] as [string, string]] : []), ...pairs].map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')

/** A multipart body: well-formed parts (some files with hostile names), or broken framing. */
function multipartBody(boundary: string, pairs: [string, string][], files: [string, string][], csrf?: string, broken = 0): string {
  const parts = [...(csrf ? [['_csrf', csrf] as [string, string]] : []), ...pairs].map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/["\r\n]/g, '_')}"\r\n\r\n${v}\r\n`)
  for (const [name, content] of files) parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n`)
  const body = `${parts.join('')}--${boundary}--\r\n`
  if (broken === 1) return body.replaceAll(`--${boundary}`, '--other')
  if (broken === 2) return body.slice(0, Math.floor(body.length / 2))
  return body
}

type BodyKind = 'none' | 'json' | 'form' | 'multipart' | 'text'
const CONTENT_TYPES: Record<BodyKind, fc.Arbitrary<string | undefined>> = {
  none: fc.constantFrom(undefined, 'application/json', 'multipart/form-data'),
  json: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded'),
  form: fc.constantFrom('application/x-www-form-urlencoded', 'application/json'),
  multipart: fc.constantFrom('multipart/form-data; boundary=fzb', 'multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="fzb"', 'multipart/mixed; boundary=fzb'),
  text: fc.constantFrom('text/plain', 'application/xml', 'application/octet-stream', 'x/y;;;', 'application/json'),
}

/** Header values a client can send (ISO-8859-1, no line breaks): junk for the headers the app reads. */
const headerText = fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[\u0000-\u001f\u007f]/g, ''))
const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.record({
  'accept-language': fc.oneof(fc.constantFrom('en', 'ja', 'en-US,en;q=0.9', '*', 'xx;q=abc'), headerText),
  'accept': fc.constantFrom('text/html', 'application/json', '*/*', 'application/rss+xml', 'text/csv'),
  'cookie': fc.oneof(fc.constantFrom('keikai_lang=en', 'keikai_lang=%00', 'keikai_session=x', 'keikai_csrf=;;;'), headerText),
  'x-csrf-token': headerText,
  'authorization': fc.oneof(fc.constantFrom('Bearer', 'Bearer ', 'Bearer x', 'Basic Zm9vOmJhcg==', 'bearer %00'), headerText),
}, { requiredKeys: [] })

/** A path for a route pattern: each parameter a real id of a seeded object, or junk. */
function pathFor(pattern: string, world: FuzzWorld): fc.Arbitrary<string> {
  const names = [...pattern.matchAll(/:(\w+)(\{[^}]*\})?/g)]
  if (names.length === 0) return fc.constant(pattern)
  return fc.tuple(...names.map(([, name, regex]) => {
    const real = world.params[name!]
    const choices = regex ? regex.slice(1, -1).split('|') : []
    return fc.oneof(
      { weight: 3, arbitrary: real ? fc.constant(real) : choices.length ? fc.constantFrom(...choices) : junkSegment },
      { weight: 2, arbitrary: junkSegment },
    )
  })).map((values) => {
    let i = 0
    return pattern.replace(/:(\w+)(\{[^}]*\})?/g, () => values[i++]!)
  })
}

/** A request to one of `routes`: its method (now and then another), a path, a query, headers and a body of some kind. */
export function fuzzRequest(routes: Route[], world: FuzzWorld, actors: FuzzActor[]): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...routes).chain((route) => fc.record({
    actor: fc.constantFrom(...actors),
    method: fc.oneof({ weight: 9, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS') }),
    path: pathFor(route.path, world),
    query: queryString,
    headers: extraHeaders,
    kind: fc.constantFrom<BodyKind>('none', 'json', 'json', 'form', 'multipart', 'text'),
    withCsrf: fc.boolean(),
    json: jsonBody,
    pairs: formPairs,
    files: fc.array(fc.tuple(fc.oneof(junkText, fc.constantFrom('a\r\nb.txt', 'a"b.txt', 'x\\y.txt', '')), junkText), { maxLength: 2 }),
    broken: fc.nat(2),
    text: junkText,
  }).chain((g) => (CONTENT_TYPES[g.kind]).map((contentType): FuzzRequest => {
    const csrf = g.withCsrf ? world.csrf[g.actor]?.token : undefined
    const body = g.method === 'GET' || g.method === 'HEAD' ? undefined
      : g.kind === 'json' ? g.json
        : g.kind === 'form' ? urlencoded(g.pairs, csrf)
          : g.kind === 'multipart' ? multipartBody('fzb', g.pairs, g.files, csrf, g.broken)
            : g.kind === 'text' ? g.text : undefined
    // The actor's own credentials win over junk ones, so signed-in requests stay signed in.
    const headers: Record<string, string> = { ...g.headers, ...(contentType && body !== undefined ? { 'content-type': contentType } : {}) }
    if (g.actor !== 'anonymous') for (const k of ['authorization', 'cookie', 'x-csrf-token']) delete headers[k]
    // With its CSRF token, a request gets past the check to the route: in the form, or as the header.
    const own = world.csrf[g.actor]
    if (g.withCsrf && own) {
      if (own.cookie) headers.cookie = own.cookie
      if (g.kind !== 'form' && g.kind !== 'multipart') headers['x-csrf-token'] = own.token
    }
    return { actor: g.actor, method: g.method, path: g.query ? `${g.path}?${g.query}` : g.path, headers, body }
  })))
}

/** Sends a generated request as its actor; returns the status and how long the whole answer took. */
export async function send(app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }, world: FuzzWorld, r: FuzzRequest) {
  const started = performance.now()
  const res = await app.request(r.path, { method: r.method, headers: { ...r.headers, ...world.credentials[r.actor] }, body: r.body })
  const text = await res.text()
  return { status: res.status, ms: performance.now() - started, text }
}

import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { Hono } from 'hono'
import type { AppEnv } from './context.js'
import { FAVICON_SVG } from './favicon.js'
import { SECURITY_HEADERS } from './security-headers.js'

/**
 * The portal's static files: the style sheet and the icon. Held in memory with their ETag, served
 * by the server's listener before any request pipeline (page-cache.ts `cachedListener`), and by
 * these routes to whatever reaches Hono (tests, `app.request`).
 */
export type StaticAsset = { path: string; body: Buffer; headers: Record<string, string>; etag: string; raw: string[] }

function asset(path: string, body: string, type: string, maxAge: number): StaticAsset {
  const bytes = Buffer.from(body)
  const etag = `"${createHash('sha1').update(bytes).digest('base64url')}"`
  const headers = { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': `public, max-age=${maxAge}`, etag }
  return { path, body: bytes, etag, headers, raw: Object.entries({ ...headers, 'content-length': String(bytes.length) }).flat() }
}

// Beside this module in src/; beside the bundle (dist/main.js) the build copies it to platform/http/static/.
const cssUrl = [new URL('./static/app.css', import.meta.url), new URL('./platform/http/static/app.css', import.meta.url)].find((u) => existsSync(u))
if (!cssUrl) throw new Error('app.css is missing: run the build again (npm run build)')
const css = readFileSync(cssUrl, 'utf8')

export const staticAssets: ReadonlyMap<string, StaticAsset> = new Map([
  asset('/static/app.css', css, 'text/css; charset=utf-8', 3600),
  // An SVG body at /favicon.ico too: where browsers and tools look without asking the page.
  asset('/favicon.svg', FAVICON_SVG, 'image/svg+xml', 86400),
  asset('/favicon.ico', FAVICON_SVG, 'image/svg+xml', 86400),
].map((a) => [a.path, a]))

/** The same files through Hono, with 304 for a conditional request. */
export const staticRoutes = new Hono<AppEnv>()
for (const a of staticAssets.values()) {
  staticRoutes.get(a.path, (c) => {
    if (c.req.header('if-none-match') === a.etag) return c.body(null, 304, { etag: a.etag })
    return c.body(new Uint8Array(a.body), 200, a.headers)
  })
}

import { Hono } from 'hono'
import type { AppEnv } from './context.js'

/** keikai's icon: a warning triangle (警戒) on the site's dark blue. Small enough to inline. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d3557"/><path d="M16 5 28 26H4Z" fill="#f1c40f"/><rect x="14.5" y="12" width="3" height="8" rx="1" fill="#1d3557"/><circle cx="16" cy="23" r="1.6" fill="#1d3557"/></svg>`

/**
 * The icon at /favicon.svg (the layout links it) and /favicon.ico (where browsers and tools look
 * without asking the page; an SVG body is fine for them).
 */
export const faviconRoutes = new Hono<AppEnv>()
for (const path of ['/favicon.svg', '/favicon.ico']) {
  faviconRoutes.get(path, (c) => c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }))
}

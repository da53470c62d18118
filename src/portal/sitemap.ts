import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { publicCache } from '../platform/http/page-cache.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import { identifierSlug, latestRevisionTimes } from '../advisories/index.js'
import { publicAlertLocations } from '../alerts/index.js'
import { alertPath } from '../alerts/index.js'
import { jstDateTime, xml } from './rss.js'

/**
 * The portal's sitemap (sitemaps.org 0.9) and robots.txt. `/sitemap.xml` is a sitemap index: one
 * sitemap of the fixed pages and published alerts (`/sitemaps/pages.xml`), then the public
 * advisories oldest first in pages of ADVISORIES_PER_SITEMAP (`/sitemaps/advisories-N.xml`), each
 * read with one paged query — a national database of 200,000 entries is far over the protocol's
 * 50,000 URLs for one file. Oldest first, so a new publication lands on the last page and the
 * earlier pages keep their bytes (the static export rewrites little). Only public pages appear:
 * advisories through `publicAdvisories` (the one visibility rule) and alerts through
 * `publicAlerts` — never a case, a report, a draft or a staff page.
 */
export const sitemapRoutes = new Hono<AppEnv>()

/** The protocol's limit for one sitemap file. */
export const SITEMAP_MAX_URLS = 50_000
/** Advisories in one sitemap page: well under the limit, so a page stays small to render and cache. */
export const ADVISORIES_PER_SITEMAP = 10_000

const FIXED_PAGES = ['/', '/advisories', '/archive', '/uncontactable', '/alerts']
const XML = { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' }

type Location = { path: string; lastModified?: Date }

/** How many sitemap pages the public advisories fill (at least one, so the index never names nothing). */
async function advisoryPageCount(db: DB, now: Date): Promise<number> {
  const row = await publicAdvisories(db, now).where('advisories.identifier', 'is not', null)
    .select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
  return Math.max(1, Math.ceil(Number(row.n) / ADVISORIES_PER_SITEMAP))
}

/** One page of public advisories, oldest first, each with its publication or latest revision time. */
export async function advisoryLocations(db: DB, now: Date, page: number): Promise<Location[]> {
  const rows = await publicAdvisories(db, now)
    .select(['advisories.id', 'advisories.identifier', 'advisories.publish_at'])
    .where('advisories.identifier', 'is not', null)
    .orderBy('advisories.publish_at', 'asc').orderBy('advisories.id', 'asc')
    .limit(ADVISORIES_PER_SITEMAP).offset((page - 1) * ADVISORIES_PER_SITEMAP).execute()
  // The revision times of this page's rows only, not an aggregate over every advisory.
  const revised = await latestRevisionTimes(db, rows.map((r) => r.id))
  return rows.map((r) => {
    const published = new Date(r.publish_at!)
    const latest = revised.get(r.id)
    return { path: `/advisories/${identifierSlug(r.identifier!)}`, lastModified: latest && latest > published ? latest : published }
  })
}

/** The sitemap document; every value passes through `xml()`. */
export function sitemapXml(baseUrl: string, locations: Location[]): string {
  const urls = locations.map((l) =>
    `  <url>\n    <loc>${xml(baseUrl + l.path)}</loc>${l.lastModified ? `\n    <lastmod>${jstDateTime(l.lastModified)}</lastmod>` : ''}\n  </url>\n`)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('')}</urlset>\n`
}

/** The sitemap index document: the address of each sitemap page. */
export function sitemapIndexXml(baseUrl: string, paths: string[]): string {
  const entries = paths.map((p) => `  <sitemap>\n    <loc>${xml(baseUrl + p)}</loc>\n  </sitemap>\n`)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('')}</sitemapindex>\n`
}

/** The sitemap pages the index names, in order. */
export async function sitemapPages(db: DB, now: Date): Promise<string[]> {
  const pages = await advisoryPageCount(db, now)
  return ['/sitemaps/pages.xml', ...Array.from({ length: pages }, (_, i) => `/sitemaps/advisories-${i + 1}.xml`)]
}

// A cached sitemap may list a page late, never early.
sitemapRoutes.get('/sitemap.xml', publicCache, async (c) => {
  const { db, clock, config } = c.var.deps
  return c.body(sitemapIndexXml(config.publicUrl, await sitemapPages(db, clock.now())), 200, XML)
})

sitemapRoutes.get('/sitemaps/:sitemapFile', publicCache, async (c) => {
  const { db, clock, config } = c.var.deps
  const now = clock.now()
  const file = c.req.param('sitemapFile')
  if (file === 'pages.xml') {
    const fixed: Location[] = FIXED_PAGES.map((path) => ({ path }))
    const alerts = (await publicAlertLocations(db, now, SITEMAP_MAX_URLS - fixed.length))
      .map((a) => ({ path: alertPath(a.identifier), lastModified: a.lastModified }))
    return c.body(sitemapXml(config.publicUrl, [...fixed, ...alerts]), 200, XML)
  }
  const m = /^advisories-([1-9]\d{0,5})\.xml$/.exec(file)
  if (!m) throw errors.notFound()
  const page = Number(m[1])
  // The first page always exists (empty while nothing is public); a page past the end is a 404.
  const locations = await advisoryLocations(db, now, page)
  if (page > 1 && locations.length === 0) throw errors.notFound()
  return c.body(sitemapXml(config.publicUrl, locations), 200, XML)
})

sitemapRoutes.get('/robots.txt', (c) => {
  // Secret links (tracking, invitations) are never linked publicly; this keeps well-behaved
  // crawlers off them should one leak into a referrer or a log.
  const body = [
    'User-agent: *',
    'Disallow: /track/',
    'Disallow: /invitations/',
    'Disallow: /api/v1/tracking/',
    '',
    `Sitemap: ${c.var.deps.config.publicUrl}/sitemap.xml`,
    '',
  ].join('\n')
  return c.body(body, 200, { 'Content-Type': 'text/plain; charset=utf-8' })
})

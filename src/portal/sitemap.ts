import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import { identifierSlug } from '../advisories/index.js'
import { publicAlertLocations } from '../alerts/index.js'
import { alertPath } from '../alerts/index.js'
import { jstDateTime, xml } from './rss.js'

/**
 * The portal's sitemap (sitemaps.org 0.9) and robots.txt. Only public pages appear: the fixed
 * portal pages, public advisories through `publicAdvisories` (the one visibility rule) and
 * published alerts through `publicAlerts` — never a case, a report, a draft or a staff page.
 */
export const sitemapRoutes = new Hono<AppEnv>()

/** The protocol's limit for one sitemap file; beyond it the oldest advisories are left out. */
export const SITEMAP_MAX_URLS = 50_000

const FIXED_PAGES = ['/', '/advisories', '/uncontactable', '/alerts']

type Location = { path: string; lastModified?: Date }

/** Public advisories, newest first, each with its publication or latest revision time. */
async function advisoryLocations(db: DB, now: Date, limit: number): Promise<Location[]> {
  if (limit <= 0) return []
  const rows = await publicAdvisories(db, now)
    .leftJoin(
      (eb) => eb.selectFrom('advisory_revisions').select(['advisory_id', (e) => e.fn.max('revised_at').as('latest')]).groupBy('advisory_id').as('r'),
      (join) => join.onRef('r.advisory_id', '=', 'advisories.id'),
    )
    .select(['advisories.identifier', 'advisories.publish_at', 'r.latest'])
    .where('advisories.identifier', 'is not', null)
    .orderBy('advisories.publish_at', 'desc').orderBy('advisories.identifier', 'desc').limit(limit).execute()
  return rows.map((r) => {
    const published = r.publish_at!
    const latest = r.latest ? new Date(r.latest as Date) : null
    return { path: `/advisories/${identifierSlug(r.identifier!)}`, lastModified: latest && latest > published ? latest : published }
  })
}

/** The sitemap document; every value passes through `xml()`. */
export function sitemapXml(baseUrl: string, locations: Location[]): string {
  const urls = locations.map((l) =>
    `  <url>\n    <loc>${xml(baseUrl + l.path)}</loc>${l.lastModified ? `\n    <lastmod>${jstDateTime(l.lastModified)}</lastmod>` : ''}\n  </url>\n`)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('')}</urlset>\n`
}

sitemapRoutes.get('/sitemap.xml', async (c) => {
  const { db, clock, config } = c.var.deps
  const now = clock.now()
  const fixed: Location[] = FIXED_PAGES.map((path) => ({ path }))
  const alerts = (await publicAlertLocations(db, now, SITEMAP_MAX_URLS - fixed.length))
    .map((a) => ({ path: alertPath(a.identifier), lastModified: a.lastModified }))
  const advisories = await advisoryLocations(db, now, SITEMAP_MAX_URLS - fixed.length - alerts.length)
  // A cached sitemap may list a page late, never early.
  return c.body(sitemapXml(config.publicUrl, [...fixed, ...advisories, ...alerts]), 200, {
    'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=300',
  })
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

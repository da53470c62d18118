import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { parseWith } from '../platform/http/validate.js'
import { errors } from '../platform/errors.js'
import { pick } from '../advisories/index.js'
import { ALERT_IDENTIFIER, publicApiListQuerySchema, publicListQuerySchema } from './alerts.schemas.js'
import { findPublicAlert, latestRevisionTimes, listPublicAlerts, listRevisions } from './alerts.repository.js'
import { alertJson, alertSummaryJson, presentAlert, type PublicAlert } from './public-alert.js'
import { alertsRss } from './alerts-rss.js'
import { PublicAlertList, PublicAlertPage } from './alerts.views.js'
import { staffAlertRoutes } from './alerts-staff.routes.js'
import { staffAlertsApi } from './alerts.api.js'

/**
 * Public alerts (注意喚起) on the portal — list, detail, RSS 1.0 feed, JSON API — for everyone,
 * signed in or not. Everything public reads through `publicAlerts` (alerts.repository.ts): a draft
 * is a 404 everywhere. Staff pages and the staff API are mounted from their own files.
 */
export const alertsRoutes = new Hono<AppEnv>()

const PAGE_SIZE = 20

async function listPublic(c: Ctx, p: { limit: number; offset: number }): Promise<{ items: PublicAlert[]; hasMore: boolean }> {
  const { db, clock } = c.var.deps
  const { items, hasMore } = await listPublicAlerts(db, clock.now(), p)
  const revised = await latestRevisionTimes(db, items.map((a) => a.id))
  return { items: items.map((a) => presentAlert(a, [], revised.get(a.id))), hasMore }
}

async function findPublic(c: Ctx): Promise<PublicAlert> {
  const slug = c.req.param('alertSlug') ?? ''
  if (!ALERT_IDENTIFIER.test(slug)) throw errors.notFound()
  const { db, clock } = c.var.deps
  const alert = await findPublicAlert(db, clock.now(), slug)
  if (!alert) throw errors.notFound()
  return presentAlert(alert, await listRevisions(db, alert.id))
}

alertsRoutes.get('/alerts', async (c) => {
  const query = parseWith(publicListQuerySchema, c.req.query())
  const { items, hasMore } = await listPublic(c, { limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE })
  return page(c, c.var.t('alerts.public_title'), <PublicAlertList c={c} items={items} page={query.page} hasMore={hasMore} />)
})

alertsRoutes.get('/alerts/:alertSlug', async (c) => {
  const alert = await findPublic(c)
  return page(c, pick(alert.title, c.var.lang), <PublicAlertPage c={c} alert={alert} />)
})

alertsRoutes.get('/rss/alerts.rdf', async (c) => {
  const { items } = await listPublic(c, { limit: 50, offset: 0 })
  const { t, lang } = c.var
  const body = alertsRss({
    items, lang, baseUrl: c.var.deps.config.publicUrl, now: c.var.deps.clock.now(),
    title: t('alerts.rss_title'), description: t('alerts.rss_description'),
  })
  // Short-lived caching only: a cached feed may show an alert late, never early.
  return c.body(body, 200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'public, max-age=60' })
})

alertsRoutes.get('/api/v1/alerts', async (c) => {
  const query = parseWith(publicApiListQuerySchema, c.req.query())
  const { items, hasMore } = await listPublic(c, { limit: query.limit, offset: (query.page - 1) * query.limit })
  const baseUrl = c.var.deps.config.publicUrl
  return c.json({ items: items.map((a) => alertSummaryJson(a, baseUrl)), page: query.page, hasMore })
})

alertsRoutes.get('/api/v1/alerts/:alertSlug', async (c) => c.json(alertJson(await findPublic(c), c.var.deps.config.publicUrl)))

alertsRoutes.route('/', staffAlertRoutes)
alertsRoutes.route('/', staffAlertsApi)

import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { publicCache } from '../platform/http/page-cache.js'
import { parseWith } from '../platform/http/validate.js'
import { refusedInput } from '../platform/http/forms.js'
import { errors } from '../platform/errors.js'
import { AdvisoryDetail } from '../advisories/index.js'
import { formatsOf, identifierFromSlug, isJvndbId } from '../advisories/index.js'
import { advisoryJson, advisorySummaryJson, pick, presentAdvisory, type PublicAdvisory } from '../advisories/index.js'
import { findPublicAdvisory, latestRevisionTimes, listPublicAdvisories, type MatchCount, type PublicFilters } from '../advisories/index.js'
import { apiListQuerySchema, listQuerySchema, rawListQuery, type ListQuery } from './portal.schemas.js'
import { HomePage, IndexPage, RefusedSearchPage } from './portal.views.js'
import { advisoriesRss } from './rss.js'
import { publicAlerts } from '../alerts/index.js'

/**
 * The public portal (DESIGN §6): home, advisory index and search, detail pages, the JVNRSS feed
 * and the public JSON API. Everything here reads through public-advisories.repository.ts, whose
 * one visibility rule decides what exists; anything else is a 404.
 */
export const portalRoutes = new Hono<AppEnv>()

const PAGE_SIZE = 20

/** Public advisories with their latest revision dates, newest publication first (or by relevance), counted when asked. */
async function listPublic(c: Ctx, filters: PublicFilters): Promise<{ items: PublicAdvisory[]; hasMore: boolean; total?: MatchCount | undefined }> {
  const { db, clock } = c.var.deps
  const { items, hasMore, total } = await listPublicAdvisories(db, clock.now(), filters)
  const revised = await latestRevisionTimes(db, items.map((a) => a.id))
  return { items: items.map((a) => presentAdvisory(a, [], revised.get(a.id))), hasMore, total }
}

/** A detail lookup by URL slug (`JVN12345678`); the API also takes the identifier itself (`JVN%2312345678`). */
async function findPublic(c: Ctx, slugOrIdentifier: string): Promise<PublicAdvisory> {
  const identifier = identifierFromSlug(slugOrIdentifier) ?? identifierFromSlug(slugOrIdentifier.replace('#', ''))
    ?? (isJvndbId(slugOrIdentifier) ? slugOrIdentifier : null)
  if (!identifier) throw errors.notFound()
  const { db, clock } = c.var.deps
  const found = await findPublicAdvisory(db, clock.now(), identifier)
  if (!found) throw errors.notFound()
  return presentAdvisory(found.advisory, found.revisions)
}

portalRoutes.get('/', publicCache, async (c) => {
  const { items } = await listPublic(c, { limit: 10, offset: 0 })
  const alerts = await publicAlerts(c.var.deps.db, c.var.deps.clock.now()).select(['identifier', 'title_ja', 'title_en', 'published_at'])
    .orderBy('published_at', 'desc').limit(3).execute()
  return page(c, c.var.t('portal.home_title'), <HomePage c={c} latest={items} alerts={alerts} />)
})

portalRoutes.get('/advisories', publicCache, async (c) => {
  let query: ListQuery
  try {
    query = parseWith(listQuerySchema, c.req.query())
  } catch (e) {
    // A value that cannot be read: 400, with the form as typed and what is wrong with it.
    const error = refusedInput(e)
    return page(c, c.var.t('portal.index_title'), <RefusedSearchPage c={c} values={rawListQuery(c.req.query())} error={error} />, 400)
  }
  const { items, hasMore, total } = await listPublic(c, { ...query, limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE, count: true })
  return page(c, c.var.t('portal.index_title'), <IndexPage c={c} query={query} items={items} hasMore={hasMore} total={total} />)
})

portalRoutes.get('/advisories/:slug', publicCache, async (c) => {
  const advisory = await findPublic(c, c.req.param('slug'))
  // A JVN iPedia number finds the advisory too; its one address is the JVN# page.
  if (advisory.path && advisory.path !== c.req.path && isJvndbId(c.req.param('slug'))) return c.redirect(advisory.path + new URL(c.req.url).search, 301)
  const { t, lang } = c.var
  const formats = formatsOf(advisory)
  const alternates = formats.flatMap((f) => f.links.map((l) => ({ type: f.type, href: l.href, title: `${t(f.label)}${l.text ? ` ${l.text}` : ''}` })))
  return page(c, pick(advisory.title, lang), <AdvisoryDetail t={t} lang={lang} advisory={advisory} formats={formats} />, 200, { alternates })
})

portalRoutes.get('/rss/advisories.rdf', publicCache, async (c) => {
  const { items } = await listPublic(c, { limit: 50, offset: 0 })
  const { t, lang } = c.var
  const body = advisoriesRss({
    items, lang, baseUrl: c.var.deps.config.publicUrl, now: c.var.deps.clock.now(),
    title: t('portal.rss_title'), description: t('portal.rss_description'),
  })
  // Short-lived caching only: a cached feed may show an advisory late, never early.
  return c.body(body, 200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'public, max-age=60' })
})

// ---- public JSON API ----

portalRoutes.get('/api/v1/advisories', publicCache, async (c) => {
  const query = parseWith(apiListQuerySchema, c.req.query())
  const { items, hasMore, total } = await listPublic(c, { ...query, offset: (query.page - 1) * query.limit, count: true })
  const baseUrl = c.var.deps.config.publicUrl
  return c.json({ items: items.map((a) => advisorySummaryJson(a, baseUrl)), page: query.page, hasMore, total })
})

portalRoutes.get('/api/v1/advisories/:identifier', publicCache, async (c) => {
  const advisory = await findPublic(c, c.req.param('identifier'))
  return c.json(advisoryJson(advisory, c.var.deps.config.publicUrl))
})

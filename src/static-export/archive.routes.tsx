import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { publicCache } from '../platform/http/page-cache.js'
import { errors } from '../platform/errors.js'
import { archiveEntries, archiveMonths, MONTH } from './archive.repository.js'
import { ArchiveIndexPage, ArchiveMonthPage } from './archive.views.js'

/**
 * The advisories archive: one page per month of publication (Japan time), addressed without a
 * query string. Unlike the index's `?page=N`, an advisory's archive page never changes with later
 * publications, so a static export (and a CDN) can keep every page as a file.
 */
export const archiveRoutes = new Hono<AppEnv>()

archiveRoutes.get('/archive', publicCache, async (c) => {
  const { db, clock } = c.var.deps
  return page(c, c.var.t('archive.title'), <ArchiveIndexPage c={c} months={await archiveMonths(db, clock.now())} />)
})

archiveRoutes.get('/archive/:archiveMonth', publicCache, async (c) => {
  const month = c.req.param('archiveMonth')
  if (!MONTH.test(month)) throw errors.notFound()
  const { db, clock } = c.var.deps
  const entries = await archiveEntries(db, clock.now(), month)
  // A month with nothing public is no page: it would tell nothing, and it must not differ from one that never held anything.
  if (entries.length === 0) throw errors.notFound()
  return page(c, c.var.t('archive.month_title', { month }), <ArchiveMonthPage c={c} entries={entries} />)
})

import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { requireAllowed } from '../platform/http/guards.js'
import { AppError } from '../platform/errors.js'
import { japanDate } from '../platform/calendar/business-days.js'
import { websiteFigures } from './website-figures.js'
import { websiteFiguresCsv } from './website-figures.csv.js'
import { parseFiguresQuery, recentQuarterEnds, type FiguresQuery } from './statistics.schemas.js'
import { WebsiteFiguresPage, WebsiteFiguresQueryError } from './website-figures.views.js'
import { statisticsPolicies } from './statistics.policies.js'

/** The website figures of DESIGN §8 for intake staff: a page, its CSV, and the JSON API. */
export const statisticsRoutes = new Hono<AppEnv>()

const figuresQuery = (c: Ctx): FiguresQuery =>
  parseFiguresQuery(c.req.query(), c.var.deps.clock.now())

statisticsRoutes.get('/statistics/websites', async (c) => {
  requireAllowed(c, statisticsPolicies.viewWebsiteStatistics)
  const { t, deps } = c.var
  const quarterEnds = recentQuarterEnds(japanDate(deps.clock.now()), 8)
  let q: FiguresQuery
  try {
    q = figuresQuery(c)
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    // The chooser comes back with the date as typed, so the person can correct it.
    return page(c, t('statistics.websites.title'), <WebsiteFiguresQueryError c={c} asOf={c.req.query('asOf') ?? ''}
      longRunningDays={c.req.query('longRunningDays') ?? '90'} quarterEnds={quarterEnds} error={e} />, 400)
  }
  const figures = await websiteFigures(deps.db, q)
  return page(c, t('statistics.websites.title'), <WebsiteFiguresPage c={c} figures={figures} q={q} quarterEnds={quarterEnds} />)
})

statisticsRoutes.get('/statistics/websites.csv', async (c) => {
  requireAllowed(c, statisticsPolicies.viewWebsiteStatistics)
  const q = figuresQuery(c)
  const csv = websiteFiguresCsv(await websiteFigures(c.var.deps.db, q), c.var.t, c.var.lang)
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="website-statistics-${q.asOf}.csv"`,
    'Cache-Control': 'no-store',
  })
})

statisticsRoutes.get('/api/v1/statistics/websites', async (c) => {
  requireAllowed(c, statisticsPolicies.viewWebsiteStatistics)
  return c.json(await websiteFigures(c.var.deps.db, figuresQuery(c)))
})

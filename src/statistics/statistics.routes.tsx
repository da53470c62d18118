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
import type { QuarterlyReport } from './quarterly-report.js'
import { finishedQuarterReport, recomputationsOf, recomputeQuarter } from './frozen-reports.js'
import { RecomputePanel } from './frozen-reports.views.js'
import { quarterlyReportFigures } from './quarterly-report.tables.js'
import { quarterlyReportCsv } from './quarterly-report.csv.js'
import { quarterlyReportXlsx } from './quarterly-report.xlsx.js'
import { quarterlyReportErrors } from './quarterly-report.errors.js'
import { firstReportDate } from './quarterly-report.repository.js'
import { hasSyntheticHistory } from './reference-2019q3.notice.js'
import {
  compareQuarters, FIRST_QUARTER, lastFinishedQuarter, parseQuarter, quarterEnd, quarterName, quarterOf, quartersUpTo, type Quarter,
} from './quarterly-report.quarters.js'
import { printDocument, QuarterIndexPage, QuarterlyReportPage, REPORT_CSS } from './report.views.js'

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

// ——— The public quarterly report (DESIGN §8; public like every statistic, DESIGN §5) ———

/** The report of the quarter in the path (frozen, or computed and frozen now). */
async function reportOf(c: Ctx, quarter: Quarter = finishedQuarterOf(c)): Promise<QuarterlyReport> {
  return finishedQuarterReport(c.var.deps.db, quarter, c.var.deps.clock.now())
}

/** The quarter named in the path, checked: malformed → 400; before the programme or not over yet in Japan → 404. */
function finishedQuarterOf(c: Ctx): Quarter {
  const name = c.req.param('quarter') ?? ''
  const quarter = parseQuarter(name)
  if (!quarter) throw quarterlyReportErrors.invalidQuarter(name)
  const latest = lastFinishedQuarter(japanDate(c.var.deps.clock.now()))
  if (compareQuarters(quarter, FIRST_QUARTER) < 0 || compareQuarters(quarter, latest) > 0) throw quarterlyReportErrors.noReport(name, quarterName(latest))
  return quarter
}

statisticsRoutes.get('/statistics', async (c) => {
  const { t, deps } = c.var
  const first = await firstReportDate(deps.db)
  const latest = lastFinishedQuarter(japanDate(deps.clock.now()))
  const from = first ? quarterOf(first) : null
  const quarters = from && compareQuarters(from, latest) <= 0
    ? quartersUpTo(latest, compareQuarters(latest, from) + 1).reverse().map((x) => ({ quarter: quarterName(x), end: quarterEnd(x) }))
    : []
  return page(c, t('statistics.report.index_title'), <QuarterIndexPage c={c} quarters={quarters} synthetic={await hasSyntheticHistory(deps.db)} />)
})

statisticsRoutes.get('/statistics/report.css', (c) =>
  c.body(REPORT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }))

statisticsRoutes.get('/statistics/:quarter', async (c) => {
  const { t, lang } = c.var
  const format = c.req.query('format')
  const table = c.req.query('table')
  if ((format !== undefined && format !== 'csv' && format !== 'xlsx') || (table !== undefined && format !== 'csv')) throw quarterlyReportErrors.invalidFormat()
  const quarter = finishedQuarterOf(c)
  const report = await reportOf(c, quarter)
  const title = t('statistics.report.quarter_title', { quarter: report.quarter })
  const all = quarterlyReportFigures(report, t, lang)
  if (format === 'csv') {
    const figures = table === undefined ? all : all.filter((f) => f.id === table)
    if (figures.length === 0) throw quarterlyReportErrors.invalidFormat()
    const name = `statistics-${report.quarter}${table ? `-${table}` : ''}-${lang}.csv`
    return c.body(quarterlyReportCsv(title, report.quarter, figures), 200, {
      'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`,
    })
  }
  if (format === 'xlsx') {
    return c.body(await quarterlyReportXlsx(title, report.quarter, all), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="statistics-${report.quarter}-${lang}.xlsx"`,
    })
  }
  const synthetic = await hasSyntheticHistory(c.var.deps.db)
  if (c.req.query('view') === 'print') return c.html(await printDocument(c, title, report, all, synthetic))
  const admin = statisticsPolicies.recomputeReport(c.var.user ?? null)
  const history = admin ? await recomputationsOf(c.var.deps.db, quarter) : []
  return page(c, title, <>
    <QuarterlyReportPage c={c} report={report} figures={all} synthetic={synthetic} />
    {admin && <RecomputePanel c={c} quarter={report.quarter} history={history}
      recomputed={c.req.query('recomputed') !== undefined ? history[0]?.differences ?? [] : null} />}
  </>)
})

statisticsRoutes.post('/statistics/:quarter/recompute', async (c) => {
  const user = requireAllowed(c, statisticsPolicies.recomputeReport)
  const quarter = finishedQuarterOf(c)
  await recomputeQuarter(c.var.deps.db, quarter, user.id, c.var.deps.clock.now())
  return c.redirect(`/statistics/${quarterName(quarter)}?recomputed`, 303)
})

statisticsRoutes.post('/api/v1/statistics/:quarter/recompute', async (c) => {
  const user = requireAllowed(c, statisticsPolicies.recomputeReport)
  const quarter = finishedQuarterOf(c)
  const differences = await recomputeQuarter(c.var.deps.db, quarter, user.id, c.var.deps.clock.now())
  return c.json({ quarter: quarterName(quarter), differences })
})

statisticsRoutes.get('/api/v1/statistics/:quarter', async (c) => c.json(await reportOf(c)))

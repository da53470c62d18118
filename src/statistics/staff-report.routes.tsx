import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { requireAllowed } from '../platform/http/guards.js'
import { refusedInput } from '../platform/http/forms.js'
import { errors } from '../platform/errors.js'
import { japanDate } from '../platform/calendar/business-days.js'
import { formatDate } from '../platform/i18n/index.js'
import { statisticsPolicies } from './statistics.policies.js'
import { recentQuarterEnds } from './statistics.schemas.js'
import { quarterlyReport } from './quarterly-report.js'
import { quarterlyReportFigures } from './quarterly-report.tables.js'
import { compareQuarters, lastFinishedQuarter, quarterName, quarterOf } from './quarterly-report.quarters.js'
import { hasSyntheticHistory } from './reference-2019q3.notice.js'
import { DRILL_SIDES, resolveDrillTarget, type DrillSide } from './drill-down.js'
import { drillDownCases } from './drill-down.repository.js'
import { drillDownErrors } from './drill-down.errors.js'
import { DRILL_PAGE_SIZE, drillSideOf, parseDrillQuery, parseStaffReportQuery } from './staff-report.schemas.js'
import { DrillDownPage, StaffReportPage, StaffReportQueryError } from './staff-report.views.js'

/**
 * The staff view of the quarterly report (DESIGN §8) for any date, and the cases behind each of
 * its counts. Listed before the public report's router: its `/statistics/:quarter` would otherwise
 * take `/statistics/staff`.
 */
export const staffReportRoutes = new Hono<AppEnv>()

const viewReport = statisticsPolicies.viewStaffReport
const drillSidesOf = (u: Ctx['var']['user']): DrillSide[] => DRILL_SIDES.filter((s) => statisticsPolicies.drillDownCases(u ?? null, s))

/** The report of the date's quarter as of the end of the date (Japan time). */
const reportAsOf = (c: Ctx, asOf: string) => quarterlyReport(c.var.deps.db, quarterOf(asOf), c.var.deps.clock.now(), asOf)

staffReportRoutes.get('/statistics/staff', async (c) => {
  const user = requireAllowed(c, viewReport)
  const { t, lang, deps } = c.var
  const now = deps.clock.now()
  const quarterEnds = recentQuarterEnds(japanDate(now), 4)
  let asOf: string
  try {
    asOf = parseStaffReportQuery(c.req.query(), now).asOf
  } catch (e) {
    // The chooser comes back with the date as typed, so the person can correct it.
    return page(c, t('statistics.staff.title_short'), <StaffReportQueryError c={c} asOf={c.req.query('asOf') ?? ''} quarterEnds={quarterEnds} error={refusedInput(e)} />, 400)
  }
  const report = await reportAsOf(c, asOf)
  const quarter = quarterOf(asOf)
  const published = compareQuarters(quarter, lastFinishedQuarter(japanDate(now))) <= 0 ? quarterName(quarter) : null
  return page(c, t('statistics.staff.title', { date: formatDate(asOf, lang) }), (
    <StaffReportPage c={c} report={report} figures={quarterlyReportFigures(report, t, lang)} asOf={asOf} quarterEnds={quarterEnds}
      synthetic={await hasSyntheticHistory(deps.db)} drillSides={drillSidesOf(user)} publishedQuarter={published} />
  ))
})

staffReportRoutes.get('/api/v1/statistics/staff', async (c) => {
  requireAllowed(c, viewReport)
  const { asOf } = parseStaffReportQuery(c.req.query(), c.var.deps.clock.now())
  return c.json(await reportAsOf(c, asOf))
})

/**
 * The cases behind one count. Only those who may see the cases (intake: both sides; coordinators:
 * products) — anyone else gets 404 before the query is even read. An unknown figure or row → 400.
 */
async function drillDown(c: Ctx) {
  const user = requireAllowed(c, (u) => drillSidesOf(u).length > 0)
  const query = c.req.query()
  if (!statisticsPolicies.drillDownCases(user, drillSideOf(query))) throw errors.notFound()
  const { asOf, target, page: pageNo } = parseDrillQuery(query, c.var.deps.clock.now())
  const selection = resolveDrillTarget(target)
  if (!selection) throw drillDownErrors.unknownKey(target.figure, target.key)
  const result = await drillDownCases(c.var.deps.db, { asOf, target, selection, limit: DRILL_PAGE_SIZE, offset: (pageNo - 1) * DRILL_PAGE_SIZE })
  // A key off the category lists is a retired category only if some case still has it.
  if (!selection.listed && result.total === 0) throw drillDownErrors.unknownKey(target.figure, target.key)
  return { asOf, target, page: pageNo, selection, ...result }
}

staffReportRoutes.get('/statistics/staff/cases', async (c) => {
  const d = await drillDown(c)
  const { t, lang } = c.var
  const title = t('statistics.drill.title', { figure: d.selection.title(t), row: d.selection.label(t, lang), date: formatDate(d.asOf, lang) })
  return page(c, title, <DrillDownPage c={c} asOf={d.asOf} target={d.target} total={d.total} cases={d.cases} page={d.page} pageSize={DRILL_PAGE_SIZE} />)
})

staffReportRoutes.get('/api/v1/statistics/staff/cases', async (c) => {
  const d = await drillDown(c)
  return c.json({
    asOf: d.asOf, ...d.target, total: d.total, page: d.page, pageSize: DRILL_PAGE_SIZE,
    cases: d.cases.map((x) => ({ id: x.id, receiptNumber: x.receiptNumber, title: x.title, status: x.status, receivedAt: x.receivedAt.toISOString() })),
  })
})

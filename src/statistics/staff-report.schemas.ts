import { addCalendarDays, japanDate } from '../platform/calendar/business-days.js'
import { PROGRAMME_START } from './statistics.schemas.js'
import { drillDownErrors } from './drill-down.errors.js'
import { DRILL_PERIODS, DRILL_SIDES, drillFigures, isDrillFigure, type DrillPeriod, type DrillSide, type DrillTarget } from './drill-down.js'

const ISO = /^\d{4}-\d{2}-\d{2}$/
const REPORT_PARAMETERS = ['asOf', 'lang'] as const
const DRILL_PARAMETERS = ['asOf', 'side', 'period', 'figure', 'key', 'page', 'lang'] as const
/** Cases on one page of a drill-down list. */
export const DRILL_PAGE_SIZE = 100

function refuseUnknown(query: Record<string, string>, known: readonly string[]) {
  // A misspelt parameter (`?date=…`) would otherwise quietly answer for today.
  const unknown = Object.keys(query).find((k) => !known.includes(k))
  if (unknown !== undefined) throw drillDownErrors.unknownParameter(unknown, known.filter((k) => k !== 'lang'))
}

/** `asOf`: a real date from the programme's first day to today in Japan; today when absent. */
export function parseAsOf(raw: string | undefined, now: Date): string {
  const today = japanDate(now)
  const asOf = raw?.trim() || today
  // addCalendarDays normalises 2025-02-30 to 2025-03-02, so only a real date survives the round trip.
  if (!ISO.test(asOf) || addCalendarDays(asOf, 0) !== asOf || asOf < PROGRAMME_START || asOf > today) {
    throw drillDownErrors.invalidAsOf(PROGRAMME_START, today)
  }
  return asOf
}

/** `GET /statistics/staff?asOf=YYYY-MM-DD`. */
export function parseStaffReportQuery(query: Record<string, string>, now: Date): { asOf: string } {
  refuseUnknown(query, REPORT_PARAMETERS)
  return { asOf: parseAsOf(query.asOf, now) }
}

/** The side a drill-down asks for (product when absent), read before anything else to decide who may see it. */
export function drillSideOf(query: Record<string, string>): DrillSide {
  const side = query.side?.trim() || 'product'
  if (!(DRILL_SIDES as readonly string[]).includes(side)) throw drillDownErrors.invalidSide(side)
  return side as DrillSide
}

/**
 * `GET /statistics/staff/cases?asOf&side&period&figure&key&page`. Absent, they list every product
 * report received by today (side product, period all, figure product-status, key total, page 1).
 * The key is checked against the figure later, with the figure's own rows.
 */
export function parseDrillQuery(query: Record<string, string>, now: Date): { asOf: string; target: DrillTarget; page: number } {
  refuseUnknown(query, DRILL_PARAMETERS)
  const asOf = parseAsOf(query.asOf, now)
  const side = drillSideOf(query)
  const period = query.period?.trim() || 'all'
  if (!(DRILL_PERIODS as readonly string[]).includes(period)) throw drillDownErrors.invalidPeriod(period)
  const figure = query.figure?.trim() || `${side}-status`
  if (!isDrillFigure(side, figure)) throw drillDownErrors.unknownFigure(side, figure, drillFigures(side))
  const key = query.key?.trim() || 'total'
  const rawPage = query.page?.trim() || '1'
  if (!/^\d{1,6}$/.test(rawPage) || Number(rawPage) < 1) throw drillDownErrors.invalidPage()
  return { asOf, target: { side, period: period as DrillPeriod, figure, key }, page: Number(rawPage) }
}

import { addCalendarDays, japanDate } from '../platform/calendar/business-days.js'
import { DEFAULT_LONG_RUNNING_DAYS } from './website-figures.js'
import { statisticsErrors } from './statistics.errors.js'

/** The programme's first day (DESIGN §8 figure 1): no figure exists before it. */
export const PROGRAMME_START = '2004-07-08'

/** What a statistics page or API call asks for: the date and the long-running threshold. */
export type FiguresQuery = { asOf: string; longRunningDays: number }

const ISO = /^\d{4}-\d{2}-\d{2}$/
const KNOWN_PARAMETERS = new Set(['asOf', 'longRunningDays', 'lang'])

/**
 * `?asOf=YYYY-MM-DD&longRunningDays=N` checked against today: a real calendar date from the
 * programme's start to today in Japan (a later date would count events that have not happened),
 * today when absent; the threshold 1–3650 days, 90 when absent. 400 with a stable code otherwise.
 */
export function parseFiguresQuery(query: { asOf?: string; longRunningDays?: string }, now: Date): FiguresQuery {
  // A misspelt parameter (`?date=2026-02-30`) would otherwise quietly answer with today's figures.
  const unknown = Object.keys(query).find((k) => !KNOWN_PARAMETERS.has(k))
  if (unknown !== undefined) throw statisticsErrors.unknownParameter(unknown)
  const today = japanDate(now)
  const asOf = query.asOf?.trim() || today
  // addCalendarDays normalises 2025-02-30 to 2025-03-02, so only a real date survives the round trip.
  if (!ISO.test(asOf) || addCalendarDays(asOf, 0) !== asOf || asOf < PROGRAMME_START || asOf > today) {
    throw statisticsErrors.invalidAsOf(PROGRAMME_START, today)
  }
  const raw = query.longRunningDays?.trim()
  const longRunningDays = raw ? Number(raw) : DEFAULT_LONG_RUNNING_DAYS
  if (!/^\d{1,4}$/.test(raw ?? '90') || longRunningDays < 1 || longRunningDays > 3650) throw statisticsErrors.invalidLongRunningDays()
  return { asOf, longRunningDays }
}

/** The last `n` quarter ends (31 Mar, 30 Jun, 30 Sep, 31 Dec) on or before `today`, newest first. */
export function recentQuarterEnds(today: string, n: number): string[] {
  const ends: string[] = []
  let year = Number(today.slice(0, 4))
  const days = ['12-31', '09-30', '06-30', '03-31']
  while (ends.length < n) {
    for (const md of days) if (`${year}-${md}` <= today && ends.length < n) ends.push(`${year}-${md}`)
    year--
  }
  return ends
}

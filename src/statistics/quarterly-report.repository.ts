import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import { endOfJapanDay, japanDate, startOfJapanDay } from '../platform/calendar/business-days.js'
import { quarterEnd, quarterStart, type Quarter } from './quarterly-report.quarters.js'


/**
 * Advisories that became public in each of `quarters` (consecutive, oldest first), by their
 * publication time in Japan, and how many had become public by the end of the last one. Starts from
 * the one visibility rule, so an advisory not public at `now` is never counted. `endsAt` (the end of
 * the last quarter by default) ends the last quarter early, for a report as of a day within it.
 */
export async function advisoriesPublishedPerQuarter(db: DB, quarters: Quarter[], now: Date, endsAt?: Date): Promise<{ perQuarter: number[]; upToLast: number }> {
  if (quarters.length === 0) return { perQuarter: [], upToLast: 0 }
  const until = endsAt ?? endOfJapanDay(quarterEnd(quarters.at(-1)!))
  const bounds = quarters.map((x) => startOfJapanDay(quarterStart(x)))
  const rows = await publicAdvisories(db, now)
    .where('advisories.publish_at', '<', until)
    .select((eb) => [
      ...bounds.map((from, i) => eb.fn.countAll<string>().filterWhere(sql<boolean>`advisories.publish_at >= ${from} and advisories.publish_at < ${bounds[i + 1] ?? until}`).as(`q${i}`)),
      eb.fn.countAll<string>().as('total'),
    ])
    .executeTakeFirstOrThrow() as Record<string, string | number>
  return { perQuarter: quarters.map((_, i) => Number(rows[`q${i}`] ?? 0)), upToLast: Number(rows.total ?? 0) }
}

/** The Japan date of the first report ever received, or null before any. */
export async function firstReportDate(db: DB): Promise<string | null> {
  const row = await db.selectFrom('case_events').select((eb) => eb.fn.min('occurred_at').as('first'))
    .where('type', 'in', ['report_submitted', 'self_report_submitted']).executeTakeFirst()
  const first = row?.first as Date | string | null | undefined
  return first ? japanDate(new Date(first)) : null
}


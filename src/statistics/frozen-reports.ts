import type { DB } from '../platform/db/database.js'
import type { Deps } from '../platform/http/context.js'
import { log } from '../platform/log.js'
import { newId } from '../platform/secrets.js'
import { japanDate, startOfJapanDay } from '../platform/calendar/business-days.js'
import { advanceSnapshot } from './snapshot.js'
import { currentSnapshot } from './case-states.repository.js'
import { quarterlyReport, type QuarterlyReport } from './quarterly-report.js'
import { firstReportDate } from './quarterly-report.repository.js'
import { compareQuarters, lastFinishedQuarter, quarterName, quarterOf, quarterStart, shiftQuarter, type Quarter } from './quarterly-report.quarters.js'
import './statistics.tables.js'

/**
 * The shape of the stored report. Raise it when QuarterlyReport changes: a report frozen in an
 * older shape is computed again on its next reading (and the change logged like a recomputation).
 */
export const REPORT_FORMAT = 1

/** One figure that differs between two computations of a report: its path in the JSON, before and after. */
export type ReportDifference = { path: string; before: unknown; after: unknown }

/** Every leaf that differs between two reports (paths like `product.total`, `cumulative[3].website`). */
export function reportDifferences(before: unknown, after: unknown, path = ''): ReportDifference[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length)
    return Array.from({ length: n }, (_, i) => reportDifferences(before[i], after[i], `${path}[${i}]`)).flat()
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    return keys.flatMap((k) => reportDifferences(before[k], after[k], path ? `${path}.${k}` : k))
  }
  return Object.is(before, after) ? [] : [{ path, before: before ?? null, after: after ?? null }]
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

async function store(db: DB, quarter: string, report: QuarterlyReport, now: Date): Promise<void> {
  const values = { report: JSON.stringify(report), format: REPORT_FORMAT, computed_at: now }
  await db.insertInto('statistics_frozen_reports').values({ quarter, ...values })
    .onConflict((oc) => oc.column('quarter').doUpdateSet(values)).execute()
}

async function recordRecomputation(db: DB, quarter: string, differences: ReportDifference[], actorId: string | null, now: Date): Promise<void> {
  await db.insertInto('statistics_recomputations')
    .values({ id: newId(), quarter, at: now, actor_id: actorId, differences: JSON.stringify(differences) }).execute()
  log.info('quarterly report recomputed', { quarter, differences: differences.length, by: actorId ?? 'system' })
}

/**
 * The report of a finished quarter: the frozen one when it has been computed before (one row
 * read), else computed from the event log and frozen. The caller checks the quarter is over in Japan.
 */
export async function finishedQuarterReport(db: DB, quarter: Quarter, now: Date): Promise<QuarterlyReport> {
  const name = quarterName(quarter)
  const frozen = await db.selectFrom('statistics_frozen_reports').select(['report', 'format']).where('quarter', '=', name).executeTakeFirst()
  if (frozen && frozen.format === REPORT_FORMAT) return frozen.report as QuarterlyReport
  const report = await quarterlyReport(db, quarter, now)
  await store(db, name, report, now)
  if (frozen) await recordRecomputation(db, name, reportDifferences(frozen.report, report), null, now)
  return report
}

/**
 * An administrator's recomputation of a finished quarter: computed again from the event log,
 * stored in place of the frozen one, and the differences (none, when nothing changed) recorded
 * with who asked. Returns them.
 */
export async function recomputeQuarter(db: DB, quarter: Quarter, actorId: string, now: Date): Promise<ReportDifference[]> {
  const name = quarterName(quarter)
  const frozen = await db.selectFrom('statistics_frozen_reports').select('report').where('quarter', '=', name).executeTakeFirst()
  const report = await quarterlyReport(db, quarter, now)
  const differences = frozen ? reportDifferences(frozen.report, report) : []
  await db.transaction().execute(async (trx) => {
    await store(trx, name, report, now)
    await recordRecomputation(trx, name, differences, actorId, now)
  })
  return differences
}

/** The recomputations of a quarter, newest first, with who asked (null: the application, on a format change). */
export async function recomputationsOf(db: DB, quarter: Quarter): Promise<{ at: Date; actor: string | null; differences: ReportDifference[] }[]> {
  const rows = await db.selectFrom('statistics_recomputations as r').leftJoin('users as u', 'u.id', 'r.actor_id')
    .select(['r.at', 'r.differences', 'u.display_name']).where('r.quarter', '=', quarterName(quarter))
    .orderBy('r.at', 'desc').orderBy('r.id', 'desc').limit(20).execute()
  return rows.map((r) => ({ at: new Date(r.at), actor: r.display_name ?? null, differences: r.differences as ReportDifference[] }))
}

/** How long one tick of the job may go on catching up before it lets the other jobs run. */
const CATCH_UP_BUDGET_MS = 1000

/**
 * The background job: moves the case-state snapshot to the end of each finished quarter in turn
 * and freezes that quarter's report from it (the report of a quarter at its snapshot reads a few
 * thousand grouped rows, not the log), so every finished quarter is frozen before anyone asks.
 * A database with years of history is caught up from its first quarter a quarter at a time —
 * as many as fit in a second per tick, at least one, so the other jobs never wait long; from
 * then on one step a quarter, when it ends in Japan. Cheap when there is nothing to do: a few
 * one-row reads. Returns the quarters frozen.
 */
export async function freezeFinishedQuarter(deps: Deps): Promise<number> {
  const started = performance.now()
  const now = deps.clock.now()
  const latest = lastFinishedQuarter(japanDate(now))
  const first = await firstReportDate(deps.db)
  if (!first) return 0
  let done = 0
  do {
    const snapshot = await currentSnapshot(deps.db)
    // the quarter to fold next: the one the snapshot's cutoff opens, or the first with a report
    const next = snapshot ? quarterOf(japanDate(snapshot.cutoff)) : quarterOf(first)
    const quarter = compareQuarters(next, latest) <= 0 ? next : latest
    if (quarter === next) await advanceSnapshot(deps.db, startOfJapanDay(quarterStart(shiftQuarter(next, 1))), now)
    if (!(await isFrozen(deps.db, quarter))) {
      await finishedQuarterReport(deps.db, quarter, now)
      done++
    } else if (quarter !== next) break
  } while (performance.now() - started < CATCH_UP_BUDGET_MS)
  return done
}

async function isFrozen(db: DB, quarter: Quarter): Promise<boolean> {
  return Boolean(await db.selectFrom('statistics_frozen_reports').select('quarter').where('quarter', '=', quarterName(quarter)).executeTakeFirst())
}

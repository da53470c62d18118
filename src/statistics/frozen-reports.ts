import type { DB } from '../platform/db/database.js'
import type { Deps } from '../platform/http/context.js'
import { log } from '../platform/log.js'
import { newId } from '../platform/secrets.js'
import { japanDate, startOfJapanDay } from '../platform/calendar/business-days.js'
import { advanceSnapshot } from './snapshot.js'
import { quarterlyReport, type QuarterlyReport } from './quarterly-report.js'
import { firstReportDate } from './quarterly-report.repository.js'
import { lastFinishedQuarter, quarterName, quarterStart, shiftQuarter, type Quarter } from './quarterly-report.quarters.js'
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

/**
 * The background job: once a quarter is over in Japan, moves the case-state snapshot to its end
 * (so reports replay only the events since) and freezes its report, before anyone asks for it.
 * Cheap when there is nothing to do: two one-row reads.
 */
export async function freezeFinishedQuarter(deps: Deps): Promise<number> {
  const now = deps.clock.now()
  const latest = lastFinishedQuarter(japanDate(now))
  if (!(await firstReportDate(deps.db))) return 0
  const moved = await advanceSnapshot(deps.db, startOfJapanDay(quarterStart(shiftQuarter(latest, 1))), now)
  const frozen = await deps.db.selectFrom('statistics_frozen_reports').select('quarter').where('quarter', '=', quarterName(latest)).executeTakeFirst()
  if (frozen) return moved > 0 ? 1 : 0
  await finishedQuarterReport(deps.db, latest, now)
  return 1
}

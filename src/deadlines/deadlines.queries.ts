import type { DB } from '../platform/db/database.js'
import { addCalendarDays, businessDaysBetween, japanDate } from '../platform/calendar/business-days.js'
import type { TimerKind, TimerResolution } from './deadlines.model.js'
import { dueDateOf } from './deadline-policies.js'

/** A timer as pages and the API show it. */
export type TimerView = {
  id: string
  caseId: string
  caseTitle: string
  receiptNumber: string | null
  kind: TimerKind
  label: { ja: string; en: string }
  dueAt: string
  /** The Japan calendar day it is due (by the end of that day). */
  dueDate: string
  overdue: boolean
  /** Business days after today up to and including the due day (0: due today). Null when overdue. */
  businessDaysLeft: number | null
  /** Business days since the due day. Null when not overdue. */
  businessDaysOverdue: number | null
  paused: { at: string; reason: string } | null
  remindedAt: string | null
  overdueNotifiedAt: string | null
  resolved: { at: string; resolution: TimerResolution } | null
}

type Row = {
  id: string; case_id: string; kind: TimerKind; due_at: Date; paused_at: Date | null; pause_reason: string | null; reminded_at: Date | null
  overdue_notified_at: Date | null; resolved_at: Date | null; resolution: TimerResolution | null; title: string; label_ja: string; label_en: string
  receipt_number: string | null
}

/** Presents a timer at `now`; a paused clock stands still, so it is measured at the moment it stopped. Pure. */
export function presentTimer(r: Row, now: Date): TimerView {
  const at = r.paused_at ?? now
  const today = japanDate(at)
  const dueDate = dueDateOf(r.due_at)
  const overdue = r.due_at.getTime() <= at.getTime()
  return {
    id: r.id, caseId: r.case_id, caseTitle: r.title, receiptNumber: r.receipt_number, kind: r.kind,
    label: { ja: r.label_ja, en: r.label_en },
    dueAt: r.due_at.toISOString(), dueDate, overdue,
    businessDaysLeft: overdue ? null : businessDaysBetween(addCalendarDays(today, 1), dueDate),
    businessDaysOverdue: overdue ? businessDaysBetween(addCalendarDays(dueDate, 1), today) : null,
    paused: r.paused_at ? { at: r.paused_at.toISOString(), reason: r.pause_reason ?? '' } : null,
    remindedAt: r.reminded_at?.toISOString() ?? null,
    overdueNotifiedAt: r.overdue_notified_at?.toISOString() ?? null,
    resolved: r.resolved_at ? { at: r.resolved_at.toISOString(), resolution: r.resolution! } : null,
  }
}

function baseQuery(db: DB) {
  return db.selectFrom('timers')
    .innerJoin('cases', 'cases.id', 'timers.case_id')
    .innerJoin('deadline_policies', 'deadline_policies.kind', 'timers.kind')
    .select(['timers.id', 'timers.case_id', 'timers.kind', 'timers.due_at', 'timers.paused_at', 'timers.pause_reason', 'timers.reminded_at',
      'timers.overdue_notified_at', 'timers.resolved_at', 'timers.resolution', 'cases.title', 'deadline_policies.label_ja', 'deadline_policies.label_en'])
    .select((eb) => eb.selectFrom('reports').select('reports.receipt_number').whereRef('reports.case_id', '=', 'timers.case_id')
      .orderBy('reports.submitted_at').limit(1).as('receipt_number'))
}

/**
 * The staff due/overdue queue: every running timer, soonest due first, paused clocks last;
 * optionally only the cases one coordinator has taken, or only product cases (what coordinators see).
 */
export async function listOpenTimers(db: DB, now: Date, opts: { coordinatorId?: string; productOnly?: boolean } = {}): Promise<TimerView[]> {
  let q = baseQuery(db).where('timers.resolved_at', 'is', null)
  if (opts.coordinatorId) q = q.where('cases.coordinator_id', '=', opts.coordinatorId)
  if (opts.productOnly) q = q.where('cases.kind', '=', 'product')
  const rows = await q.orderBy((eb) => eb('timers.paused_at', 'is not', null)).orderBy('timers.due_at').limit(1000).execute()
  return rows.map((r) => presentTimer(r, now))
}

/** Every timer of one case, running ones first. */
export async function listCaseTimers(db: DB, caseId: string, now: Date): Promise<TimerView[]> {
  const rows = await baseQuery(db).where('timers.case_id', '=', caseId)
    .orderBy((eb) => eb('timers.resolved_at', 'is not', null)).orderBy('timers.due_at').execute()
  return rows.map((r) => presentTimer(r, now))
}

/** The case a timer belongs to, for the access check. */
export async function timerCaseId(db: DB, timerId: string): Promise<string | null> {
  return (await db.selectFrom('timers').select('case_id').where('id', '=', timerId).executeTakeFirst())?.case_id ?? null
}

/** One timer as pages and the API show it. */
export async function loadTimerView(db: DB, timerId: string, now: Date): Promise<TimerView | null> {
  const row = await baseQuery(db).where('timers.id', '=', timerId).executeTakeFirst()
  return row ? presentTimer(row, now) : null
}

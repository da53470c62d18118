import type { Selectable } from 'kysely'
import type { DB } from '../platform/db/database.js'
import type { Deps } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { newId } from '../platform/secrets.js'
import { japanDate } from '../platform/calendar/business-days.js'
import { changeCase, type Actor } from '../cases/case-events.js'
import type { TimersTable, TimerData } from './deadlines.tables.js'
import type { TimerKind, TimerResolution } from './deadlines.model.js'
import { baseKey, deadlineInstants, loadDeadlinePolicy, type DeadlinePolicy, type TimerBase } from './deadline-policies.js'
import { deadlineErrors } from './deadlines.errors.js'

export type Timer = Selectable<TimersTable>

async function findOpenTimer(trx: DB, caseId: string, kind: TimerKind): Promise<Timer | undefined> {
  return trx.selectFrom('timers').selectAll().where('case_id', '=', caseId).where('kind', '=', kind).where('resolved_at', 'is', null).executeTakeFirst()
}

/**
 * Opens the clock of `kind` for a case from `base`, with the due time its policy gives. Idempotent:
 * while a timer of that kind is open for the case, it is returned unchanged (the database holds
 * at most one open timer per case and kind). A disabled policy starts nothing (null).
 */
export async function openTimer(trx: DB, input: { caseId: string; kind: TimerKind; base: TimerBase; now: Date; episode: string; data?: Record<string, unknown> }): Promise<Timer | null> {
  const existing = await findOpenTimer(trx, input.caseId, input.kind)
  if (existing) return existing
  const policy = await loadDeadlinePolicy(trx, input.kind)
  if (!policy.enabled) return null
  const { dueAt, remindAt } = deadlineInstants(policy, input.base)
  const data: TimerData = { ...input.data, base: baseKey(input.base), episode: input.episode, pausedMs: 0 }
  await trx.insertInto('timers').values({
    id: newId(), case_id: input.caseId, kind: input.kind, due_at: dueAt, remind_at: remindAt, data: JSON.stringify(data), created_at: input.now,
  }).onConflict((oc) => oc.columns(['case_id', 'kind']).where('resolved_at', 'is', null).doNothing()).execute()
  return (await findOpenTimer(trx, input.caseId, input.kind)) ?? null
}

/**
 * Starts a deadline for a case: `baseDate` is a Japan calendar day ('YYYY-MM-DD') or an instant
 * (its Japan day counts); the policy of `kind` gives the offset. Call it inside the transaction of
 * the change that starts the clock. Idempotent per open (case, kind); null when the policy is disabled.
 */
export async function startTimer(trx: DB, input: { caseId: string; kind: TimerKind; baseDate: Date | string; now: Date; data?: Record<string, unknown> }): Promise<Timer | null> {
  const date = typeof input.baseDate === 'string' ? input.baseDate : japanDate(input.baseDate)
  const episode = typeof input.data?.episode === 'string' ? input.data.episode : `date:${date}`
  return openTimer(trx, { caseId: input.caseId, kind: input.kind, base: { date }, now: input.now, episode, data: input.data })
}

/**
 * Stops a case's open timers (all, or only `kinds`) with a resolution; they leave the staff queue
 * and send nothing more. Call it inside the transaction of the change that ends the wait.
 */
export async function resolveTimers(trx: DB, input: { caseId: string; kinds?: readonly TimerKind[]; now: Date; resolution: TimerResolution }): Promise<{ id: string; kind: TimerKind }[]> {
  if (input.kinds && input.kinds.length === 0) return []
  let q = trx.updateTable('timers').set({ resolved_at: input.now, resolution: input.resolution })
    .where('case_id', '=', input.caseId).where('resolved_at', 'is', null)
  if (input.kinds) q = q.where('kind', 'in', input.kinds)
  return q.returning(['id', 'kind']).execute()
}

/**
 * Moves an open timer to a new base (a publication date moved by agreement, a different party
 * still to answer). Time spent paused still counts in the timer's favour. A notice already sent
 * for the old time is sent again for the new one only if the new time is still ahead.
 */
export async function rebaseTimer(trx: DB, timer: Timer, policy: DeadlinePolicy, base: TimerBase, now: Date): Promise<void> {
  const data = timer.data
  const { dueAt, remindAt } = deadlineInstants(policy, base, data.pausedMs ?? 0)
  const moves = [...(data.moves ?? []), { at: now.toISOString(), from: timer.due_at.toISOString(), to: dueAt.toISOString() }].slice(-20)
  await trx.updateTable('timers').set({
    due_at: dueAt, remind_at: remindAt,
    reminded_at: remindAt > now ? null : timer.reminded_at,
    overdue_notified_at: dueAt > now ? null : timer.overdue_notified_at,
    data: JSON.stringify({ ...data, base: baseKey(base), moves }),
  }).where('id', '=', timer.id).execute()
}

async function caseOfTimer(db: DB, timerId: string): Promise<string> {
  const row = await db.selectFrom('timers').select('case_id').where('id', '=', timerId).executeTakeFirst()
  if (!row) throw errors.notFound()
  return row.case_id
}

async function lockTimer(trx: DB, timerId: string): Promise<Timer> {
  const row = await trx.selectFrom('timers').selectAll().where('id', '=', timerId).forUpdate().executeTakeFirst()
  if (!row) throw errors.notFound()
  if (row.resolved_at) throw deadlineErrors.resolved()
  return row
}

/**
 * Stops a deadline's clock (staff). A reason is required; the pause is logged on the case. While
 * paused the timer sends nothing; resuming moves its due time by the time it stood still.
 */
export async function pauseTimer(deps: Deps, input: { timerId: string; reason: string | undefined; actor: Actor }): Promise<{ timerId: string; kind: TimerKind; reason: string }> {
  const reason = input.reason?.trim()
  if (!reason) throw deadlineErrors.reasonRequired()
  const caseId = await caseOfTimer(deps.db, input.timerId)
  return changeCase(deps.db, {
    caseId, type: 'timer_paused', actor: input.actor, clock: deps.clock,
    apply: async (trx, { now }) => {
      const timer = await lockTimer(trx, input.timerId)
      if (timer.paused_at) throw deadlineErrors.alreadyPaused()
      await trx.updateTable('timers').set({ paused_at: now, pause_reason: reason }).where('id', '=', timer.id).execute()
      return { timerId: timer.id, kind: timer.kind, reason }
    },
  })
}

/** Starts a paused deadline's clock again (staff): its due and reminder times move by the paused span. Logged on the case. */
export async function resumeTimer(deps: Deps, input: { timerId: string; actor: Actor }): Promise<{ timerId: string; kind: TimerKind; pausedMs: number; dueAt: string }> {
  const caseId = await caseOfTimer(deps.db, input.timerId)
  return changeCase(deps.db, {
    caseId, type: 'timer_resumed', actor: input.actor, clock: deps.clock,
    apply: async (trx, { now }) => {
      const timer = await lockTimer(trx, input.timerId)
      if (!timer.paused_at) throw deadlineErrors.notPaused()
      const span = Math.max(0, now.getTime() - timer.paused_at.getTime())
      const dueAt = new Date(timer.due_at.getTime() + span)
      await trx.updateTable('timers').set({
        paused_at: null, pause_reason: null, due_at: dueAt, remind_at: new Date(timer.remind_at.getTime() + span),
        data: JSON.stringify({ ...timer.data, pausedMs: (timer.data.pausedMs ?? 0) + span }),
      }).where('id', '=', timer.id).execute()
      return { timerId: timer.id, kind: timer.kind, pausedMs: span, dueAt: dueAt.toISOString() }
    },
  })
}

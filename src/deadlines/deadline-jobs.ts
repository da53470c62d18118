import type { ExpressionBuilder } from 'kysely'
import type { Deps } from '../platform/http/context.js'
import type { Database } from '../platform/db/schema.js'
import { log } from '../platform/log.js'
import { syncCaseTimers } from './timer-sync.js'
import { enqueueTimerNotice, type Notice } from './deadline-mail.js'

const EVENT_BATCH = 500
const NOTICE_BATCH = 200
/**
 * Event ids are handed out when a transaction inserts, not when it commits, so a slower
 * transaction can commit a lower id after a higher one was read. The watermark only moves past a
 * gap in the ids once the event after it is this old; until then the events after the gap are
 * read again (syncing is idempotent).
 */
const GAP_GRACE_MS = 60_000

const errorText = (e: unknown) => (e instanceof Error ? e.stack ?? e.message : String(e))

/**
 * (a) Syncs the timers of every case whose event log grew since the last run, each case in its
 * own transaction (syncCaseTimers locks the case row, so two runners syncing one case take turns,
 * and a failing case does not hold up the others). Returns how many cases it synced.
 */
export async function syncChangedCases(deps: Deps): Promise<number> {
  const { db, clock } = deps
  const now = clock.now()
  const state = await db.selectFrom('deadline_job_state').select('last_event_id').where('name', '=', 'case_events').executeTakeFirstOrThrow()
  const from = Number(state.last_event_id)
  const events = await db.selectFrom('case_events').select(['id', 'case_id', 'occurred_at'])
    .where('id', '>', from).orderBy('id').limit(EVENT_BATCH).execute()
  if (!events.length) return 0
  let synced = 0
  for (const caseId of new Set(events.map((e) => e.case_id))) {
    try {
      await db.transaction().execute((trx) => syncCaseTimers(trx, caseId, clock.now()))
      synced++
    } catch (error) {
      // Logged, not retried forever: the case is synced again with its next event.
      log.error('deadline sync failed', { caseId, error: errorText(error) })
    }
  }
  let mark = from
  for (const e of events) {
    if (e.id !== mark + 1 && e.occurred_at.getTime() > now.getTime() - GAP_GRACE_MS) break
    mark = e.id
  }
  if (mark > from) {
    // Another runner may have got further meanwhile: the watermark never moves back.
    await db.updateTable('deadline_job_state').set({ last_event_id: mark }).where('name', '=', 'case_events').where('last_event_id', '<', mark).execute()
  }
  return synced
}

/** A running timer with a notice due at `now`: its reminder, or its overdue notice. */
const noticeDue = (now: Date) => (eb: ExpressionBuilder<Database, 'timers'>) => eb.and([
  eb('resolved_at', 'is', null), eb('paused_at', 'is', null),
  eb.or([
    eb.and([eb('reminded_at', 'is', null), eb('remind_at', '<=', now)]),
    eb.and([eb('overdue_notified_at', 'is', null), eb('due_at', '<=', now)]),
  ]),
])

/**
 * (b) Sends each due reminder and overdue notice exactly once. Each timer is claimed in its own
 * transaction with `FOR UPDATE SKIP LOCKED` and the due condition checked again under the lock
 * (a runner that committed first has already marked it); the mark and the queued mail commit
 * together. So neither a restart nor a second process sends a notice twice, and a crash between
 * the two sends nothing twice either. Returns how many timers it notified.
 */
export async function sendDueTimerNotices(deps: Deps): Promise<number> {
  const { db, clock, config } = deps
  const now = clock.now()
  const candidates = await db.selectFrom('timers').select('id').where(noticeDue(now)).orderBy('due_at').limit(NOTICE_BATCH).execute()
  let handled = 0
  for (const { id } of candidates) {
    try {
      const done = await db.transaction().execute(async (trx) => {
        const timer = await trx.selectFrom('timers').selectAll().where('id', '=', id).where(noticeDue(now)).forUpdate().skipLocked().executeTakeFirst()
        if (!timer) return false
        // A timer first seen after its due time gets the overdue notice only, not a late reminder too.
        const notice: Notice = timer.due_at <= now ? 'overdue' : 'reminder'
        await trx.updateTable('timers').set(notice === 'overdue'
          ? { overdue_notified_at: now, reminded_at: timer.reminded_at ?? now }
          : { reminded_at: now }).where('id', '=', timer.id).execute()
        await enqueueTimerNotice(trx, config, timer, notice, now)
        return true
      })
      if (done) handled++
    } catch (error) {
      log.error('deadline notice failed', { timerId: id, error: errorText(error) })
    }
  }
  return handled
}

/**
 * The deadline job, for the background worker's every tick (after scheduled publication, before
 * mail delivery): brings the timers of changed cases up to date, then sends the reminders and
 * overdue notices that are due. Returns the number of cases synced plus timers notified.
 */
export async function runDeadlineJobs(deps: Deps): Promise<number> {
  const synced = await syncChangedCases(deps)
  return synced + await sendDueTimerNotices(deps)
}

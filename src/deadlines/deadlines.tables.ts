import type { ColumnType, Generated } from 'kysely'
import type { BaseEvent, OffsetDirection, OffsetUnit, TimerKind, TimerResolution } from './deadlines.model.js'

/** Kysely types of the deadlines tables (migration in src/platform/db/migrations/0003-deadlines.ts). */
type Timestamp = ColumnType<Date, Date | string, Date | string>
type Json<T> = ColumnType<T, string, string>

/** What a timer carries besides its columns: where it counts from and what moved it. */
export type TimerData = {
  /** What the due time was computed from: `date:YYYY-MM-DD` (plus the policy) or `at:<ISO>` (exactly then). */
  base?: string
  /** One run of the clock: the same episode is never started twice, even after it was resolved. */
  episode?: string
  /** Time spent paused, added to every recomputed due time. */
  pausedMs?: number
  moves?: { at: string; from: string; to: string }[]
  [key: string]: unknown
}

export interface DeadlinePoliciesTable {
  kind: TimerKind
  label_ja: string
  label_en: string
  base_event: BaseEvent
  direction: OffsetDirection
  offset_amount: number
  offset_unit: OffsetUnit
  reminder_lead_business_days: number
  enabled: boolean
  updated_at: Timestamp
  updated_by: string | null
}

export interface DeadlinePolicyChangesTable {
  id: Generated<number>
  kind: TimerKind
  changed_by: string
  changed_at: Timestamp
  previous: Json<Record<string, unknown>>
  next: Json<Record<string, unknown>>
}

export interface TimersTable {
  id: string
  case_id: string
  kind: TimerKind
  due_at: Timestamp
  remind_at: Timestamp
  paused_at: Timestamp | null
  pause_reason: string | null
  reminded_at: Timestamp | null
  overdue_notified_at: Timestamp | null
  resolved_at: Timestamp | null
  resolution: TimerResolution | null
  data: Json<TimerData>
  created_at: Timestamp
}

/** Where the deadline job left off in the case event log. */
export interface DeadlineJobStateTable {
  name: string
  last_event_id: number
}

export interface DeadlinesTables {
  deadline_policies: DeadlinePoliciesTable
  deadline_policy_changes: DeadlinePolicyChangesTable
  timers: TimersTable
  deadline_job_state: DeadlineJobStateTable
}

// Joins the app's Database type: the platform never imports this file, the feature brings it.
declare module '../platform/db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends DeadlinesTables {}
}

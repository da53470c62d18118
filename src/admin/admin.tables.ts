import type { ColumnType } from 'kysely'

/** What an audit entry records of an account before and after a change: a few named facts. */
export type AuditState = Record<string, string | boolean | string[] | null>

/** Every administrative change to an account, and every staff invitation (migration 0017-account-admin). */
export interface AuditLogTable {
  id: string
  /** Insertion order, for entries made at the same instant. */
  seq: ColumnType<string, never, never>
  at: ColumnType<Date, Date | string, never>
  /** The administrator who made the change; null once their account is gone. */
  actor_id: string | null
  action: string
  subject_user_id: string | null
  /** Whom or what the change concerned, as it read then (an e-mail address): kept when the account goes. */
  subject_label: string | null
  before: ColumnType<AuditState | null, string | null, never>
  after: ColumnType<AuditState | null, string | null, never>
}

export interface AdminTables {
  audit_log: AuditLogTable
}

// Joins the app's Database type: the platform never imports this file, the feature brings it.
declare module '../platform/db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends AdminTables {}
}

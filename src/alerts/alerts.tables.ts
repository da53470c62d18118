import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type Json<T> = ColumnType<T, string, string>

export type AlertStatus = 'draft' | 'published'
export type AlertReference = { title: string; url: string }

export interface AlertsTable {
  id: string
  /** `KKA-YYYY-NNNN`, assigned at publication; null while a draft. */
  identifier: string | null
  status: AlertStatus
  title_ja: string
  title_en: string
  body_ja: string
  body_en: string
  /** A key of WEBSITE_VULNERABILITY_TYPES, or null for an alert about no one type. */
  vulnerability_type: string | null
  reference_links: Json<AlertReference[]>
  published_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  published_by: ColumnType<string | null, string | null | undefined, string | null>
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface AlertRevisionsTable {
  id: string
  alert_id: string
  revised_at: Timestamp
  revised_by: string | null
  note_ja: string
  note_en: string
}

export interface AlertIdentifierCountersTable {
  year: number
  last_number: number
}

export interface AlertCasesTable {
  alert_id: string
  case_id: string
  added_by: string | null
  added_at: Timestamp
}

/** Kysely types of the alerts tables (migration 0010-alerts). */
export interface AlertsTables {
  alerts: AlertsTable
  alert_revisions: AlertRevisionsTable
  alert_identifier_counters: AlertIdentifierCountersTable
  alert_cases: AlertCasesTable
}

// Joins the app's Database type: the platform never imports this file, the feature brings it.
declare module '../platform/db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends AlertsTables {}
}

import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>

/** A reserved CVE ID: free while `case_id` is null, assigned for ever once given to a vulnerability (migration 0020). */
export interface CveIdPoolTable {
  cve_id: string
  year: number
  reserved_at: Timestamp
  added_by: Nullable<string>
  case_id: Nullable<string>
  /** Null once the vulnerability is removed from its case; the ID stays assigned to the case. */
  vulnerability_id: Nullable<string>
  assigned_at: Nullable<Date>
  assigned_by: Nullable<string>
}

/** Kysely types of the CVE tables. */
export interface CveTables {
  cve_id_pool: CveIdPoolTable
}

// Joins the app's Database type: the platform never imports this file, the feature brings it.
declare module '../platform/db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends CveTables {}
}

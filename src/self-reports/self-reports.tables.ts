import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

/** 自社製品届出: a developer's report of its own product's vulnerability and fix (migration 0007-other-sources). */
export interface SelfReportsTable {
  id: string
  case_id: string
  organization_id: string
  party_id: string
  submitted_by: string
  receipt_number: string
  product_name: string
  product_versions: string
  description: string
  fix_description: string
  fixed_versions: string | null
  fix_released_on: string | null
  submitted_at: Timestamp
}

declare module '../platform/db/schema.js' {
  interface Database {
    self_reports: SelfReportsTable
  }
}

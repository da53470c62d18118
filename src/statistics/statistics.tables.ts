import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type Json = ColumnType<unknown, string, string>

/** A case's statistics state as of the snapshot's cutoff (see case-states.repository.ts). */
export interface StatisticsCaseStatesTable {
  case_id: string
  product_report: boolean
  website_report: boolean
  received_at: Timestamp | null
  duplicate_at: Timestamp | null
  status_k: string | null
  product_type_k: string | null
  cause_k: string | null
  committee_k: string | null
  accepted_at: Timestamp | null
  published_at: Timestamp | null
  listed_id: ColumnType<string | null, string | number | null, string | number | null>
  resumed_id: ColumnType<string | null, string | number | null, string | number | null>
  classification_k: string | null
  notified_on: string | null
  fix_type: string | null
  fixed_on: string | null
}

/** The one snapshot: the cutoff it holds every case's state at, and the last event id it had seen. */
export interface StatisticsSnapshotTable {
  id: number
  cutoff: Timestamp
  last_event_id: ColumnType<string, string | number, string | number>
  built_at: Timestamp
}

type Day = ColumnType<string, string, string>

/** The snapshot's product reports grouped as the figures count them (`cases` in each group). */
export interface StatisticsSnapshotProductGroupsTable {
  status: string | null; product_type: string | null; cause: string | null; by_committee: boolean | null
  publication_bucket: number | null; within45: boolean | null; over300: boolean | null; uncontactable: string | null
  received_on: Day | null; duplicate_on: Day | null; cases: number
}

/** The snapshot's website reports grouped as the figures count them. */
export interface StatisticsSnapshotWebsiteGroupsTable {
  status: string | null; vulnerability_type: string | null; impact: string | null; fix_type: string | null
  fix_bucket: number | null; within30: boolean | null; within90: boolean | null; notified_on: Day | null
  received_on: Day | null; duplicate_on: Day | null; cases: number
}

/** A finished quarter's report, computed once. */
export interface StatisticsFrozenReportsTable {
  quarter: string
  report: Json
  format: number
  computed_at: Timestamp
}

/** An administrator's recomputation of a frozen quarter: what changed (empty when nothing did). */
export interface StatisticsRecomputationsTable {
  id: string
  quarter: string
  at: Timestamp
  actor_id: string | null
  differences: Json
}

export interface StatisticsTables {
  statistics_case_states: StatisticsCaseStatesTable
  statistics_snapshot: StatisticsSnapshotTable
  statistics_snapshot_product_groups: StatisticsSnapshotProductGroupsTable
  statistics_snapshot_website_groups: StatisticsSnapshotWebsiteGroupsTable
  statistics_frozen_reports: StatisticsFrozenReportsTable
  statistics_recomputations: StatisticsRecomputationsTable
}

declare module '../platform/db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends StatisticsTables {}
}

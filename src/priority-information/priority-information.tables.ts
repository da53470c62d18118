import type { ColumnType } from 'kysely'
import type { Sector } from './sectors.js'

type Timestamp = ColumnType<Date, Date | string, Date | string>

declare module '../platform/db/schema.js' {
  interface OrganizationsTable {
    /** Critical-infrastructure organisations only (migration 0008 CHECKs it). */
    sector: ColumnType<Sector | null, Sector | null | undefined, Sector | null>
  }
}

export interface PriorityInformationProvisionsTable {
  id: string
  case_id: string
  advisory_id: string
  lead_business_days: number
  marked_by: string | null
  /** The case's publication is a committee decision (migration 0013): the rules never considered it, so a reason is kept. */
  from_committee_decision: ColumnType<boolean, boolean | undefined, boolean>
  committee_decision_reason: ColumnType<string | null, string | null | undefined, string | null>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface PriorityInformationTargetSectorsTable {
  provision_id: string
  sector: Sector
}

export interface PriorityInformationTargetOrganizationsTable {
  provision_id: string
  organization_id: string
}

export interface PriorityInformationRecipientsTable {
  provision_id: string
  organization_id: string
  /** The provision time the organisation's members were mailed for; a moved date mails again. */
  notified_provide_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  notified_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

export interface PriorityInformationAcceptancesTable {
  provision_id: string
  user_id: string
  organization_id: string
  terms_version: string
  accepted_at: Timestamp
}

/** Kysely types of the priority-information tables (migration in src/platform/db/migrations/). */
export interface PriorityInformationTables {
  priority_information_provisions: PriorityInformationProvisionsTable
  priority_information_target_sectors: PriorityInformationTargetSectorsTable
  priority_information_target_organizations: PriorityInformationTargetOrganizationsTable
  priority_information_recipients: PriorityInformationRecipientsTable
  priority_information_acceptances: PriorityInformationAcceptancesTable
}

// Joins the app's Database type: the platform never imports this file, the feature brings it.
declare module '../platform/db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends PriorityInformationTables {}
}

import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

/** The contact channels a policy may require (the contact_attempts CHECK holds the same list). */
export type ContactChannel = 'email' | 'web_form' | 'phone' | 'postal' | 'other'

/** The one settings row (id = 1) of the contact-attempt policy. */
export interface UncontactablePolicyTable {
  id: ColumnType<number, number | undefined, never>
  required_channels: ContactChannel[]
  min_attempts: number
  min_span_business_days: number
  /** Fallback when the deadlines feature has no `uncontactable_details` timer. */
  details_after_months: number
  updated_at: Timestamp
  updated_by: string | null
}

/** One developer on the public uncontactable list; an ended listing stays as history. */
export interface UncontactableListingsTable {
  id: string
  case_id: string
  party_id: string
  organization_id: string
  developer_name_ja: string
  developer_name_en: string
  /** The product and versions as reported, in Japanese and English (migration 0018); English may be empty. */
  product_name_ja: string
  product_name_en: ColumnType<string, string | undefined, string>
  product_versions_ja: string
  product_versions_en: ColumnType<string, string | undefined, string>
  /** The coordinator's reason for declaring the developer uncontactable (internal). */
  reason: string
  listed_at: Timestamp
  listed_by: string | null
  /** When the `listing_details_published` event was recorded (the job's marker). */
  details_recorded_at: Timestamp | null
  ended_at: Timestamp | null
  end_reason: string | null
  ended_by: string | null
  /** The committee-decided advisory whose publication ended the listing (migration 0013); null otherwise. */
  ended_by_advisory_id: ColumnType<string | null, string | null | undefined, string | null>
}

/** What came of a tip: it helped reach the developer, or it did not (CHECK in migration 0004). */
export type TipOutcome = 'reached_developer' | 'not_useful'

/** Contact information the public sent about a listed developer. */
export interface UncontactableTipsTable {
  id: string
  listing_id: string
  case_id: string
  name: string
  email: string
  message: string
  created_at: Timestamp
  /** A coordinator's handling (issue 3): all four set together, or none (a CHECK holds it). */
  handled_at: Timestamp | null
  handled_by: string | null
  handling_outcome: TipOutcome | null
  handling_note: string | null
}

/** Kysely types of the uncontactable tables (migration 0004-uncontactable). */
export interface UncontactableTables {
  uncontactable_policy: UncontactablePolicyTable
  uncontactable_listings: UncontactableListingsTable
  uncontactable_tips: UncontactableTipsTable
}

// Joins the app's Database type: the platform never imports this file, the feature brings it.
declare module '../platform/db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends UncontactableTables {}
}

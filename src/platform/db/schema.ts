import type { ColumnType, Generated } from 'kysely'

/** Timestamps read as Date, written as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

export type Role = 'intake' | 'coordinator' | 'committee' | 'admin'
export type OrganizationKind = 'developer' | 'operator' | 'critical_infrastructure'

export interface OrganizationsTable {
  id: string
  kind: OrganizationKind
  name_ja: string
  name_en: string
  website: string | null
  pgp_public_key: string | null
  created_at: GeneratedTimestamp
  /** Website operators only (DESIGN §4). */
  org_type: ColumnType<string | null, string | null | undefined, string | null>
}

export interface UsersTable {
  id: string
  email: string
  display_name: string
  password_hash: string | null
  roles: ColumnType<Role[], Role[] | undefined, Role[]>
  locale: Generated<'ja' | 'en'>
  organization_id: string | null
  disabled_at: Timestamp | null
  created_at: GeneratedTimestamp
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>
  totp_pending_secret: ColumnType<string | null, string | null | undefined, string | null>
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>
  /** When the account last finished signing in (migration 0017). */
  last_sign_in_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface OrganizationContactsTable {
  id: string
  organization_id: string
  name: string
  email: string
  phone: string | null
  note: string | null
  created_at: GeneratedTimestamp
}

export interface SessionsTable {
  id_hash: string
  user_id: string
  csrf_token: string
  created_at: GeneratedTimestamp
  expires_at: Timestamp
  second_factor_done: ColumnType<boolean, boolean | undefined, boolean>
}

export interface ApiTokensTable {
  id: string
  user_id: string
  name: string
  token_hash: string
  created_at: GeneratedTimestamp
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
  /** After this the token is refused; null: until revoked (migration 0017). */
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface InvitationsTable {
  id: string
  token_hash: string
  purpose: 'first_admin' | 'organization_member' | 'staff'
  email: string | null
  organization_id: string | null
  roles: ColumnType<Role[], Role[] | undefined, Role[]>
  case_id: string | null
  created_by: string | null
  created_at: GeneratedTimestamp
  expires_at: Timestamp
  used_at: Timestamp | null
  used_by: string | null
  revoked_at: Timestamp | null
}

export interface CasesTable {
  id: string
  kind: 'product' | 'website'
  status: string
  source: Generated<'finder' | 'self_report' | 'overseas'>
  title: string
  product_type: string | null
  cause: string | null
  rejection_reason: string | null
  duplicate_of: string | null
  coordinator_id: string | null
  accepted_at: Timestamp | null
  start_date: string | null
  closed_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
  /** Website cases (DESIGN §4, §8): classification and fix. */
  vulnerability_type: ColumnType<string | null, string | null | undefined, string | null>
  impact: ColumnType<string | null, string | null | undefined, string | null>
  fix_type: ColumnType<string | null, string | null | undefined, string | null>
  fixed_on: ColumnType<string | null, string | null | undefined, string | null>
}

export interface ReportsTable {
  id: string
  case_id: string
  receipt_number: string
  kind: 'product' | 'website'
  finder_user_id: string | null
  tracking_token_hash: string
  finder_name: string
  finder_email: string | null
  finder_organization: string | null
  consent_share_identity: boolean
  consent_credit: boolean
  credit_name: string | null
  locale: 'ja' | 'en'
  details: Json<Record<string, unknown>>
  submitted_at: Timestamp
  /** An OpenPGP public key the finder gave with the report; mail to finder_email is encrypted to it. */
  finder_pgp_public_key: ColumnType<string | null, string | null | undefined, string | null>
  /** When staff revoked the tracking link (migration 0015); null while it works. */
  tracking_revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface AttachmentsTable {
  id: string
  report_id: string
  filename: string
  content_type: string
  size: number
  sha256: string
  data: Uint8Array
  created_at: GeneratedTimestamp
}

export type PartyStatus = 'to_contact' | 'contacting' | 'uncontactable' | 'notified' | 'investigating' | 'responded'
export type VulnerabilityStatus = 'unknown' | 'affected' | 'not_affected' | 'fixed'

export interface CasePartiesTable {
  id: string
  case_id: string
  organization_id: string
  status: Generated<PartyStatus>
  notified_at: Timestamp | null
  response: 'vulnerable' | 'not_vulnerable' | null
  statement_ja: string | null
  statement_en: string | null
  fix_plan: string | null
  proposed_publication_date: string | null
  created_at: GeneratedTimestamp
}

export interface ContactAttemptsTable {
  id: string
  case_id: string
  party_id: string
  channel: 'email' | 'web_form' | 'phone' | 'postal' | 'other'
  address: string
  attempted_at: Timestamp
  result: 'no_answer' | 'bounced' | 'reached' | 'refused'
  note: string | null
  recorded_by: string
  created_at: GeneratedTimestamp
}

export interface VulnerabilitiesTable {
  id: string
  case_id: string
  position: number
  title_ja: string
  title_en: string
  cve_id: string | null
  cwe_id: string | null
  cvss31_vector: string | null
  cvss31_score: ColumnType<string | null, number | null, number | null>
  cvss40_vector: string | null
  cvss40_score: ColumnType<string | null, number | null, number | null>
  created_at: GeneratedTimestamp
}

export interface PartyVulnerabilityStatusesTable {
  party_id: string
  vulnerability_id: string
  status: VulnerabilityStatus
  updated_at: Timestamp
}

export interface MessagesTable {
  id: string
  case_id: string
  thread: 'developer' | 'finder'
  party_id: string | null
  report_id: string | null
  author_user_id: string | null
  author_label: string
  body: string
  created_at: Timestamp
}

export interface AdvisoriesTable {
  id: string
  /** Null only for an entry imported from outside (migration 0023): it has no case behind it. */
  case_id: string | null
  identifier: string | null
  /** The JVN iPedia number, `JVNDB-YYYY-NNNNNN`, given when the advisory is scheduled (migration 0019). */
  jvndb_id: string | null
  status: 'draft' | 'scheduled' | 'published'
  publish_at: Timestamp | null
  published_at: Timestamp | null
  content: Json<unknown>
  search_text: string
  created_at: Timestamp
  updated_at: Timestamp
  /** Where the entry came from (migration 0023): 'keikai' for the programme's own, else the import source. */
  source: Generated<AdvisorySource>
  /** The entry's identity in its source (JVNDB number, CVE id, CSAF namespace + tracking id); null for keikai's own. */
  source_key: string | null
  /** Every original identifier the source gave, as `{ kind, id }`. */
  source_ids: Generated<Json<Array<{ kind: string; id: string }>>>
  /** The source record's own last-modified time: a newer one becomes a revision. */
  source_modified: Timestamp | null
  /** Digest of the imported record: the same digest again is a no-op. */
  source_hash: string | null
  /** Search columns (migration 0024), all written by `searchColumnsOf`: normalised titles, the 1–2 character grams, identifiers, filters. */
  search_title: Generated<string>
  search_grams: Generated<string[]>
  search_ids: Generated<string[]>
  search_cwes: Generated<string[]>
  search_severity: string | null
  search_developers: Generated<string[]>
  search_products: Generated<string[]>
}

export type AdvisorySource = 'keikai' | 'jvn' | 'cve' | 'csaf'

/** One row (migration 0023): goes up with every change the public may see; NOTIFY keikai_public_changes says so at once. */
export interface PublicChangesTable {
  id: number
  generation: number
  changed_at: Timestamp
}

/** The last JVN iPedia number given in each year: numbers are never given twice. */
export interface JvndbSequencesTable {
  year: number
  last_number: number
}

export interface AdvisoryRevisionsTable {
  id: string
  advisory_id: string
  revised_at: Timestamp
  note_ja: string
  note_en: string
}

export interface CaseEventsTable {
  id: Generated<number>
  case_id: string
  type: string
  from_status: string | null
  to_status: string | null
  actor_user_id: string | null
  actor_label: string
  occurred_at: Timestamp
  data: Json<Record<string, unknown>>
}

export interface AccessLogTable {
  id: Generated<number>
  user_id: string | null
  case_id: string | null
  what: string
  occurred_at: Timestamp
}

export interface MailOutboxTable {
  id: string
  to_address: string
  subject: string
  body_text: string
  status: Generated<'pending' | 'sent' | 'failed'>
  attempts: Generated<number>
  next_attempt_at: Timestamp
  last_error: string | null
  created_at: Timestamp
  sent_at: Timestamp | null
  /** Sent signed and encrypted (PGP/MIME) to the recipient's OpenPGP key. */
  encrypted: Generated<boolean>
  /** Headers of its own (a list mail's `List-Unsubscribe`), added to those delivery always sets. */
  headers: ColumnType<Record<string, string> | null, string | null | undefined, string | null>
}

export interface RateLimitsTable {
  key: string
  window_start: Timestamp
  count: number
}

/**
 * Every table: the foundation's here; each later feature adds its own from its `*.tables.ts` by
 * module augmentation (`declare module '…/schema.js' { interface Database … }`), so this file names no feature.
 */
export interface Database {
  organizations: OrganizationsTable
  users: UsersTable
  organization_contacts: OrganizationContactsTable
  sessions: SessionsTable
  api_tokens: ApiTokensTable
  invitations: InvitationsTable
  cases: CasesTable
  reports: ReportsTable
  attachments: AttachmentsTable
  case_parties: CasePartiesTable
  contact_attempts: ContactAttemptsTable
  vulnerabilities: VulnerabilitiesTable
  party_vulnerability_statuses: PartyVulnerabilityStatusesTable
  messages: MessagesTable
  advisories: AdvisoriesTable
  advisory_revisions: AdvisoryRevisionsTable
  jvndb_sequences: JvndbSequencesTable
  case_events: CaseEventsTable
  access_log: AccessLogTable
  mail_outbox: MailOutboxTable
  rate_limits: RateLimitsTable
  public_changes: PublicChangesTable
}

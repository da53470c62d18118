import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

/** A coordination request from an overseas CSIRT or vendor; the case it opened holds source and reference. */
export interface CoordinationRequestsTable {
  case_id: string
  received_on: string
  summary: string
  agreed_publication_at: Timestamp | null
  created_by: string
  created_at: Timestamp
}

/** Each reminder sent to a vendor that has not answered (a mail pointer, never case content). */
export interface PartyRemindersTable {
  id: string
  case_id: string
  party_id: string
  sent_at: Timestamp
  recipients: number
  sent_by: string | null
}

/** Kysely types of the coordination-requests tables (migration 0007-other-sources). */
export interface CoordinationRequestsTables {
  coordination_requests: CoordinationRequestsTable
  party_reminders: PartyRemindersTable
}

declare module '../platform/db/schema.js' {
  interface CasesTable {
    /** Who asked for coordination (e.g. CERT/CC, CISA, a vendor); null for the Partnership's own cases. */
    source_name: ColumnType<string | null, string | null | undefined, string | null>
    /** Their reference, e.g. VU#123456. */
    source_reference: ColumnType<string | null, string | null | undefined, string | null>
  }
}

// Joins the app's Database type: the platform never imports this file, the feature brings it.
declare module '../platform/db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends CoordinationRequestsTables {}
}

import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>

export type ReferralReason = 'uncontactable' | 'uncoordinatable'
/** open → (keep_waiting ⇄ open by later decisions) → publish; withdrawn when coordination resumes. */
export type ReferralStatus = 'open' | 'keep_waiting' | 'publish' | 'withdrawn'
export type CommitteeVote = 'publish' | 'keep_waiting'

export interface CommitteeReferralsTable {
  id: string
  case_id: string
  reason: ReferralReason
  note: string | null
  status: ReferralStatus
  referred_by: string | null
  referred_at: Timestamp
  decided_at: Timestamp | null
  closed_at: Timestamp | null
  close_reason: string | null
  /** Marked urgent (migration 0013): since when and why; both null when not (a CHECK holds it). */
  urgent_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  urgency_reason: ColumnType<string | null, string | null | undefined, string | null>
}

export interface CommitteeMeetingsTable {
  id: string
  held_on: ColumnType<string, string, string>
  chair_user_id: string
  notes: string
  recorded_by: string
  recorded_at: Timestamp
}

export interface CommitteeMeetingAttendeesTable { meeting_id: string; user_id: string }
export interface CommitteeMeetingReferralsTable { meeting_id: string; referral_id: string }

export interface CommitteeRecusalsTable {
  referral_id: string
  user_id: string
  reason: string
  recused_at: Timestamp
}

export interface CommitteeVotesTable {
  referral_id: string
  user_id: string
  meeting_id: string | null
  vote: CommitteeVote
  comment: string
  cast_at: Timestamp
}

export interface CommitteeDecisionsTable {
  id: string
  referral_id: string
  meeting_id: string | null
  decision: CommitteeVote
  reasons: string
  decided_by: string
  decided_at: Timestamp
  advisory_id: string | null
  publish_at: Timestamp | null
}

/** Kysely types of the committee tables (migration 0005-committee). */
export interface CommitteeTables {
  committee_referrals: CommitteeReferralsTable
  committee_meetings: CommitteeMeetingsTable
  committee_meeting_attendees: CommitteeMeetingAttendeesTable
  committee_meeting_referrals: CommitteeMeetingReferralsTable
  committee_recusals: CommitteeRecusalsTable
  committee_votes: CommitteeVotesTable
  committee_decisions: CommitteeDecisionsTable
}

// Joins the app's Database type: the platform never imports this file, the feature brings it.
declare module '../platform/db/schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends CommitteeTables {}
}

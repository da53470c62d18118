import type { CurrentUser } from '../platform/http/context.js'
import type { Role } from '../platform/db/schema.js'
import type { CaseRelation } from '../policies/policies.js'

// A local role check: importing policies.ts here would make a module cycle.
const has = (u: CurrentUser | null, role: Role) => Boolean(u?.roles.includes(role))

/**
 * Permissions of the committee; merged into `policies` in src/policies/policies.ts. Members see
 * referred cases only, through the committee pages — never the case pages (DESIGN §5).
 */
export const committeePolicies = {
  /** The committee's pages: members, and coordinators as its secretariat. */
  viewCommittee: (u: CurrentUser | null) => has(u, 'committee') || has(u, 'coordinator'),
  /** Recusal and votes are a member's own acts. */
  actAsCommitteeMember: (u: CurrentUser | null) => has(u, 'committee'),
  recordCommitteeMeeting: (u: CurrentUser | null) => has(u, 'coordinator'),
  /** Marking a referral urgent and cancelling that: the secretariat (coordinators). */
  markReferralUrgent: (u: CurrentUser | null) => has(u, 'coordinator'),
  referToCommittee: (u: CurrentUser | null, rel: CaseRelation) => has(u, 'coordinator') && rel.caseKind === 'product',
  /** The case summary of a referral: coordinators, and members who have not recused. */
  readReferralDetails: (u: CurrentUser | null, recused: boolean) => has(u, 'coordinator') || (has(u, 'committee') && !recused),
  /**
   * The decision: a coordinator (the secretariat records and carries out what the committee
   * decided), or the chair of a meeting that discussed the referral, unless they recused.
   */
  decideReferral: (u: CurrentUser | null, chairedMeetings: string[], recused: boolean) =>
    has(u, 'coordinator') || (has(u, 'committee') && chairedMeetings.length > 0 && !recused),
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

import type { Role } from '../platform/db/schema.js'
import type { CurrentUser } from '../platform/http/context.js'

/**
 * Who may do what. Every route and view asks here; nothing else decides a permission.
 * Deny by default: each function answers true only for the parties DESIGN §5 names.
 */

export const hasRole = (user: CurrentUser | null, role: Role): boolean => Boolean(user?.roles.includes(role))

/** How a person stands to one case, computed from the database by `loadCaseRelation`. */
export type CaseRelation = {
  caseKind: 'product' | 'website'
  /** Case parties (organisations) the user belongs to that have been notified. */
  notifiedPartyIds: string[]
  /** Reports in the case the user submitted (by account or by tracking link). */
  ownReportIds: string[]
}

export const isIntake = (u: CurrentUser | null) => hasRole(u, 'intake')
export const isCoordinator = (u: CurrentUser | null) => hasRole(u, 'coordinator')
export const isAdmin = (u: CurrentUser | null) => hasRole(u, 'admin')
export const isStaff = (u: CurrentUser | null) => isIntake(u) || isCoordinator(u)

/** Intake staff see all reports; coordinators see all product cases. */
export function isCaseStaff(user: CurrentUser | null, rel: Pick<CaseRelation, 'caseKind'>): boolean {
  return isIntake(user) || (rel.caseKind === 'product' && isCoordinator(user))
}

/** The foundation's permissions. Each later feature keeps its own in its `*.policies.ts` and asks those. */
export const policies = {

  /** Anyone, signed in or not, may submit a report. */
  submitReport: () => true,
  viewIntakeQueue: (u: CurrentUser | null) => isIntake(u),
  decideIntake: (u: CurrentUser | null) => isIntake(u),
  viewCoordinationQueue: (u: CurrentUser | null) => isCoordinator(u),
  coordinate: (u: CurrentUser | null, rel: CaseRelation) => isCoordinator(u) && rel.caseKind === 'product',
  /** Intake classifies at acceptance, coordinators as the case becomes clear. */
  classifyCase: (u: CurrentUser | null, rel: CaseRelation) => isCaseStaff(u, rel),
  manageOrganizations: (u: CurrentUser | null) => isCoordinator(u) || isAdmin(u),
  manageAccounts: (u: CurrentUser | null) => isAdmin(u),
  readOutbox: (u: CurrentUser | null) => isAdmin(u),
  /** Revoking and reissuing a finder's tracking link (DESIGN §5): the staff running the case. */
  manageTrackingLinks: (u: CurrentUser | null, rel: CaseRelation) => isCaseStaff(u, rel),

  /** The staff view of a case: the whole record. */
  viewCaseAsStaff: (u: CurrentUser | null, rel: CaseRelation) => isCaseStaff(u, rel),
  /** A notified developer organisation sees its case, from notification on. */
  viewCaseAsParty: (rel: CaseRelation) => rel.notifiedPartyIds.length > 0,
  /** A finder sees their own report's status and their thread. */
  viewCaseAsFinder: (rel: CaseRelation) => rel.ownReportIds.length > 0,
  viewCaseAtAll: (u: CurrentUser | null, rel: CaseRelation) =>
    isCaseStaff(u, rel) || rel.notifiedPartyIds.length > 0 || rel.ownReportIds.length > 0,

  respondAsDeveloper: (rel: CaseRelation, partyId: string) => rel.notifiedPartyIds.includes(partyId),
  /** The thread of one party (developer or website operator): the staff running the case and that party only. */
  useDeveloperThread: (u: CurrentUser | null, rel: CaseRelation, partyId: string) =>
    (isCoordinator(u) && rel.caseKind === 'product') || (isIntake(u) && rel.caseKind === 'website') || rel.notifiedPartyIds.includes(partyId),
  /** The finder thread of one report: staff of the case and that finder only. */
  useFinderThread: (u: CurrentUser | null, rel: CaseRelation, reportId: string) =>
    isCaseStaff(u, rel) || rel.ownReportIds.includes(reportId),
  downloadAttachment: (u: CurrentUser | null, rel: CaseRelation, reportId: string) =>
    isCaseStaff(u, rel) || rel.ownReportIds.includes(reportId),
  /** Developers see the finder's name only if the finder consented. */
  seeFinderIdentity: (u: CurrentUser | null, rel: CaseRelation, consentShareIdentity: boolean) =>
    isCaseStaff(u, rel) || rel.ownReportIds.length > 0 || consentShareIdentity,
}

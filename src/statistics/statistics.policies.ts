import type { CurrentUser } from '../platform/http/context.js'

// Roles are read here directly: policies.ts spreads this module, so importing its helpers would be circular.
const isIntake = (u: CurrentUser | null) => Boolean(u?.roles.includes('intake'))
const isCoordinator = (u: CurrentUser | null) => Boolean(u?.roles.includes('coordinator'))
const isAdmin = (u: CurrentUser | null) => Boolean(u?.roles.includes('admin'))

/** Permissions of statistics; merged into `policies` in src/policies/policies.ts. */
export const statisticsPolicies = {
  /**
   * The website figures as of any date: intake staff (IPA) only. Not public yet — with few cases a
   * count by type or by bucket could point at one site; the public quarterly report comes later.
   */
  viewWebsiteStatistics: (u: CurrentUser | null) => isIntake(u),
  /**
   * The staff view of the quarterly report as of any date (counts only, no case): intake staff,
   * coordinators and administrators — the people who answer for the programme's figures.
   */
  viewStaffReport: (u: CurrentUser | null) => isIntake(u) || isCoordinator(u) || isAdmin(u),
  /**
   * The cases behind a count of the staff report: only those who may see the cases themselves
   * (DESIGN §5) — intake staff every report, coordinators the product side. Administrators see the
   * counts but no case.
   */
  drillDownCases: (u: CurrentUser | null, side: 'product' | 'website') => isIntake(u) || (side === 'product' && isCoordinator(u)),
  /** Computing a frozen quarter's report again from the event log: administrators. */
  recomputeReport: (u: CurrentUser | null) => isAdmin(u),
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

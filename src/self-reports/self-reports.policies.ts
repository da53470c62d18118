import type { CurrentUser } from '../platform/http/context.js'

// Role checks are written out here rather than imported: policies.ts spreads this object while it loads.
const has = (u: CurrentUser | null, role: 'intake' | 'coordinator') => Boolean(u?.roles.includes(role))
const isDeveloperMember = (u: CurrentUser | null) => Boolean(u?.organizationId && u.organizationKind === 'developer')

/** Permissions of self-reports (自社製品届出); merged into `policies` in src/policies/policies.ts. */
export const selfReportsPolicies = {
  /** A member of a developer organisation reports its own product's vulnerability and fix. */
  fileSelfReport: (u: CurrentUser | null) => isDeveloperMember(u),
  /** Developers see their organisation's self-reports; intake and coordinators see all of them. */
  listSelfReports: (u: CurrentUser | null) => isDeveloperMember(u) || has(u, 'intake') || has(u, 'coordinator'),
  /** One self-report: its organisation's members and the staff who review it. */
  viewSelfReport: (u: CurrentUser | null, sr: { organization_id: string }) =>
    has(u, 'intake') || has(u, 'coordinator') || (isDeveloperMember(u) && u!.organizationId === sr.organization_id),
  /** 受理 / 不受理 of a self-report: intake or coordinators. */
  reviewSelfReport: (u: CurrentUser | null) => has(u, 'intake') || has(u, 'coordinator'),
  /** Taking an accepted self-report into coordination. */
  coordinateSelfReport: (u: CurrentUser | null) => has(u, 'coordinator'),
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

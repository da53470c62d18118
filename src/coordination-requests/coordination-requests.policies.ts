import type { CurrentUser } from '../platform/http/context.js'

// Role checks are written out here rather than imported: policies.ts spreads this object while it loads.
const isCoordinator = (u: CurrentUser | null) => Boolean(u?.roles.includes('coordinator'))

/** Permissions of coordination-requests; merged into `policies` in src/policies/policies.ts. */
export const coordinationRequestsPolicies = {
  /** Coordinators (JPCERT/CC) open cases from overseas CSIRTs' and vendors' requests. */
  openCoordinationRequest: (u: CurrentUser | null) => isCoordinator(u),
  /** The vendor matrix and its bulk actions: the coordinators of a product case. */
  manageVendors: (u: CurrentUser | null, rel: { caseKind: 'product' | 'website' }) => isCoordinator(u) && rel.caseKind === 'product',
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

import type { CurrentUser } from '../platform/http/context.js'
import type { ProvisionState } from './provision-time.js'

// Roles are read here directly rather than through policies.ts, which imports this module.
const isCoordinator = (u: CurrentUser | null) => Boolean(u?.roles.includes('coordinator'))
const isAdmin = (u: CurrentUser | null) => Boolean(u?.roles.includes('admin'))
const isCiMember = (u: CurrentUser | null) => u?.organizationKind === 'critical_infrastructure' && u.organizationId !== null

/** Permissions of priority-information; merged into `policies` in src/policies/policies.ts. */
export const priorityInformationPolicies = {
  /** Registering critical-infrastructure organisations, their contacts and members: coordinators and administrators. */
  manageCiOrganizations: (u: CurrentUser | null) => isCoordinator(u) || isAdmin(u),
  /** Choosing an advisory for provision: the coordinators of product cases. */
  markForPriorityInformation: (u: CurrentUser | null, rel: { caseKind: 'product' | 'website' }) => isCoordinator(u) && rel.caseKind === 'product',
  /** The provision list: coordinators (every provision) and critical-infrastructure members (their own). */
  listPriorityInformation: (u: CurrentUser | null) => isCoordinator(u) || isCiMember(u),
  /** Recipients, access log and counts by sector: coordinators, never as recipients. */
  viewPriorityInformationAsStaff: (u: CurrentUser | null) => isCoordinator(u),
  /**
   * DESIGN §5: a critical-infrastructure organisation sees only provisions addressed to it, only
   * from the provision time (after publication the page merely points to the public advisory).
   */
  readPriorityInformation: (u: CurrentUser | null, access: { addressed: boolean; state: ProvisionState }) =>
    isCiMember(u) && access.addressed && (access.state === 'open' || access.state === 'published'),
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

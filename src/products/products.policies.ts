import type { CurrentUser } from '../platform/http/context.js'
import type { CaseRelation } from '../policies/policies.js'

// Role checks are spelled out here: importing policies.ts's helpers would make a module cycle.
const hasRole = (u: CurrentUser | null, role: CurrentUser['roles'][number]) => Boolean(u?.roles.includes(role))
const isStaffKeeper = (u: CurrentUser | null) => hasRole(u, 'coordinator') || hasRole(u, 'admin')

/** Permissions of the product catalogue. */
export const productsPolicies = {
  /**
   * A developer organisation's catalogue (see and change it): coordinators and admins, as for the
   * organisation itself, and the organisation's own members, who know their products' support
   * periods best. Nobody else learns that the catalogue exists.
   */
  keepCatalogue: (u: CurrentUser | null, organizationId: string | null) =>
    isStaffKeeper(u) || (organizationId !== null && u?.organizationKind === 'developer' && u.organizationId === organizationId),
  /** Whether the user has a catalogue of their own to keep (the "products" link of a developer's workspace). */
  hasOwnCatalogue: (u: CurrentUser | null) => u?.organizationKind === 'developer' && u.organizationId !== null,
  /** The products a product case concerns, and filling its advisory from them: its coordinators. */
  pickCaseProducts: (u: CurrentUser | null, rel: CaseRelation) => hasRole(u, 'coordinator') && rel.caseKind === 'product',
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

import type { CurrentUser } from '../platform/http/context.js'

// Roles are read here directly rather than through policies.ts.
const isCoordinator = (u: CurrentUser | null) => Boolean(u?.roles.includes('coordinator'))
const isAdmin = (u: CurrentUser | null) => Boolean(u?.roles.includes('admin'))

/** Permissions of the CVE feature. Published CVE records are public and need none. */
export const cvePolicies = {
  /** The pool of reserved CVE IDs — adding IDs, seeing which are free: coordinators and administrators. */
  manageCveIdPool: (u: CurrentUser | null) => isCoordinator(u) || isAdmin(u),
  /** Giving a vulnerability an ID from the pool while drafting: the coordinators of product cases. */
  assignCveId: (u: CurrentUser | null, rel: { caseKind: string }) => isCoordinator(u) && rel.caseKind === 'product',
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

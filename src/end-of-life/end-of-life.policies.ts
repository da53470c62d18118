import type { CurrentUser } from '../platform/http/context.js'
import type { CaseRelation } from '../policies/policies.js'

// Role checks are spelled out here: policies.ts spreads this module, so importing its helpers would be circular.
const coordinatorOfProduct = (u: CurrentUser | null, rel: CaseRelation) => Boolean(u?.roles.includes('coordinator')) && rel.caseKind === 'product'

/** Permissions of end-of-life; merged into `policies` in src/policies/policies.ts. */
export const endOfLifePolicies = {
  /** Support-end dates and the EoL handling A–E of a product case: coordinators. */
  manageEndOfLife: (u: CurrentUser | null, rel: CaseRelation) => coordinatorOfProduct(u, rel),
  /** 個別対応 and low-impact closure of a product case: coordinators. */
  endCase: (u: CurrentUser | null, rel: CaseRelation) => coordinatorOfProduct(u, rel),
  /** Joining a duplicate report to an existing case: intake staff (every report) and coordinators (product cases). */
  joinDuplicate: (u: CurrentUser | null, rel: CaseRelation) => Boolean(u?.roles.includes('intake')) || coordinatorOfProduct(u, rel),
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

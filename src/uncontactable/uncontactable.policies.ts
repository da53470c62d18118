import type { CurrentUser } from '../platform/http/context.js'
import type { Role } from '../platform/db/schema.js'
import type { CaseRelation } from '../policies/policies.js'

// A local role check: importing policies.ts here would make a module cycle.
const has = (u: CurrentUser | null, role: Role) => Boolean(u?.roles.includes(role))

/** Permissions of uncontactable; merged into `policies` in src/policies/policies.ts. */
export const uncontactablePolicies = {
  /** The uncontactable-developer list is public (DESIGN §5), as is each live listing. */
  viewUncontactableList: () => true,
  /** Anyone may tell the coordinators how to reach a listed developer (rate-limited). */
  sendUncontactableTip: () => true,
  /** Declaring a developer uncontactable and resuming coordination: coordinators of product cases. */
  declareUncontactable: (u: CurrentUser | null, rel: CaseRelation) => has(u, 'coordinator') && rel.caseKind === 'product',
  resumeCoordination: (u: CurrentUser | null, rel: CaseRelation) => has(u, 'coordinator') && rel.caseKind === 'product',
  /** Tips from the public are read and handled by the coordinators of the case. */
  handleUncontactableTip: (u: CurrentUser | null, rel: CaseRelation) => has(u, 'coordinator') && rel.caseKind === 'product',
  /** The contact-attempt policy is configuration: administrators. */
  manageUncontactablePolicy: (u: CurrentUser | null) => has(u, 'admin'),
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

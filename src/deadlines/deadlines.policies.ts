import type { CurrentUser } from '../platform/http/context.js'
import type { CaseRelation } from '../policies/policies.js'

// Role checks are spelled out here: policies.ts spreads this object, so importing its helpers would be circular.
const has = (u: CurrentUser | null, role: 'intake' | 'coordinator' | 'admin') => Boolean(u?.roles.includes(role))

/** Permissions of deadlines; merged into `policies` in src/policies/policies.ts. */
export const deadlinesPolicies = {
  /** The due/overdue queue: intake staff and coordinators, who run the cases. */
  viewDeadlineQueue: (u: CurrentUser | null) => has(u, 'intake') || has(u, 'coordinator'),
  /** Seeing, pausing and resuming one case's deadlines: the staff of that case. */
  manageCaseDeadlines: (u: CurrentUser | null, rel: Pick<CaseRelation, 'caseKind'>) =>
    has(u, 'intake') || (rel.caseKind === 'product' && has(u, 'coordinator')),
  /** The deadline policies are configuration: administrators only. */
  configureDeadlines: (u: CurrentUser | null) => has(u, 'admin'),
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

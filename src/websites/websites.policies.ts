import type { CurrentUser } from '../platform/http/context.js'
import type { CaseRelation } from '../policies/policies.js'

// Role checks are spelled out here: policies.ts spreads this module, so importing its helpers would be circular.
const isIntake = (u: CurrentUser | null) => Boolean(u?.roles.includes('intake'))

/** Permissions of the website flow (DESIGN §4, §5); merged into `policies` in src/policies/policies.ts. */
export const websitesPolicies = {
  /** IPA's intake staff run the whole website flow; coordinators never see website cases. */
  runWebsiteFlow: (u: CurrentUser | null, rel: CaseRelation) => isIntake(u) && rel.caseKind === 'website',
  viewWebsiteCases: (u: CurrentUser | null) => isIntake(u),
  /** Operator organisations are registered by intake staff (and administrators). */
  manageOperators: (u: CurrentUser | null) => isIntake(u) || Boolean(u?.roles.includes('admin')),
  /** The notified operator reports its fix or disputes the report, from notification on. */
  actAsOperator: (_u: CurrentUser | null, rel: CaseRelation) => rel.caseKind === 'website' && rel.notifiedPartyIds.length > 0,
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

import type { CurrentUser } from '../platform/http/context.js'

// Roles are read here directly: policies.ts spreads this module, so importing its helpers would be circular.
const isIntake = (u: CurrentUser | null) => Boolean(u?.roles.includes('intake'))

/** Permissions of statistics; merged into `policies` in src/policies/policies.ts. */
export const statisticsPolicies = {
  /**
   * The website figures as of any date: intake staff (IPA) only. Not public yet — with few cases a
   * count by type or by bucket could point at one site; the public quarterly report comes later.
   */
  viewWebsiteStatistics: (u: CurrentUser | null) => isIntake(u),
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

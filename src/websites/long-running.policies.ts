import type { CurrentUser } from '../platform/http/context.js'

// Role checks are spelled out here: policies.ts spreads this module, so importing its helpers would be circular.
const isIntake = (u: CurrentUser | null) => Boolean(u?.roles.includes('intake'))

/** Permissions of long-running; merged into `policies` in src/policies/policies.ts. */
export const longRunningPolicies = {
  /** The long-running dashboard (取扱いが長期化): IPA's intake staff, who run the website flow. Coordinators never see website cases. */
  viewLongRunning: (u: CurrentUser | null) => isIntake(u),
  /** Reminding the operators of selected website cases from the dashboard. */
  remindLongRunning: (u: CurrentUser | null) => isIntake(u),
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

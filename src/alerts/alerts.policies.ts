import type { CurrentUser } from '../platform/http/context.js'

// A local role check: importing policies.ts here would make a module cycle.
const isIntake = (u: CurrentUser | null) => Boolean(u?.roles.includes('intake'))

/** Permissions of alerts; merged into `policies` in src/policies/policies.ts. */
export const alertsPolicies = {
  /**
   * Intake staff (IPA) run the website flow, so they draft, publish and revise alerts and choose
   * the website cases an alert covers. Coordinators never see website cases. The public reads
   * published alerts — and only those — without any policy.
   */
  manageAlerts: (u: CurrentUser | null) => isIntake(u),
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

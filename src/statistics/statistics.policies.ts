import type { CurrentUser } from '../platform/http/context.js'

/** Permissions of statistics; merged into `policies` in src/policies/policies.ts. */
export const statisticsPolicies = {
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

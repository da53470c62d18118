import type { CurrentUser } from '../platform/http/context.js'

/** Permissions of committee; merged into `policies` in src/policies/policies.ts. */
export const committeePolicies = {} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

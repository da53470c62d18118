import type { CurrentUser } from '../platform/http/context.js'

/** Permissions of coordination-requests; merged into `policies` in src/policies/policies.ts. */
export const coordinationRequestsPolicies = {} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

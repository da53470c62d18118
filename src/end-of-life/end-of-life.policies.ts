import type { CurrentUser } from '../platform/http/context.js'

/** Permissions of end-of-life; merged into `policies` in src/policies/policies.ts. */
export const endOfLifePolicies = {} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

import type { CurrentUser } from '../platform/http/context.js'

/** Permissions of deadlines; merged into `policies` in src/policies/policies.ts. */
export const deadlinesPolicies = {} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

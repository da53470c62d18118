import type { CurrentUser } from '../platform/http/context.js'

/** Permissions of priority-information; merged into `policies` in src/policies/policies.ts. */
export const priorityInformationPolicies = {} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

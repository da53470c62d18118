import type { CurrentUser } from '../platform/http/context.js'

/** Permissions of uncontactable; merged into `policies` in src/policies/policies.ts. */
export const uncontactablePolicies = {} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

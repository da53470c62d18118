import type { CurrentUser } from '../platform/http/context.js'

// A local role check: importing policies.ts here would make a module cycle.
const isAdmin = (u: CurrentUser | null) => Boolean(u?.roles.includes('admin'))

/** Permissions of the import feature; merged into `policies` in src/policies/policies.ts. */
export const importPolicies = {
  /** Administrators load outside data (JVN iPedia, CVE records, CSAF documents) as public advisories. */
  importEntries: (u: CurrentUser | null) => isAdmin(u),
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

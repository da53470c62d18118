import type { CurrentUser } from '../platform/http/context.js'

const has = (u: CurrentUser | null, role: 'intake' | 'coordinator' | 'admin') => Boolean(u?.roles.includes(role))
const isDeveloperMember = (u: CurrentUser | null) => Boolean(u?.organizationId && u.organizationKind === 'developer')
const isOutreachStaff = (u: CurrentUser | null) => has(u, 'intake') || has(u, 'coordinator') || has(u, 'admin')

/**
 * Permissions of the guides and their outreach (DESIGN §9). The guides themselves, the checklist,
 * ratings, downloads and registering for notices are for everyone, without an account.
 */
export const guidesPolicies = {
  /** Keeping checklist results: anyone signed in (a developer's staff, mostly). */
  saveChecklistResult: (u: CurrentUser | null) => Boolean(u),
  /** A product's public statement: members of a developer organisation, for their organisation. */
  manageStatements: (u: CurrentUser | null) => isDeveloperMember(u),
  manageStatement: (u: CurrentUser | null, s: { organization_id: string }) => isDeveloperMember(u) && u!.organizationId === s.organization_id,
  /** The checklist's items and levels, and announcing a change to a guide: administrators. */
  editGuides: (u: CurrentUser | null) => has(u, 'admin'),
  /** Outreach channels and their QR codes, and the effect dashboard: the programme's staff. */
  manageChannels: (u: CurrentUser | null) => isOutreachStaff(u),
  viewEffect: (u: CurrentUser | null) => isOutreachStaff(u),
  /** Subscribers' addresses: administrators only. Everyone else sees counts. */
  viewSubscribers: (u: CurrentUser | null) => has(u, 'admin'),
} satisfies Record<string, (u: CurrentUser | null, ...rest: any[]) => boolean>

import type { Ctx, CurrentUser } from '../platform/http/context.js'
import { requireAllowed } from '../platform/http/guards.js'
import { errors } from '../platform/errors.js'
import { chairedMeetings, findReferral, isRecused } from './referrals.repository.js'
import { allowedOnCase } from '../cases/case-guard.js'
import { committeePolicies } from './committee.policies.js'

/** Members and coordinators reach the committee's pages; everyone else signed in gets 404. */
export const committeeViewer = (c: Ctx): CurrentUser => requireAllowed(c, committeePolicies.viewCommittee)

/**
 * The referral in the path and how the viewer stands to it: an unknown referral is 404 like a
 * page one may not see. Every referral is a referred case, so members may know it exists.
 */
export async function referralAccess(c: Ctx) {
  const user = committeeViewer(c)
  const { db } = c.var.deps
  const referral = await findReferral(db, c.req.param('referralId')!)
  if (!referral) throw errors.notFound()
  const recused = await isRecused(db, referral.id, user.id)
  const chairOf = await chairedMeetings(db, referral.id, user.id)
  return { user, referral, recused, chairOf }
}

/** A member acting on a referral (recusal, vote); coordinators and others get 404. */
export async function memberAccess(c: Ctx) {
  const access = await referralAccess(c)
  if (!committeePolicies.actAsCommitteeMember(access.user)) throw errors.notFound()
  return access
}

/** The secretariat acting on a referral (urgency); members and others get 404. */
export async function secretariatAccess(c: Ctx) {
  const access = await referralAccess(c)
  if (!committeePolicies.markReferralUrgent(access.user)) throw errors.notFound()
  return access
}

/** Who may record the decision: a coordinator, or the chair of a meeting that discussed it. */
export async function deciderAccess(c: Ctx) {
  const access = await referralAccess(c)
  if (!committeePolicies.decideReferral(access.user, access.chairOf, access.recused)) throw errors.notFound()
  return access
}

/** A coordinator of the product case in the path. */
export const referrerOf = (c: Ctx): Promise<CurrentUser> => allowedOnCase(c, committeePolicies.referToCommittee)

/** The chair decides for a meeting they chaired; a coordinator may name any meeting that discussed it, or none. */
export function decisionMeeting(access: { user: CurrentUser; chairOf: string[] }, requested: string | undefined): string | null {
  if (access.user.roles.includes('coordinator')) return requested ?? null
  return requested && access.chairOf.includes(requested) ? requested : access.chairOf[0] ?? null
}

import type { Ctx, CurrentUser } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { requireUser } from '../platform/http/guards.js'
import type { CaseRelation } from '../policies/policies.js'
import { loadCaseRelation } from './cases.repository.js'

/**
 * The signed-in user and how they stand to the case named by the route parameter `param`, if
 * `allowed` lets them act on it; everyone else gets 404 (the case's existence is not revealed),
 * and the anonymous are sent to sign in. Every case route's access check goes through here.
 */
export async function caseAccess(c: Ctx, allowed: (u: CurrentUser, rel: CaseRelation) => boolean, param = 'caseId') {
  const user = requireUser(c)
  const caseId = c.req.param(param)!
  const rel = await loadCaseRelation(c.var.deps.db, caseId, user)
  if (!rel || !allowed(user, rel)) throw errors.notFound()
  return { user, rel, caseId }
}

/** `caseAccess` when only the user is needed. */
export async function allowedOnCase(c: Ctx, allowed: (u: CurrentUser, rel: CaseRelation) => boolean): Promise<CurrentUser> {
  return (await caseAccess(c, allowed)).user
}

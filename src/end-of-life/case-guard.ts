import type { Ctx, CurrentUser } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { requireUser } from '../platform/http/guards.js'
import { loadCaseRelation } from '../cases/cases.repository.js'
import type { CaseRelation } from '../policies/policies.js'

/** The signed-in user if `allowed` lets them act on the route's case; everyone else gets 404 (anonymous: sign in). */
export async function allowedOnCase(c: Ctx, allowed: (u: CurrentUser, rel: CaseRelation) => boolean): Promise<CurrentUser> {
  const user = requireUser(c)
  const rel = await loadCaseRelation(c.var.deps.db, c.req.param('caseId')!, user)
  if (!rel || !allowed(user, rel)) throw errors.notFound()
  return user
}

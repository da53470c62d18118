import type { Ctx } from '../platform/http/context.js'
import type { CurrentUser } from '../platform/http/context.js'
import { requireUser } from '../platform/http/guards.js'
import { errors } from '../platform/errors.js'
import type { CaseRelation } from '../policies/policies.js'
import { loadCaseRelation } from '../cases/cases.repository.js'

/**
 * The signed-in user and their relation to the website case in the path, if `allowed` says so;
 * otherwise 404 (the case's existence is not revealed), and sign-in for the anonymous.
 */
export async function websiteCaseFor(c: Ctx, allowed: (u: CurrentUser | null, rel: CaseRelation) => boolean) {
  const user = requireUser(c)
  const caseId = c.req.param('websiteCaseId')!
  const rel = await loadCaseRelation(c.var.deps.db, caseId, user)
  if (!rel || rel.caseKind !== 'website' || !allowed(user, rel)) throw errors.notFound()
  return { user, rel, caseId }
}

import type { Ctx } from '../platform/http/context.js'
import { requireUser } from '../platform/http/guards.js'
import { errors } from '../platform/errors.js'
import { policies } from '../policies/policies.js'
import { loadCaseRelation } from '../cases/cases.repository.js'

/** The coordinator of the case in the path, for the vendor matrix; everyone else 404. */
export async function vendorManagerOf(c: Ctx) {
  const user = requireUser(c)
  const rel = await loadCaseRelation(c.var.deps.db, c.req.param('caseId')!, user)
  if (!rel || !policies.manageVendors(user, rel)) throw errors.notFound()
  return user
}

import type { Ctx, CurrentUser } from '../platform/http/context.js'
import { requireUser } from '../platform/http/guards.js'
import { errors } from '../platform/errors.js'
import { findSelfReport, listSelfReports } from './self-reports.repository.js'
import { selfReportsPolicies } from './self-reports.policies.js'

/** The self-report in the path, if the viewer may see it and `allowed` lets them act; everyone else 404. */
export async function selfReportFor(c: Ctx, allowed: (u: CurrentUser) => boolean) {
  const user = requireUser(c)
  const sr = await findSelfReport(c.var.deps.db, c.req.param('selfReportId')!)
  if (!sr || !selfReportsPolicies.viewSelfReport(user, sr) || !allowed(user)) throw errors.notFound()
  return { user, sr }
}

/** Developers see their organisation's self-reports, staff all of them. */
export const selfReportsVisibleTo = (c: Ctx, user: CurrentUser) =>
  listSelfReports(c.var.deps.db, selfReportsPolicies.reviewSelfReport(user) ? {} : { organizationId: user.organizationId! })

import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'
import { jsonBody } from '../platform/http/validate.js'
import { requireAllowed } from '../platform/http/guards.js'
import { actorOf } from '../cases/case-events.js'
import { selfReportAcceptSchema, selfReportRejectSchema, selfReportSchema } from './self-reports.schemas.js'
import { acceptSelfReport, rejectSelfReport, startSelfReportCoordination, submitSelfReport } from './self-reports.usecases.js'
import { presentSelfReport } from './self-reports.repository.js'
import { selfReportFor, selfReportsVisibleTo } from './self-reports.guards.js'
import { selfReportsPolicies } from './self-reports.policies.js'

/** The self-report JSON API: the same use cases and checks as the pages. */
export const selfReportsApi = new Hono<AppEnv>()

selfReportsApi.get('/api/v1/self-reports', async (c) => {
  const user = requireAllowed(c, selfReportsPolicies.listSelfReports)
  const rows = await selfReportsVisibleTo(c, user)
  return c.json({ selfReports: rows.map(presentSelfReport) })
})

selfReportsApi.post('/api/v1/self-reports', async (c) => {
  const user = requireAllowed(c, selfReportsPolicies.fileSelfReport)
  const report = await jsonBody(c, selfReportSchema)
  return c.json(await submitSelfReport(c.var.deps, { report, user }), 201)
})

selfReportsApi.get('/api/v1/self-reports/:selfReportId', async (c) => {
  const { sr } = await selfReportFor(c, () => true)
  return c.json(presentSelfReport(sr))
})

selfReportsApi.post('/api/v1/self-reports/:selfReportId/accept', async (c) => {
  const { user, sr } = await selfReportFor(c, selfReportsPolicies.reviewSelfReport)
  const { note } = await jsonBody(c, selfReportAcceptSchema)
  return c.json(await acceptSelfReport(c.var.deps, { selfReportId: sr.id, actor: actorOf(user), note }))
})

selfReportsApi.post('/api/v1/self-reports/:selfReportId/reject', async (c) => {
  const { user, sr } = await selfReportFor(c, selfReportsPolicies.reviewSelfReport)
  const { reason, note } = await jsonBody(c, selfReportRejectSchema)
  return c.json(await rejectSelfReport(c.var.deps, { selfReportId: sr.id, actor: actorOf(user), reason, note }))
})

selfReportsApi.post('/api/v1/self-reports/:selfReportId/start', async (c) => {
  const { user, sr } = await selfReportFor(c, selfReportsPolicies.coordinateSelfReport)
  return c.json(await startSelfReportCoordination(c.var.deps, { selfReportId: sr.id, actor: actorOf(user) }))
})

import { Hono } from 'hono'
import type { z } from 'zod'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { refusedInput } from '../platform/http/forms.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { parseFlatForm } from '../platform/http/bilingual.js'
import { requireAllowed } from '../platform/http/guards.js'
import { AppError } from '../platform/errors.js'
import { actorOf } from '../cases/case-events.js'
import { selfReportAcceptSchema, selfReportRejectSchema, selfReportSchema } from './self-reports.schemas.js'
import { acceptSelfReport, rejectSelfReport, startSelfReportCoordination, submitSelfReport } from './self-reports.usecases.js'
import { selfReportFor, selfReportsVisibleTo } from './self-reports.guards.js'
import { SelfReportForm, SelfReportList } from './self-reports.views.js'
import { selfReportsApi } from './self-reports.api.js'
import { selfReportsPolicies } from './self-reports.policies.js'

export const selfReportsRoutes = new Hono<AppEnv>()

selfReportsRoutes.get('/self-reports', (c) => listPage(c))

/** The list; after a refused 受理 / 不受理, that report's form shows why (400) with what was entered. */
async function listPage(c: Ctx, failed?: { id: string; form: 'accept' | 'reject'; error: AppError; values: Record<string, unknown> }) {
  const user = requireAllowed(c, selfReportsPolicies.listSelfReports)
  const reports = await selfReportsVisibleTo(c, user)
  return page(c, c.var.t('self_reports.list_title'), <SelfReportList c={c} reports={reports} filed={c.req.query('filed')?.replace(/[^A-Z0-9-]/g, '')} failed={failed} />, failed?.error.status ?? 200)
}

selfReportsRoutes.get('/self-reports/new', (c) => {
  requireAllowed(c, selfReportsPolicies.fileSelfReport)
  return page(c, c.var.t('self_reports.new_title'), <SelfReportForm c={c} />)
})

selfReportsRoutes.post('/self-reports', async (c) => {
  const user = requireAllowed(c, selfReportsPolicies.fileSelfReport)
  const form = await formBody(c)
  try {
    const report = parseFlatForm(selfReportSchema, form)
    const { receiptNumber } = await submitSelfReport(c.var.deps, { report, user })
    return c.redirect(`/self-reports?filed=${receiptNumber}`, 303)
  } catch (e) {
    if (!(e instanceof AppError) || e.status !== 400) throw e
    return page(c, c.var.t('self_reports.new_title'), <SelfReportForm c={c} values={form} error={e} />, 400)
  }
})

const toCase = (c: Ctx, caseId: string) => c.redirect(`/cases/${caseId}`, 303)

selfReportsRoutes.post('/self-reports/:selfReportId/accept', async (c) => {
  const { user, sr } = await selfReportFor(c, selfReportsPolicies.reviewSelfReport)
  const form = await formBody(c)
  let note: string | undefined
  try {
    note = parseWith(selfReportAcceptSchema, form).note
  } catch (e) {
    return listPage(c, { id: sr.id, form: 'accept', error: refusedInput(e), values: form })
  }
  await acceptSelfReport(c.var.deps, { selfReportId: sr.id, actor: actorOf(user), note })
  return toCase(c, sr.case_id)
})

selfReportsRoutes.post('/self-reports/:selfReportId/reject', async (c) => {
  const { user, sr } = await selfReportFor(c, selfReportsPolicies.reviewSelfReport)
  const form = await formBody(c)
  let input: z.infer<typeof selfReportRejectSchema>
  try {
    input = parseWith(selfReportRejectSchema, form)
  } catch (e) {
    return listPage(c, { id: sr.id, form: 'reject', error: refusedInput(e), values: form })
  }
  const { reason, note } = input
  await rejectSelfReport(c.var.deps, { selfReportId: sr.id, actor: actorOf(user), reason, note })
  return toCase(c, sr.case_id)
})

selfReportsRoutes.post('/self-reports/:selfReportId/start', async (c) => {
  const { user, sr } = await selfReportFor(c, selfReportsPolicies.coordinateSelfReport)
  await startSelfReportCoordination(c.var.deps, { selfReportId: sr.id, actor: actorOf(user) })
  return toCase(c, sr.case_id)
})

selfReportsRoutes.route('/', selfReportsApi)

import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { Csrf, page } from '../platform/http/layout.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { rateLimit } from '../platform/http/rate-limit.js'
import { requireAllowed, requireUser } from '../platform/http/guards.js'
import { errors } from '../platform/errors.js'
import { policies } from '../policies/policies.js'
import { actorOf } from '../cases/case-events.js'
import { sendAttachment } from '../cases/case.routes.js'
import { messageSchema, postMessage } from '../cases/threads.js'
import { refusedMessagePage } from '../cases/message-form.views.js'
import { refusedInput } from '../platform/http/forms.js'
import { threadRecipients } from '../cases/thread-recipients.js'
import { acceptSchema, productReportSchema, rejectSchema } from './intake.schemas.js'
import { acceptCase, rejectCase, submitProductReport, type Upload } from './intake.usecases.js'
import { findReport, findReportByTrackingSecret, listReportsOfFinder } from '../cases/reports.repository.js'
import { loadFinderReportView } from './report-status.js'
import { allowedOnCase } from '../cases/case-guard.js'
import { replaceTrackingLink, revokeTrackingLink } from './tracking-links.js'
import { ProductReportForm } from './report-form.views.js'
import { ReportStatusPage } from './report-status.views.js'
import { IntakeQueue, MyReports, ReceiptPage } from './intake.views.js'
import { listIntakeQueue } from './intake.queue.js'

export const intakeRoutes = new Hono<AppEnv>()

intakeRoutes.use('/report', rateLimit('intake', 20, 3600))
intakeRoutes.use('/api/v1/reports', rateLimit('intake', 20, 3600))
intakeRoutes.use('/track/*', rateLimit('tracking', 60, 600))
// Reading a tracking link is guessing it as much as writing is: reads count too (per client).
intakeRoutes.use('/track/*', rateLimit('tracking-read', 120, 600, { reads: true }))

/** Files from a multipart body: `attachments` may repeat. Empty file inputs are ignored. */
export async function uploadsOf(body: Record<string, unknown>): Promise<Upload[]> {
  const raw = body.attachments
  const files = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((f): f is File => f instanceof File && f.size > 0)
  return Promise.all(files.map(async (f) => ({ name: f.name, type: f.type, bytes: new Uint8Array(await f.arrayBuffer()) })))
}

const textFields = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string'))

intakeRoutes.get('/report', (c) => page(c, c.var.t('intake.form_title'), <ProductReportForm c={c} />))

intakeRoutes.post('/report', async (c) => {
  const body = await formBody(c)
  try {
    const report = parseWith(productReportSchema, textFields(body))
    const result = await submitProductReport(c.var.deps, { report, uploads: await uploadsOf(body), finder: c.var.user })
    // Post/redirect/get: the receipt lives on the tracking page itself, so reloading or switching
    // language never loses the one link an anonymous finder has.
    return c.redirect(`/track/${result.trackingSecret}?received=1`, 303)
  } catch (error) {
    const status = error instanceof Error && 'status' in error && error.status === 413 ? 413 : 400
    return page(c, c.var.t('intake.form_title'), <ProductReportForm c={c} values={textFields(body)} error={error} />, status)
  }
})

/** The anonymous finder's view, by secret link. Unknown links are plain 404s. */
async function trackedReport(c: Ctx) {
  const report = await findReportByTrackingSecret(c.var.deps.db, c.req.param('secret')!)
  if (!report) throw errors.notFound()
  return report
}

intakeRoutes.get('/track/:secret', async (c) => {
  const report = await trackedReport(c)
  const view = await loadFinderReportView(c.var.deps, report, 'tracking')
  c.header('Cache-Control', 'private, no-store')
  const base = `/track/${c.req.param('secret')}`
  const justFiled = c.req.query('received') === '1'
  const replaced = c.req.query('replaced') === '1'
  const { t } = c.var
  return page(c, t(justFiled ? 'intake.received_title' : 'intake.status_title'), (
    <>
      {justFiled && <ReceiptPage c={c} receipt={report.receipt_number} trackingUrl={`${c.var.deps.config.publicUrl}${base}`} />}
      {replaced && <p class="notice" data-testid="tracking-replaced">{t('intake.tracking.replaced_notice')} <code class="secret">{`${c.var.deps.config.publicUrl}${base}`}</code></p>}
      <ReportStatusPage c={c} view={view} base={base} threadAction={`${base}/messages`} />
      <section data-section="replace-tracking-link">
        <h2>{t('intake.tracking.replace_title')}</h2>
        <p class="meta">{t('intake.tracking.replace_intro')}</p>
        <form method="post" action={`${base}/replacement`} class="inline">
          <Csrf c={c} />
          <button type="submit" class="secondary">{t('intake.tracking.replace_button')}</button>
        </form>
      </section>
    </>
  ))
})

intakeRoutes.post('/track/:secret/replacement', async (c) => {
  const report = await trackedReport(c)
  const { secret } = await replaceTrackingLink(c.var.deps, { caseId: report.case_id, reportId: report.id, actor: { user: null, label: report.finder_name }, by: 'finder' })
  return c.redirect(`/track/${secret}?replaced=1`, 303)
})

/** Staff revoke a report's tracking link, or issue a new one (mailed to the finder, or shown once when there is no address). */
intakeRoutes.post('/cases/:caseId/reports/:reportId/tracking-link/revocation', async (c) => {
  const user = await allowedOnCase(c, policies.manageTrackingLinks)
  await revokeTrackingLink(c.var.deps, { caseId: c.req.param('caseId'), reportId: c.req.param('reportId'), actor: actorOf(user) })
  return c.redirect(`/cases/${c.req.param('caseId')}#tracking-links`, 303)
})

intakeRoutes.post('/cases/:caseId/reports/:reportId/tracking-link', async (c) => {
  const user = await allowedOnCase(c, policies.manageTrackingLinks)
  const caseId = c.req.param('caseId')
  const { secret, mailed } = await replaceTrackingLink(c.var.deps, { caseId, reportId: c.req.param('reportId'), actor: actorOf(user), by: 'staff' })
  const { t } = c.var
  c.header('Cache-Control', 'no-store')
  return page(c, t('intake.tracking.section'), (
    <>
      {mailed ? <p class="notice">{t('intake.tracking.reissued_mailed')}</p>
        : <p class="notice">{t('intake.tracking.reissued_show_once')} <code class="secret" data-testid="new-tracking-link">{`${c.var.deps.config.publicUrl}/track/${secret}`}</code></p>}
      <p><a href={`/cases/${caseId}#tracking-links`}>{t('common.back')}</a></p>
    </>
  ))
})

intakeRoutes.post('/track/:secret/messages', async (c) => {
  const report = await trackedReport(c)
  const form = await formBody(c)
  let body: string
  try {
    body = parseWith(messageSchema, form).body
  } catch (e) {
    return refusedMessagePage(c, { action: c.req.path, back: `/track/${c.req.param('secret')}`, error: refusedInput(e), values: form })
  }
  const ref = { caseId: report.case_id, thread: 'finder' as const, reportId: report.id }
  await postMessage(c.var.deps, { ref, actor: { user: null, label: report.finder_name }, body, notify: await threadRecipients(c.var.deps, ref, false) })
  return c.redirect(`/track/${c.req.param('secret')}`, 303)
})

intakeRoutes.get('/track/:secret/attachments/:attachmentId', async (c) => {
  const report = await trackedReport(c)
  const rel = { caseKind: report.kind, notifiedPartyIds: [], ownReportIds: [report.id] }
  return sendAttachment(c, report.case_id, c.req.param('attachmentId'), rel, null)
})

intakeRoutes.get('/my/reports', async (c) => {
  const user = requireUser(c)
  const reports = await listReportsOfFinder(c.var.deps.db, user.id)
  return page(c, c.var.t('intake.my_reports_title'), <MyReports c={c} reports={reports} />)
})

async function ownReport(c: Ctx) {
  const user = requireUser(c)
  const report = await findReport(c.var.deps.db, c.req.param('reportId')!)
  if (!report || report.finder_user_id !== user.id) throw errors.notFound()
  return report
}

intakeRoutes.get('/my/reports/:reportId', async (c) => {
  const report = await ownReport(c)
  const view = await loadFinderReportView(c.var.deps, report, 'account')
  return page(c, c.var.t('intake.status_title'), (
    <ReportStatusPage c={c} view={view} base={`/cases/${report.case_id}`} threadAction={`/cases/${report.case_id}/threads/finder/${report.id}`} />
  ))
})

intakeRoutes.get('/intake', async (c) => {
  requireAllowed(c, policies.viewIntakeQueue)
  const queue = await listIntakeQueue(c.var.deps.db)
  return page(c, c.var.t('intake.queue_title'), <IntakeQueue c={c} queue={queue} />)
})

intakeRoutes.post('/cases/:caseId/accept', async (c) => {
  const user = requireAllowed(c, policies.decideIntake)
  const input = parseWith(acceptSchema, await formBody(c))
  await acceptCase(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user), ...input })
  return c.redirect(`/cases/${c.req.param('caseId')}`, 303)
})

intakeRoutes.post('/cases/:caseId/reject', async (c) => {
  const user = requireAllowed(c, policies.decideIntake)
  const reject = parseWith(rejectSchema, await formBody(c))
  await rejectCase(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user), reject })
  return c.redirect('/intake', 303)
})

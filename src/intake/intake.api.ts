import { Hono } from 'hono'
import type { z } from 'zod'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { formBody, jsonBody, parseWith } from '../platform/http/validate.js'
import { requireAllowed, requireUser } from '../platform/http/guards.js'
import { errors } from '../platform/errors.js'
import { policies } from '../policies/policies.js'
import { actorOf } from '../cases/case-events.js'
import { acceptSchema, productReportSchema, rejectSchema } from './intake.schemas.js'
import { acceptCase, rejectCase, submitProductReport, type Upload } from './intake.usecases.js'
import { findReportByTrackingSecret, listReportsOfFinder, detailsOf } from '../cases/reports.repository.js'
import { loadFinderReportView } from './report-status.js'
import { rateLimit } from '../platform/http/rate-limit.js'
import { allowedOnCase } from '../cases/case-guard.js'
import { replaceTrackingLink, revokeTrackingLink } from './tracking-links.js'
import { listIntakeQueue } from './intake.queue.js'
import { uploadsOf } from './intake.routes.js'

/** The intake JSON API: the same use cases and checks as the pages. */
export const intakeApi = new Hono<AppEnv>()

/** A report as the API takes it: JSON, or multipart/form-data with `attachments` files. Both report kinds. */
export async function reportRequest<S extends z.ZodType>(c: Ctx, schema: S): Promise<{ report: z.infer<S>; uploads: Upload[] }> {
  if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) return { report: await jsonBody(c, schema), uploads: [] }
  const body = await formBody(c)
  const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string'))
  return { report: parseWith(schema, fields), uploads: await uploadsOf(body) }
}

/** The answer to a filed report: the receipt number and the tracking link, shown once. */
export const receiptResponse = (c: Ctx, result: { receiptNumber: string; trackingSecret: string; reportId: string }) => c.json({
  receiptNumber: result.receiptNumber,
  trackingUrl: `${c.var.deps.config.publicUrl}/track/${result.trackingSecret}`,
  trackingToken: result.trackingSecret,
  reportId: result.reportId,
}, 201)

/** Files a product report. */
intakeApi.post('/api/v1/reports', async (c) => {
  const { report, uploads } = await reportRequest(c, productReportSchema)
  return receiptResponse(c, await submitProductReport(c.var.deps, { report, uploads, finder: c.var.user }))
})

const presentFinderView = (v: Awaited<ReturnType<typeof loadFinderReportView>>) => ({
  receiptNumber: v.report.receipt_number,
  status: v.status,
  submittedAt: v.report.submitted_at,
  acceptedAt: v.acceptedAt,
  startDate: v.startDate,
  ...(v.kind === 'website' ? { website: { notifiedOn: v.startDate, fixType: v.fixType, fixedOn: v.fixedOn } } : {}),
  rejectionReason: v.rejectionReason,
  advisory: v.advisory ? { identifier: v.advisory.identifier, publishedAt: v.advisory.publish_at } : null,
  details: detailsOf(v.report),
  attachments: v.attachments.map((a) => ({ id: a.id, filename: a.filename, size: a.size, sha256: a.sha256 })),
  messages: v.messages.map((m) => ({ id: m.id, author: m.author_label, body: m.body, at: m.created_at })),
})

// Reads of a tracking link are guesses as much as writes are: counted per client like the pages.
intakeApi.use('/api/v1/tracking/*', rateLimit('tracking-read', 120, 600, { reads: true }))

/** The finder replaces their link: the old one answers 404 from now; the new one is in the answer (and mailed). */
intakeApi.post('/api/v1/tracking/:secret/replacement', async (c) => {
  const report = await findReportByTrackingSecret(c.var.deps.db, c.req.param('secret'))
  if (!report) throw errors.notFound()
  const { secret, mailed } = await replaceTrackingLink(c.var.deps, { caseId: report.case_id, reportId: report.id, actor: { user: null, label: report.finder_name }, by: 'finder' })
  c.header('Cache-Control', 'no-store')
  return c.json({ trackingToken: secret, trackingUrl: `${c.var.deps.config.publicUrl}/track/${secret}`, mailed }, 201)
})

intakeApi.post('/api/v1/cases/:caseId/reports/:reportId/tracking-link/revocation', async (c) => {
  const user = await allowedOnCase(c, policies.manageTrackingLinks)
  await revokeTrackingLink(c.var.deps, { caseId: c.req.param('caseId'), reportId: c.req.param('reportId'), actor: actorOf(user) })
  return c.json({ revoked: true })
})

/** Staff issue a new link: mailed to the finder when the report has an address; the answer carries it only when it has none. */
intakeApi.post('/api/v1/cases/:caseId/reports/:reportId/tracking-link', async (c) => {
  const user = await allowedOnCase(c, policies.manageTrackingLinks)
  const { secret, mailed } = await replaceTrackingLink(c.var.deps, { caseId: c.req.param('caseId'), reportId: c.req.param('reportId'), actor: actorOf(user), by: 'staff' })
  c.header('Cache-Control', 'no-store')
  return c.json(mailed ? { mailed } : { mailed, trackingUrl: `${c.var.deps.config.publicUrl}/track/${secret}` }, 201)
})

intakeApi.get('/api/v1/tracking/:secret', async (c) => {
  const report = await findReportByTrackingSecret(c.var.deps.db, c.req.param('secret'))
  if (!report) throw errors.notFound()
  return c.json(presentFinderView(await loadFinderReportView(c.var.deps, report, 'tracking')))
})

intakeApi.get('/api/v1/my/reports', async (c) => {
  const user = requireUser(c)
  const reports = await listReportsOfFinder(c.var.deps.db, user.id)
  return c.json({ reports: await Promise.all(reports.map(async (r) => ({ id: r.id, ...presentFinderView(await loadFinderReportView(c.var.deps, r, 'account')) }))) })
})

intakeApi.get('/api/v1/intake/queue', async (c) => {
  requireAllowed(c, policies.viewIntakeQueue)
  const q = await listIntakeQueue(c.var.deps.db)
  return c.json({ waiting: q.waiting.map((r) => ({ caseId: r.id, receiptNumber: r.receipt_number, title: r.title, submittedAt: r.submitted_at })) })
})

intakeApi.post('/api/v1/cases/:caseId/accept', async (c) => {
  const user = requireAllowed(c, policies.decideIntake)
  const input = await jsonBody(c, acceptSchema)
  const r = await acceptCase(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user), ...input })
  return c.json({ status: r.to })
})

intakeApi.post('/api/v1/cases/:caseId/reject', async (c) => {
  const user = requireAllowed(c, policies.decideIntake)
  const r = await rejectCase(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user), reject: await jsonBody(c, rejectSchema) })
  return c.json({ status: r.to })
})

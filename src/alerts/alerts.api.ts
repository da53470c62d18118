import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { jsonBody, parseWith } from '../platform/http/validate.js'
import { requireAllowed } from '../platform/http/guards.js'
import { errors } from '../platform/errors.js'
import { actorOf } from '../cases/case-events.js'
import { alertInputSchema, candidatesQuerySchema, coverCasesSchema, reviseAlertSchema } from './alerts.schemas.js'
import { findAlert, listAllAlerts, listRevisions, type AlertRecord } from './alerts.repository.js'
import { countCoveredCases, listCandidateCases, listCoveredCases, type StaffCaseLine } from './alert-cases.repository.js'
import { createAlert, publishAlert, reviseAlert, updateAlert } from './alerts.usecases.js'
import { closeCoveredCases, coverCases, uncoverCases } from './alert-coverage.usecases.js'
import { alertPath } from './public-alert.js'
import { alertsPolicies } from './alerts.policies.js'

/** The staff API of alerts (intake staff): the same use cases as the pages, as JSON. */
export const staffAlertsApi = new Hono<AppEnv>()

const staff = (c: Ctx) => requireAllowed(c, alertsPolicies.manageAlerts)

async function staffAlert(c: Ctx) {
  const user = staff(c)
  const alert = await findAlert(c.var.deps.db, c.req.param('alertId')!)
  if (!alert) throw errors.notFound()
  return { user, alert }
}

const alertHeadJson = (a: AlertRecord, baseUrl: string) => ({
  id: a.id,
  identifier: a.identifier,
  status: a.status,
  publicUrl: a.identifier ? baseUrl + alertPath(a.identifier) : null,
  title: a.title,
  vulnerabilityType: a.vulnerabilityType,
  publishedAt: a.publishedAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
})

const caseLineJson = (l: StaffCaseLine) => ({
  caseId: l.caseId, status: l.status, vulnerabilityType: l.vulnerabilityType, receiptNumbers: l.receiptNumbers,
  urls: l.urls, operator: l.operator, notifiedOn: l.notifiedOn,
})

async function staffAlertJson(c: Ctx, alertId: string) {
  const { db, config } = c.var.deps
  const alert = (await findAlert(db, alertId))!
  const covered = await listCoveredCases(db, alert.id)
  return {
    ...alertHeadJson(alert, config.publicUrl),
    body: alert.body,
    references: alert.references,
    revisions: (await listRevisions(db, alert.id)).map((r) => ({ id: r.id, revisedAt: r.revisedAt.toISOString(), note: r.note })),
    coveredCases: covered.map((x) => ({ ...caseLineJson(x), addedAt: x.addedAt.toISOString(), addedBy: x.addedBy })),
  }
}

staffAlertsApi.get('/api/v1/staff/alerts', async (c) => {
  staff(c)
  const { db, config } = c.var.deps
  const alerts = await listAllAlerts(db)
  const covered = await countCoveredCases(db, alerts.map((a) => a.id))
  return c.json({ items: alerts.map((a) => ({ ...alertHeadJson(a, config.publicUrl), coveredCases: covered.get(a.id) ?? 0 })) })
})

staffAlertsApi.post('/api/v1/staff/alerts', async (c) => {
  const user = staff(c)
  const input = await jsonBody(c, alertInputSchema)
  const { alertId } = await createAlert(c.var.deps, { input, actor: actorOf(user) })
  return c.json(await staffAlertJson(c, alertId), 201)
})

staffAlertsApi.get('/api/v1/staff/alerts/:alertId', async (c) => {
  const { alert } = await staffAlert(c)
  return c.json(await staffAlertJson(c, alert.id))
})

staffAlertsApi.put('/api/v1/staff/alerts/:alertId', async (c) => {
  const { user, alert } = await staffAlert(c)
  const input = await jsonBody(c, alertInputSchema)
  await updateAlert(c.var.deps, { alertId: alert.id, input, actor: actorOf(user) })
  return c.json(await staffAlertJson(c, alert.id))
})

staffAlertsApi.post('/api/v1/staff/alerts/:alertId/publish', async (c) => {
  const { user, alert } = await staffAlert(c)
  const { identifier, publishedAt } = await publishAlert(c.var.deps, { alertId: alert.id, actor: actorOf(user) })
  return c.json({ identifier, publishedAt: publishedAt.toISOString(), publicUrl: c.var.deps.config.publicUrl + alertPath(identifier) })
})

staffAlertsApi.post('/api/v1/staff/alerts/:alertId/revisions', async (c) => {
  const { user, alert } = await staffAlert(c)
  const input = await jsonBody(c, reviseAlertSchema)
  const { revisionId, revisedAt } = await reviseAlert(c.var.deps, { alertId: alert.id, actor: actorOf(user), ...input })
  return c.json({ revisionId, revisedAt: revisedAt.toISOString() }, 201)
})

staffAlertsApi.get('/api/v1/staff/alerts/:alertId/candidates', async (c) => {
  const { alert } = await staffAlert(c)
  const query = parseWith(candidatesQuerySchema, c.req.query())
  const filter = query.vulnerabilityType ?? alert.vulnerabilityType ?? 'all'
  const { items, truncated } = await listCandidateCases(c.var.deps.db, { alertId: alert.id, vulnerabilityType: filter === 'all' ? null : filter })
  return c.json({ vulnerabilityType: filter, items: items.map(caseLineJson), truncated })
})

staffAlertsApi.post('/api/v1/staff/alerts/:alertId/cases', async (c) => {
  const { user, alert } = await staffAlert(c)
  const { caseIds } = await jsonBody(c, coverCasesSchema)
  return c.json(await coverCases(c.var.deps, { alertId: alert.id, caseIds, actor: actorOf(user) }))
})

staffAlertsApi.post('/api/v1/staff/alerts/:alertId/cases/removal', async (c) => {
  const { user, alert } = await staffAlert(c)
  const { caseIds } = await jsonBody(c, coverCasesSchema)
  return c.json(await uncoverCases(c.var.deps, { alertId: alert.id, caseIds, actor: actorOf(user) }))
})

staffAlertsApi.post('/api/v1/staff/alerts/:alertId/closure', async (c) => {
  const { user, alert } = await staffAlert(c)
  const { closed, skipped } = await closeCoveredCases(c.var.deps, { alertId: alert.id, actor: actorOf(user) })
  return c.json({ closedCount: closed.length, skippedCount: skipped.length, closed, skipped })
})

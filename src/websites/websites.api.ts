import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'
import { jsonBody, jsonInput } from '../platform/http/validate.js'
import { requireAllowed } from '../platform/http/guards.js'
import { rateLimit } from '../platform/http/rate-limit.js'
import { errors } from '../platform/errors.js'
import { receiptResponse, reportRequest } from '../intake/index.js'
import { addContact, createOrganization, loadOrganization } from '../coordination/index.js'
import { contactSchema } from '../coordination/index.js'
import { operatorSchema, websiteReportSchema } from './websites.schemas.js'
import { submitWebsiteReport } from './website-reports.usecases.js'
import { websiteActions } from './website-actions.js'
import { listOperators, listWebsiteCases } from './websites.queries.js'
import { websitesPolicies } from './websites.policies.js'

/** The website flow's JSON API: the same use cases and checks as the pages. */
export const websitesApi = new Hono<AppEnv>()

websitesApi.use('/api/v1/reports/website', rateLimit('intake', 20, 3600))

/** Files a website report: JSON, or multipart/form-data with `attachments` files. */
websitesApi.post('/api/v1/reports/website', async (c) => {
  const { report, uploads } = await reportRequest(c, websiteReportSchema)
  return receiptResponse(c, await submitWebsiteReport(c.var.deps, { report, uploads, finder: c.var.user }))
})


websitesApi.post('/api/v1/cases/:websiteCaseId/website-classification', async (c) => {
  const { status } = await websiteActions.classify(c, await jsonInput(c))
  return c.json({ status })
})
websitesApi.post('/api/v1/cases/:websiteCaseId/operator', async (c) => {
  const r = await websiteActions.notifyOperator(c, await jsonInput(c))
  return c.json({ partyId: r.partyId, notifiedOn: r.notifiedOn, status: r.status })
})
websitesApi.post('/api/v1/cases/:websiteCaseId/fix', async (c) => {
  const r = await websiteActions.fix(c, await jsonInput(c))
  return c.json({ status: r.to })
})
websitesApi.post('/api/v1/cases/:websiteCaseId/dispute', async (c) => {
  const r = await websiteActions.dispute(c, await jsonInput(c))
  return c.json({ status: r.to })
})
websitesApi.post('/api/v1/cases/:websiteCaseId/website-closure', async (c) => {
  const r = await websiteActions.close(c, await jsonInput(c))
  return c.json({ status: r.to })
})
websitesApi.post('/api/v1/cases/:websiteCaseId/resume-handling', async (c) => {
  const r = await websiteActions.resume(c, await jsonInput(c))
  return c.json({ status: r.to })
})
websitesApi.post('/api/v1/cases/:websiteCaseId/operator-reminders', async (c) => {
  const r = await websiteActions.remind(c, await jsonInput(c))
  return c.json(r)
})

websitesApi.get('/api/v1/websites/cases', async (c) => {
  requireAllowed(c, websitesPolicies.viewWebsiteCases)
  const rows = await listWebsiteCases(c.var.deps.db, { status: c.req.query('status'), vulnerabilityType: c.req.query('type') })
  return c.json({ cases: rows.map((r) => ({
    id: r.id, receiptNumber: r.receipt_number, title: r.title, status: r.status, vulnerabilityType: r.vulnerability_type, impact: r.impact,
    notifiedOn: r.start_date, fixType: r.fix_type, fixedOn: r.fixed_on, operator: r.operator_ja ? { name: { ja: r.operator_ja, en: r.operator_en }, ja: r.operator_ja, en: r.operator_en, orgType: r.org_type } : null,
    updatedAt: r.updated_at,
  })) })
})

websitesApi.get('/api/v1/operators', async (c) => {
  requireAllowed(c, websitesPolicies.manageOperators)
  return c.json({ operators: (await listOperators(c.var.deps.db)).map((o) => ({ id: o.id, name: { ja: o.name_ja, en: o.name_en }, nameJa: o.name_ja, nameEn: o.name_en, orgType: o.org_type, website: o.website, contacts: Number(o.contacts) })) })
})
websitesApi.post('/api/v1/operators', async (c) => {
  requireAllowed(c, websitesPolicies.manageOperators)
  const input = await jsonBody(c, operatorSchema)
  return c.json(await createOrganization(c.var.deps.db, { ...input, kind: 'operator' }, c.var.deps.clock.now()), 201)
})
websitesApi.get('/api/v1/operators/:operatorId', async (c) => {
  requireAllowed(c, websitesPolicies.manageOperators)
  const { org, contacts, members } = await loadOrganization(c.var.deps.db, c.req.param('operatorId'))
  if (org.kind !== 'operator') throw errors.notFound()
  return c.json({
    id: org.id, name: { ja: org.name_ja, en: org.name_en }, nameJa: org.name_ja, nameEn: org.name_en, orgType: org.org_type, website: org.website,
    contacts: contacts.map((k) => ({ id: k.id, name: k.name, email: k.email, phone: k.phone })),
    members: members.map((m) => ({ id: m.id, name: m.display_name, email: m.email })),
  })
})
websitesApi.post('/api/v1/operators/:operatorId/contacts', async (c) => {
  requireAllowed(c, websitesPolicies.manageOperators)
  const { org } = await loadOrganization(c.var.deps.db, c.req.param('operatorId'))
  if (org.kind !== 'operator') throw errors.notFound()
  return c.json(await addContact(c.var.deps.db, org.id, await jsonBody(c, contactSchema)), 201)
})

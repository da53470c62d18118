import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'
import { jsonBody, parseWith } from '../platform/http/validate.js'
import { requireAllowed } from '../platform/http/guards.js'
import { actorOf } from '../cases/case-events.js'
import { addVendorsSchema, coordinationRequestSchema, matrixQuerySchema } from './coordination-requests.schemas.js'
import { listCoordinationRequests, openCoordinationRequest } from './coordination-requests.usecases.js'
import { addVendors, notifyAllPending, remindUnanswered } from './vendors.usecases.js'
import { loadVendorMatrix } from './vendor-matrix.js'
import { vendorManagerOf } from './coordination-requests.guards.js'
import { recordVendorAnswer, vendorAnswerSchema } from './vendor-answer.js'
import { agreedDateSchema, changeAgreedPublication } from './agreed-date.js'
import { coordinationRequestsPolicies } from './coordination-requests.policies.js'

/** The coordination-request and vendor-matrix JSON API: the same use cases and checks as the pages. */
export const coordinationRequestsApi = new Hono<AppEnv>()

coordinationRequestsApi.get('/api/v1/coordination-requests', async (c) => {
  requireAllowed(c, coordinationRequestsPolicies.openCoordinationRequest)
  const rows = await listCoordinationRequests(c.var.deps.db)
  return c.json({
    requests: rows.map((r) => ({
      caseId: r.id, title: r.title, status: r.status, sourceName: r.source_name, sourceReference: r.source_reference,
      receivedOn: r.received_on, agreedPublicationAt: r.agreed_publication_at,
      vendors: Number(r.vendors), notified: Number(r.notified), answered: Number(r.answered),
    })),
  })
})

coordinationRequestsApi.post('/api/v1/coordination-requests', async (c) => {
  const user = requireAllowed(c, coordinationRequestsPolicies.openCoordinationRequest)
  const request = await jsonBody(c, coordinationRequestSchema)
  return c.json(await openCoordinationRequest(c.var.deps, { request, actor: actorOf(user) }), 201)
})

coordinationRequestsApi.get('/api/v1/cases/:caseId/vendors', async (c) => {
  await vendorManagerOf(c)
  const q = parseWith(matrixQuerySchema, c.req.query())
  const m = await loadVendorMatrix(c.var.deps.db, c.req.param('caseId'), { filter: q.filter, page: q.page, pageSize: q.pageSize ?? 100 })
  return c.json({
    counts: m.counts, filter: m.filter, page: m.page, pages: m.pages, total: m.total,
    vulnerabilities: m.vulnerabilities.map((v) => ({ id: v.id, position: v.position, title: { ja: v.title_ja, en: v.title_en }, cve: v.cve_id })),
    vendors: m.rows,
  })
})

coordinationRequestsApi.post('/api/v1/cases/:caseId/vendors', async (c) => {
  const user = await vendorManagerOf(c)
  const { organizations } = await jsonBody(c, addVendorsSchema)
  const r = await addVendors(c.var.deps, { caseId: c.req.param('caseId'), vendors: organizations, actor: actorOf(user) })
  return c.json(r, 201)
})

coordinationRequestsApi.post('/api/v1/cases/:caseId/vendors/notify', async (c) => {
  const user = await vendorManagerOf(c)
  return c.json(await notifyAllPending(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user) }))
})

coordinationRequestsApi.post('/api/v1/cases/:caseId/vendors/remind', async (c) => {
  const user = await vendorManagerOf(c)
  return c.json(await remindUnanswered(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user) }))
})

coordinationRequestsApi.post('/api/v1/cases/:caseId/vendors/:partyId/answer', async (c) => {
  const user = await vendorManagerOf(c)
  const answer = await jsonBody(c, vendorAnswerSchema)
  return c.json(await recordVendorAnswer(c.var.deps, { caseId: c.req.param('caseId'), partyId: c.req.param('partyId'), answer, actor: actorOf(user) }), 201)
})

coordinationRequestsApi.post('/api/v1/cases/:caseId/coordination-request/agreed-date', async (c) => {
  const user = await vendorManagerOf(c)
  const change = await jsonBody(c, agreedDateSchema)
  return c.json(await changeAgreedPublication(c.var.deps, { caseId: c.req.param('caseId'), ...change, actor: actorOf(user) }))
})

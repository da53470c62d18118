import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'
import { jsonBody } from '../platform/http/validate.js'
import { requireAllowed, requireUser } from '../platform/http/guards.js'
import { policies } from '../policies/policies.js'
import { actorOf } from '../cases/case-events.js'
import { classificationSchema, addPartySchema, contactAttemptSchema, contactSchema, notifySchema, organizationSchema, responseSchema, vulnerabilityStatusSchema } from './coordination.schemas.js'
import { addParty, logContactAttempt, notifyDeveloper } from './parties.usecases.js'
import { classifyCase } from './classification.usecases.js'
import { acknowledgeNotification, respondToCase, setVulnerabilityStatus } from './developer-response.usecases.js'
import { addContact, createOrganization, listOrganizations, loadOrganization } from './organizations.usecases.js'
import { listCoordinationCases, listOrganizationCases } from './coordination.queue.js'
import { coordinationGuards } from './coordination.routes.js'

/** The coordination JSON API: the same use cases and checks as the pages. */
export const coordinationApi = new Hono<AppEnv>()
const { coordinatorOf, developerOf, caseStaffOf, takeCase } = coordinationGuards

/** An organisation row with its names as `name: { ja, en }`; `name_ja` / `name_en` stay one release (deprecated). */
const withName = <R extends { name_ja: string; name_en: string }>(r: R) => ({ ...r, name: { ja: r.name_ja, en: r.name_en } })

coordinationApi.get('/api/v1/coordination/cases', async (c) => {
  const user = requireAllowed(c, policies.viewCoordinationQueue)
  return c.json({ cases: await listCoordinationCases(c.var.deps.db, c.req.query('mine') ? user.id : undefined) })
})

coordinationApi.get('/api/v1/my/cases', async (c) => {
  const user = requireUser(c)
  return c.json({ cases: user.organizationId ? await listOrganizationCases(c.var.deps.db, user.organizationId) : [] })
})

coordinationApi.get('/api/v1/organizations', async (c) => {
  requireAllowed(c, policies.manageOrganizations)
  return c.json({ organizations: (await listOrganizations(c.var.deps.db)).map(withName) })
})

coordinationApi.post('/api/v1/organizations', async (c) => {
  requireAllowed(c, policies.manageOrganizations)
  return c.json(await createOrganization(c.var.deps.db, await jsonBody(c, organizationSchema), c.var.deps.clock.now()), 201)
})

coordinationApi.get('/api/v1/organizations/:id', async (c) => {
  requireAllowed(c, policies.manageOrganizations)
  const { org, ...rest } = await loadOrganization(c.var.deps.db, c.req.param('id'))
  return c.json({ org: withName(org), ...rest })
})

coordinationApi.post('/api/v1/organizations/:id/contacts', async (c) => {
  requireAllowed(c, policies.manageOrganizations)
  return c.json(await addContact(c.var.deps.db, c.req.param('id'), await jsonBody(c, contactSchema)), 201)
})

coordinationApi.post('/api/v1/cases/:caseId/take', async (c) => {
  const user = await coordinatorOf(c)
  return c.json(await takeCase(c, user))
})

coordinationApi.post('/api/v1/cases/:caseId/parties', async (c) => {
  const user = await coordinatorOf(c)
  const { organizationId } = await jsonBody(c, addPartySchema)
  return c.json(await addParty(c.var.deps, { caseId: c.req.param('caseId'), organizationId, actor: actorOf(user) }), 201)
})

coordinationApi.post('/api/v1/cases/:caseId/parties/:partyId/contact-attempts', async (c) => {
  const user = await coordinatorOf(c)
  const attempt = await jsonBody(c, contactAttemptSchema)
  return c.json(await logContactAttempt(c.var.deps, { caseId: c.req.param('caseId'), partyId: c.req.param('partyId'), attempt, actor: actorOf(user) }), 201)
})

coordinationApi.post('/api/v1/cases/:caseId/parties/:partyId/notify', async (c) => {
  const user = await coordinatorOf(c)
  const { contactId } = await jsonBody(c, notifySchema)
  const r = await notifyDeveloper(c.var.deps, { caseId: c.req.param('caseId'), partyId: c.req.param('partyId'), contactId, actor: actorOf(user) })
  return c.json({ partyId: r.partyId, invitationId: r.invitationId })
})

coordinationApi.post('/api/v1/cases/:caseId/parties/:partyId/acknowledge', async (c) => {
  const user = await developerOf(c)
  return c.json(await acknowledgeNotification(c.var.deps, { caseId: c.req.param('caseId'), partyId: c.req.param('partyId'), actor: actorOf(user) }))
})

coordinationApi.post('/api/v1/cases/:caseId/parties/:partyId/response', async (c) => {
  const user = await developerOf(c)
  const answer = await jsonBody(c, responseSchema)
  return c.json(await respondToCase(c.var.deps, { caseId: c.req.param('caseId'), partyId: c.req.param('partyId'), answer, actor: actorOf(user) }))
})

coordinationApi.post('/api/v1/cases/:caseId/parties/:partyId/vulnerability-statuses', async (c) => {
  const user = await developerOf(c)
  const change = await jsonBody(c, vulnerabilityStatusSchema)
  return c.json(await setVulnerabilityStatus(c.var.deps, { caseId: c.req.param('caseId'), partyId: c.req.param('partyId'), change, actor: actorOf(user) }))
})

coordinationApi.post('/api/v1/cases/:caseId/classification', async (c) => {
  const user = await caseStaffOf(c)
  const classification = await jsonBody(c, classificationSchema)
  return c.json(await classifyCase(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user), classification }))
})

import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { parseFlatForm } from '../platform/http/bilingual.js'
import { requireAllowed, requireUser } from '../platform/http/guards.js'
import { policies } from '../policies/policies.js'
import { actorOf, changeCase } from '../cases/case-events.js'
import { classificationSchema, addPartySchema, contactAttemptSchema, notifySchema, responseSchema, vulnerabilityStatusSchema } from './coordination.schemas.js'
import { addParty, logContactAttempt, notifyDeveloper } from './parties.usecases.js'
import { classifyCase } from './classification.usecases.js'
import { acknowledgeNotification, respondToCase, setVulnerabilityStatus } from './developer-response.usecases.js'
import { listCoordinationCases, listOrganizationCases } from './coordination.queue.js'
import { CoordinationQueue, MyCases } from './coordination.views.js'
import { allowedOnCase } from '../cases/case-guard.js'

export const coordinationRoutes = new Hono<AppEnv>()

/** The coordinator's check for a case; outsiders get 404. */
const coordinatorOf = (c: Ctx) => allowedOnCase(c, policies.coordinate)

/** The developer's check: a member of the notified party; everyone else gets 404. */
const developerOf = (c: Ctx) => allowedOnCase(c, (_u, rel) => policies.respondAsDeveloper(rel, c.req.param('partyId')!))

/** Case staff (intake or coordinators) for classification; everyone else 404. */
const caseStaffOf = (c: Ctx) => allowedOnCase(c, policies.classifyCase)

const back = (c: Ctx) => c.redirect(`/cases/${c.req.param('caseId')}`, 303)

coordinationRoutes.get('/coordination', async (c) => {
  const user = requireAllowed(c, policies.viewCoordinationQueue)
  const cases = await listCoordinationCases(c.var.deps.db, c.req.query('mine') ? user.id : undefined)
  return page(c, c.var.t('coordination.queue_title'), <CoordinationQueue c={c} cases={cases} />)
})

coordinationRoutes.get('/my/cases', async (c) => {
  const user = requireUser(c)
  const cases = user.organizationId ? await listOrganizationCases(c.var.deps.db, user.organizationId) : []
  return page(c, c.var.t('coordination.my_cases_title'), <MyCases c={c} cases={cases} />)
})

coordinationRoutes.post('/cases/:caseId/take', async (c) => {
  const user = await coordinatorOf(c)
  await takeCase(c, user)
  return back(c)
})

async function takeCase(c: Ctx, user: ReturnType<typeof requireUser>) {
  return changeCase(c.var.deps.db, {
    caseId: c.req.param('caseId')!, type: 'case_taken', actor: actorOf(user), clock: c.var.deps.clock,
    apply: async (trx) => {
      await trx.updateTable('cases').set({ coordinator_id: user.id }).where('id', '=', c.req.param('caseId')!).execute()
      return { coordinatorId: user.id }
    },
  })
}

coordinationRoutes.post('/cases/:caseId/classification', async (c) => {
  const user = await caseStaffOf(c)
  const classification = parseWith(classificationSchema, await formBody(c))
  await classifyCase(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user), classification })
  return back(c)
})

coordinationRoutes.post('/cases/:caseId/parties', async (c) => {
  const user = await coordinatorOf(c)
  const { organizationId } = parseWith(addPartySchema, await formBody(c))
  await addParty(c.var.deps, { caseId: c.req.param('caseId'), organizationId, actor: actorOf(user) })
  return back(c)
})

coordinationRoutes.post('/cases/:caseId/parties/:partyId/attempts', async (c) => {
  const user = await coordinatorOf(c)
  const attempt = parseWith(contactAttemptSchema, await formBody(c))
  await logContactAttempt(c.var.deps, { caseId: c.req.param('caseId'), partyId: c.req.param('partyId'), attempt, actor: actorOf(user) })
  return back(c)
})

coordinationRoutes.post('/cases/:caseId/parties/:partyId/notify', async (c) => {
  const user = await coordinatorOf(c)
  const { contactId } = parseWith(notifySchema, await formBody(c))
  await notifyDeveloper(c.var.deps, { caseId: c.req.param('caseId'), partyId: c.req.param('partyId'), contactId, actor: actorOf(user) })
  return back(c)
})

coordinationRoutes.post('/cases/:caseId/parties/:partyId/acknowledge', async (c) => {
  const user = await developerOf(c)
  await acknowledgeNotification(c.var.deps, { caseId: c.req.param('caseId'), partyId: c.req.param('partyId'), actor: actorOf(user) })
  return back(c)
})

coordinationRoutes.post('/cases/:caseId/parties/:partyId/response', async (c) => {
  const user = await developerOf(c)
  const answer = parseFlatForm(responseSchema, await formBody(c))
  await respondToCase(c.var.deps, { caseId: c.req.param('caseId'), partyId: c.req.param('partyId'), answer, actor: actorOf(user) })
  return back(c)
})

coordinationRoutes.post('/cases/:caseId/parties/:partyId/vulnerability-status', async (c) => {
  const user = await developerOf(c)
  const change = parseWith(vulnerabilityStatusSchema, await formBody(c))
  await setVulnerabilityStatus(c.var.deps, { caseId: c.req.param('caseId'), partyId: c.req.param('partyId'), change, actor: actorOf(user) })
  return back(c)
})

export const coordinationGuards = { coordinatorOf, developerOf, caseStaffOf, takeCase }

import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { formBody, jsonBody, parseWith } from '../platform/http/validate.js'
import { actorOf } from '../cases/case-events.js'
import { allowedOnCase } from '../cases/case-guard.js'
import { endingSchema, eolHandlingSchema, supportEndApiSchema, supportEndFormSchema } from './end-of-life.schemas.js'
import { loadEndOfLife, setSupportEnd } from './support-end.usecases.js'
import { chooseEolHandling } from './eol-handling.usecases.js'
import { closeLowImpact, handleIndividually } from './endings.usecases.js'
import { endOfLifePolicies } from './end-of-life.policies.js'

/** End-of-life products and other endings: the case-page forms and the JSON API, over the same use cases. */
export const endOfLifeRoutes = new Hono<AppEnv>()

const caseId = (c: Ctx) => c.req.param('caseId')!
const backToCase = (c: Ctx) => c.redirect(`/cases/${caseId(c)}`, 303)
const coordinator = (c: Ctx) => allowedOnCase(c, endOfLifePolicies.manageEndOfLife)
const closer = (c: Ctx) => allowedOnCase(c, endOfLifePolicies.endCase)

// ---- pages (forms on the case page) ----

endOfLifeRoutes.post('/cases/:caseId/end-of-life', async (c) => {
  const user = await coordinator(c)
  const supportEnd = parseWith(supportEndFormSchema, await formBody(c))
  await setSupportEnd(c.var.deps, { caseId: caseId(c), actor: actorOf(user), supportEnd })
  return backToCase(c)
})

endOfLifeRoutes.post('/cases/:caseId/end-of-life/handling', async (c) => {
  const user = await coordinator(c)
  const { handling, note } = parseWith(eolHandlingSchema, await formBody(c))
  await chooseEolHandling(c.var.deps, { caseId: caseId(c), actor: actorOf(user), handling, note })
  return backToCase(c)
})

endOfLifeRoutes.post('/cases/:caseId/handle-individually', async (c) => {
  const user = await closer(c)
  const ending = parseWith(endingSchema, await formBody(c))
  await handleIndividually(c.var.deps, { caseId: caseId(c), actor: actorOf(user), ending })
  return backToCase(c)
})

endOfLifeRoutes.post('/cases/:caseId/close-low-impact', async (c) => {
  const user = await closer(c)
  const ending = parseWith(endingSchema, await formBody(c))
  await closeLowImpact(c.var.deps, { caseId: caseId(c), actor: actorOf(user), ending })
  return backToCase(c)
})

// ---- API ----

endOfLifeRoutes.get('/api/v1/cases/:caseId/end-of-life', async (c) => {
  await coordinator(c)
  return c.json(await loadEndOfLife(c.var.deps, caseId(c)))
})

endOfLifeRoutes.put('/api/v1/cases/:caseId/end-of-life', async (c) => {
  const user = await coordinator(c)
  const supportEnd = await jsonBody(c, supportEndApiSchema)
  return c.json(await setSupportEnd(c.var.deps, { caseId: caseId(c), actor: actorOf(user), supportEnd }))
})

endOfLifeRoutes.post('/api/v1/cases/:caseId/end-of-life/handling', async (c) => {
  const user = await coordinator(c)
  const { handling, note } = await jsonBody(c, eolHandlingSchema)
  return c.json(await chooseEolHandling(c.var.deps, { caseId: caseId(c), actor: actorOf(user), handling, note }))
})

endOfLifeRoutes.post('/api/v1/cases/:caseId/handle-individually', async (c) => {
  const user = await closer(c)
  const ending = await jsonBody(c, endingSchema)
  return c.json(await handleIndividually(c.var.deps, { caseId: caseId(c), actor: actorOf(user), ending }))
})

endOfLifeRoutes.post('/api/v1/cases/:caseId/close-low-impact', async (c) => {
  const user = await closer(c)
  const ending = await jsonBody(c, endingSchema)
  return c.json(await closeLowImpact(c.var.deps, { caseId: caseId(c), actor: actorOf(user), ending }))
})

import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { formBody, jsonBody, parseWith } from '../platform/http/validate.js'
import { actorOf } from '../cases/case-events.js'
import { allowedOnCase } from '../cases/case-guard.js'
import { joinDuplicate, joinDuplicateSchema } from './duplicates.usecases.js'
import { endOfLifePolicies } from '../end-of-life/index.js'

/** Joining a duplicate report to the existing case (intake staff and coordinators): form and API. */
export const duplicatesRoutes = new Hono<AppEnv>()

const joiner = (c: Ctx) => allowedOnCase(c, endOfLifePolicies.joinDuplicate)

duplicatesRoutes.post('/cases/:caseId/join-duplicate', async (c) => {
  const user = await joiner(c)
  const join = parseWith(joinDuplicateSchema, await formBody(c))
  const r = await joinDuplicate(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user), join })
  return c.redirect(`/cases/${r.targetCaseId}`, 303)
})

duplicatesRoutes.post('/api/v1/cases/:caseId/join-duplicate', async (c) => {
  const user = await joiner(c)
  const join = await jsonBody(c, joinDuplicateSchema)
  return c.json(await joinDuplicate(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user), join }))
})

import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { formBody, jsonBody, parseWith } from '../platform/http/validate.js'
import { requireAllowed } from '../platform/http/guards.js'
import { AppError } from '../platform/errors.js'
import { actorOf } from '../cases/case-events.js'
import { longRunningQuerySchema, remindersFromForm, remindersSchema, type LongRunningQuery } from './long-running.schemas.js'
import { loadLongRunningDashboard } from './long-running.queries.js'
import { remindLongRunningOperators } from './long-running.usecases.js'
import { filterQuery, LongRunningPage, type RemindersNotice } from './long-running.views.js'
import { longRunningPolicies } from './long-running.policies.js'

/** The long-running website cases (取扱いが長期化, DESIGN §4): intake's dashboard, reminders, and the same as JSON. */
export const longRunningRoutes = new Hono<AppEnv>()

const dashboard = (c: Ctx, q: LongRunningQuery) => loadLongRunningDashboard(c.var.deps.db, c.var.deps.clock.now(), q)

/** The counts a reminder round left in the address (after the redirect). */
function noticeFrom(c: Ctx): RemindersNotice {
  const reminded = c.req.query('reminded')
  if (reminded === undefined) return null
  return { reminded: Number(reminded) || 0, skipped: Number(c.req.query('skipped')) || 0 }
}

const filtersOf = (c: Ctx): LongRunningQuery => {
  const { type, bucket, page } = c.req.query()
  return parseWith(longRunningQuerySchema, { type, bucket, page })
}

longRunningRoutes.get('/websites/long-running', async (c) => {
  requireAllowed(c, longRunningPolicies.viewLongRunning)
  const q = filtersOf(c)
  return page(c, c.var.t('long_running.title'), <LongRunningPage c={c} d={await dashboard(c, q)} q={q} notice={noticeFrom(c)} />)
})

longRunningRoutes.post('/websites/long-running/reminders', async (c) => {
  const user = requireAllowed(c, longRunningPolicies.remindLongRunning)
  const form = await formBody(c)
  const q = filtersOf(c)
  try {
    const input = parseWith(remindersSchema, remindersFromForm(form))
    const r = await remindLongRunningOperators(c.var.deps, { caseIds: input.caseIds, note: input.note, actor: actorOf(user) })
    return c.redirect(`/websites/long-running${filterQuery(q, { reminded: r.reminded.length, skipped: r.skipped.length })}`, 303)
  } catch (e) {
    if (!(e instanceof AppError) || e.status !== 400) throw e
    const note = typeof form.note === 'string' ? form.note : undefined
    return page(c, c.var.t('long_running.title'), <LongRunningPage c={c} d={await dashboard(c, q)} q={q} notice={null} error={e} note={note} />, 400)
  }
})

// ---- JSON API: the same queries and use case ----

longRunningRoutes.get('/api/v1/websites/long-running', async (c) => {
  requireAllowed(c, longRunningPolicies.viewLongRunning)
  return c.json(await dashboard(c, filtersOf(c)))
})

longRunningRoutes.post('/api/v1/websites/long-running/reminders', async (c) => {
  const user = requireAllowed(c, longRunningPolicies.remindLongRunning)
  const input = await jsonBody(c, remindersSchema)
  return c.json(await remindLongRunningOperators(c.var.deps, { caseIds: input.caseIds, note: input.note, actor: actorOf(user) }))
})

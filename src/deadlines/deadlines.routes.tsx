import { Hono } from 'hono'
import type { AppEnv, Ctx, CurrentUser } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { formBody, jsonBody, parseWith } from '../platform/http/validate.js'
import { requireAllowed, requireUser } from '../platform/http/guards.js'
import { errors, type AppError } from '../platform/errors.js'
import { refusedInput } from '../platform/http/forms.js'
import { loadCaseRelation } from '../cases/cases.repository.js'
import { actorOf } from '../cases/case-events.js'
import type { TimerKind } from './deadlines.model.js'
import { pauseSchema, policyChangeSchema, policyFormSchema, policyKindSchema, returnToSchema } from './deadlines.schemas.js'
import { listCaseTimers, listOpenTimers, loadTimerView, timerCaseId } from './deadlines.queries.js'
import { listDeadlinePolicies, listPolicyChanges, updateDeadlinePolicy } from './deadline-policies.js'
import { pauseTimer, resumeTimer } from './timers.usecases.js'
import { DeadlineQueue, PauseResumeForm, PoliciesPage } from './deadlines.views.js'
import { allowedOnCase } from '../cases/case-guard.js'
import { deadlinesPolicies } from './deadlines.policies.js'

export const deadlinesRoutes = new Hono<AppEnv>()

/** Staff of the timer's case may act on it; for everyone else the timer does not exist (404). */
async function timerStaffOf(c: Ctx) {
  const user = requireUser(c)
  const timerId = c.req.param('timerId')!
  const caseId = await timerCaseId(c.var.deps.db, timerId)
  const rel = caseId ? await loadCaseRelation(c.var.deps.db, caseId, user) : null
  if (!caseId || !rel || !deadlinesPolicies.manageCaseDeadlines(user, rel)) throw errors.notFound()
  return { user, timerId, caseId }
}

/** Case staff for a case's deadlines; everyone else 404. */
const caseStaffOf = (c: Ctx) => allowedOnCase(c, deadlinesPolicies.manageCaseDeadlines)

/** A policy kind from the path; an unknown one does not exist. */
function policyKind(c: Ctx): TimerKind {
  const kind = policyKindSchema.safeParse(c.req.param('policyKind'))
  if (!kind.success) throw errors.notFound()
  return kind.data
}

const mine = (c: Ctx) => Boolean(c.req.query('mine'))

/** The queue as this person may see it: intake staff see every case, coordinators product cases. */
function queueFor(c: Ctx, user: CurrentUser) {
  const { db, clock } = c.var.deps
  return listOpenTimers(db, clock.now(), { coordinatorId: mine(c) ? user.id : undefined, productOnly: !user.roles.includes('intake') })
}

// ---- pages ----

deadlinesRoutes.get('/deadlines', async (c) => {
  const user = requireAllowed(c, deadlinesPolicies.viewDeadlineQueue)
  const timers = await queueFor(c, user)
  return page(c, c.var.t('deadlines.title'), <DeadlineQueue c={c} timers={timers} mine={mine(c)} />)
})

deadlinesRoutes.post('/deadlines/:timerId/pause', async (c) => {
  const { user, timerId, caseId } = await timerStaffOf(c)
  const form = await formBody(c)
  const returnTo = returnToSchema.parse(form.returnTo)
  try {
    await pauseTimer(c.var.deps, { timerId, reason: typeof form.reason === 'string' ? form.reason : undefined, actor: actorOf(user) })
  } catch (e) {
    const error = refusedInput(e)
    const timer = await loadTimerView(c.var.deps.db, timerId, c.var.deps.clock.now())
    if (!timer) throw errors.notFound()
    const { t, lang } = c.var
    return page(c, t('deadlines.pause'), (
      <>
        <p><a href={returnTo === 'case' ? `/cases/${caseId}` : '/deadlines'}>{t(returnTo === 'case' ? 'deadlines.back_to_case' : 'deadlines.title')}</a></p>
        <p>{lang === 'ja' ? timer.label.ja : timer.label.en}{timer.caseTitle ? ` — ${timer.caseTitle}` : ''}</p>
        <PauseResumeForm c={c} timer={timer} returnTo={returnTo} error={error} values={form} />
      </>
    ), error.status)
  }
  return c.redirect(returnTo === 'case' ? `/cases/${caseId}` : '/deadlines', 303)
})

deadlinesRoutes.post('/deadlines/:timerId/resume', async (c) => {
  const { user, timerId, caseId } = await timerStaffOf(c)
  const form = await formBody(c)
  await resumeTimer(c.var.deps, { timerId, actor: actorOf(user) })
  return c.redirect(returnToSchema.parse(form.returnTo) === 'case' ? `/cases/${caseId}` : '/deadlines', 303)
})

deadlinesRoutes.get('/deadlines/policies', (c) => {
  requireAllowed(c, deadlinesPolicies.configureDeadlines)
  return policiesPage(c)
})

/** The policies page; after a refused change, that policy's form shows why and keeps the values entered. */
async function policiesPage(c: Ctx, failed?: { kind: TimerKind; error: AppError; values: Record<string, unknown> }) {
  const { db } = c.var.deps
  const body = <PoliciesPage c={c} policies={await listDeadlinePolicies(db)} changes={await listPolicyChanges(db)} saved={Boolean(c.req.query('saved'))} failed={failed} />
  return page(c, c.var.t('deadlines.policies_title'), body, failed?.error.status ?? 200)
}

deadlinesRoutes.post('/deadlines/policies/:policyKind', async (c) => {
  const user = requireAllowed(c, deadlinesPolicies.configureDeadlines)
  const kind = policyKind(c)
  const form = await formBody(c)
  try {
    const change = parseWith(policyFormSchema, form)
    await updateDeadlinePolicy(c.var.deps, { kind, change, actor: actorOf(user) })
  } catch (e) {
    return policiesPage(c, { kind, error: refusedInput(e), values: form })
  }
  return c.redirect('/deadlines/policies?saved=1', 303)
})

// ---- JSON API: the same use cases and checks ----

deadlinesRoutes.get('/api/v1/deadlines', async (c) => {
  const user = requireAllowed(c, deadlinesPolicies.viewDeadlineQueue)
  return c.json({ timers: await queueFor(c, user) })
})

deadlinesRoutes.get('/api/v1/cases/:caseId/deadlines', async (c) => {
  await caseStaffOf(c)
  const { db, clock } = c.var.deps
  return c.json({ timers: await listCaseTimers(db, c.req.param('caseId'), clock.now()) })
})

deadlinesRoutes.post('/api/v1/deadlines/:timerId/pause', async (c) => {
  const { user, timerId } = await timerStaffOf(c)
  const { reason } = await jsonBody(c, pauseSchema)
  await pauseTimer(c.var.deps, { timerId, reason, actor: actorOf(user) })
  return c.json({ timer: await loadTimerView(c.var.deps.db, timerId, c.var.deps.clock.now()) })
})

deadlinesRoutes.post('/api/v1/deadlines/:timerId/resume', async (c) => {
  const { user, timerId } = await timerStaffOf(c)
  await resumeTimer(c.var.deps, { timerId, actor: actorOf(user) })
  return c.json({ timer: await loadTimerView(c.var.deps.db, timerId, c.var.deps.clock.now()) })
})

deadlinesRoutes.get('/api/v1/deadlines/policies', async (c) => {
  requireAllowed(c, deadlinesPolicies.configureDeadlines)
  const { db } = c.var.deps
  return c.json({ policies: await listDeadlinePolicies(db), changes: await listPolicyChanges(db) })
})

deadlinesRoutes.put('/api/v1/deadlines/policies/:policyKind', async (c) => {
  const user = requireAllowed(c, deadlinesPolicies.configureDeadlines)
  const kind = policyKind(c)
  const change = await jsonBody(c, policyChangeSchema)
  return c.json({ policy: await updateDeadlinePolicy(c.var.deps, { kind, change, actor: actorOf(user) }) })
})

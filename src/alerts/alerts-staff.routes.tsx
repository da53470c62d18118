import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { requireAllowed } from '../platform/http/guards.js'
import { AppError, errors } from '../platform/errors.js'
import { actorOf } from '../cases/case-events.js'
import { alertInputSchema, candidatesQuerySchema, coverCasesSchema, reviseAlertSchema } from './alerts.schemas.js'
import { findAlert, listAllAlerts, listRevisions, type AlertRecord } from './alerts.repository.js'
import { countCoveredCases, listCandidateCases, listCoveredCases } from './alert-cases.repository.js'
import { createAlert, publishAlert, reviseAlert, updateAlert } from './alerts.usecases.js'
import { closeCoveredCases, coverCases, uncoverCases } from './alert-coverage.usecases.js'
import { emptyAlertValues, formToValues, recordToValues, valuesToInput, valuesToRevision, type AlertFormValues } from './alert-form.js'
import { AlertForm, StaffAlertList, StaffAlertPage } from './alerts-staff.views.js'
import { CoveragePage, type CoverageNotice } from './alert-coverage.views.js'
import { alertsPolicies } from './alerts.policies.js'

/** Intake staff's alert pages: drafting, publication, revision, and the website cases an alert covers. */
export const staffAlertRoutes = new Hono<AppEnv>()

const staff = (c: Ctx) => requireAllowed(c, alertsPolicies.manageAlerts)

/** The alert in the path, for staff; anyone else signed in gets 404 before the alert is even read. */
async function staffAlert(c: Ctx): Promise<{ user: ReturnType<typeof staff>; alert: AlertRecord }> {
  const user = staff(c)
  const alert = await findAlert(c.var.deps.db, c.req.param('alertId')!)
  if (!alert) throw errors.notFound()
  return { user, alert }
}

/** A refused form comes back with what was typed: 400 for bad input, 409 for the wrong state. */
const refused = (e: unknown): e is AppError => e instanceof AppError && (e.status === 400 || e.status === 409)

async function alertPage(c: Ctx, alert: AlertRecord, opts: { values?: AlertFormValues; error?: AppError } = {}) {
  const { db } = c.var.deps
  const covered = (await countCoveredCases(db, [alert.id])).get(alert.id) ?? 0
  const notice = ['saved', 'published', 'revised'].find((k) => c.req.query(k) !== undefined)
  const body = (
    <StaffAlertPage c={c} alert={alert} revisions={await listRevisions(db, alert.id)} coveredCount={covered}
      values={opts.values ?? recordToValues(alert)} notice={opts.error ? undefined : notice} error={opts.error} />
  )
  return page(c, c.var.t('alerts.staff_alert_title', { title: alert.title[c.var.lang] || alert.title.ja }), body, opts.error?.status ?? 200)
}

const count = (v: string | undefined) => (v !== undefined && /^\d{1,6}$/.test(v) ? Number(v) : undefined)

async function coveragePage(c: Ctx, alert: AlertRecord, error?: AppError) {
  const { db } = c.var.deps
  const query = parseWith(candidatesQuerySchema, c.req.query())
  const filter = query.vulnerabilityType ?? alert.vulnerabilityType ?? 'all'
  const { items, truncated } = await listCandidateCases(db, { alertId: alert.id, vulnerabilityType: filter === 'all' ? null : filter })
  const notice: CoverageNotice = {
    added: count(c.req.query('added')), removed: count(c.req.query('removed')),
    closed: count(c.req.query('closed')), skipped: count(c.req.query('skipped')),
  }
  const body = (
    <CoveragePage c={c} alert={alert} covered={await listCoveredCases(db, alert.id)} candidates={items} truncated={truncated}
      filter={filter} notice={error ? {} : notice} error={error} />
  )
  return page(c, c.var.t('alerts.coverage_title'), body, error?.status ?? 200)
}

// ---- drafting ----

staffAlertRoutes.get('/staff/alerts', async (c) => {
  staff(c)
  const alerts = await listAllAlerts(c.var.deps.db)
  const covered = await countCoveredCases(c.var.deps.db, alerts.map((a) => a.id))
  return page(c, c.var.t('alerts.staff_title'), <StaffAlertList c={c} alerts={alerts} covered={covered} />)
})

const newAlertPage = (c: Ctx, values: AlertFormValues, error?: AppError) =>
  page(c, c.var.t('alerts.new_title'), <AlertForm c={c} action="/staff/alerts" values={values} submit={c.var.t('alerts.save_draft')} error={error} />, error?.status ?? 200)

staffAlertRoutes.get('/staff/alerts/new', async (c) => {
  staff(c)
  return newAlertPage(c, emptyAlertValues())
})

staffAlertRoutes.post('/staff/alerts', async (c) => {
  const user = staff(c)
  const values = formToValues(await formBody(c))
  try {
    const { alertId } = await createAlert(c.var.deps, { input: parseWith(alertInputSchema, valuesToInput(values)), actor: actorOf(user) })
    return c.redirect(`/staff/alerts/${alertId}?saved`, 303)
  } catch (e) {
    if (refused(e)) return newAlertPage(c, values, e)
    throw e
  }
})

staffAlertRoutes.get('/staff/alerts/:alertId', async (c) => {
  const { alert } = await staffAlert(c)
  return alertPage(c, alert)
})

staffAlertRoutes.post('/staff/alerts/:alertId', async (c) => {
  const { user, alert } = await staffAlert(c)
  const values = formToValues(await formBody(c))
  try {
    await updateAlert(c.var.deps, { alertId: alert.id, input: parseWith(alertInputSchema, valuesToInput(values)), actor: actorOf(user) })
  } catch (e) {
    if (refused(e)) return alertPage(c, alert, { values, error: e })
    throw e
  }
  return c.redirect(`/staff/alerts/${alert.id}?saved`, 303)
})

// ---- publication and revision ----

staffAlertRoutes.post('/staff/alerts/:alertId/publish', async (c) => {
  const { user, alert } = await staffAlert(c)
  try {
    await publishAlert(c.var.deps, { alertId: alert.id, actor: actorOf(user) })
  } catch (e) {
    if (refused(e)) return alertPage(c, alert, { error: e })
    throw e
  }
  return c.redirect(`/staff/alerts/${alert.id}?published`, 303)
})

staffAlertRoutes.post('/staff/alerts/:alertId/revisions', async (c) => {
  const { user, alert } = await staffAlert(c)
  const values = formToValues(await formBody(c))
  try {
    await reviseAlert(c.var.deps, { alertId: alert.id, actor: actorOf(user), ...parseWith(reviseAlertSchema, valuesToRevision(values)) })
  } catch (e) {
    if (refused(e)) return alertPage(c, alert, { values, error: e })
    throw e
  }
  return c.redirect(`/staff/alerts/${alert.id}?revised`, 303)
})

// ---- covered website cases ----

staffAlertRoutes.get('/staff/alerts/:alertId/cases', async (c) => {
  const { alert } = await staffAlert(c)
  return coveragePage(c, alert)
})

staffAlertRoutes.post('/staff/alerts/:alertId/cases', async (c) => {
  const { user, alert } = await staffAlert(c)
  try {
    const { caseIds } = parseWith(coverCasesSchema, await formBody(c))
    const { added } = await coverCases(c.var.deps, { alertId: alert.id, caseIds, actor: actorOf(user) })
    return c.redirect(`/staff/alerts/${alert.id}/cases?added=${added}`, 303)
  } catch (e) {
    if (refused(e)) return coveragePage(c, alert, e)
    throw e
  }
})

staffAlertRoutes.post('/staff/alerts/:alertId/cases/removal', async (c) => {
  const { user, alert } = await staffAlert(c)
  try {
    const { caseIds } = parseWith(coverCasesSchema, await formBody(c))
    const { removed } = await uncoverCases(c.var.deps, { alertId: alert.id, caseIds, actor: actorOf(user) })
    return c.redirect(`/staff/alerts/${alert.id}/cases?removed=${removed}`, 303)
  } catch (e) {
    if (refused(e)) return coveragePage(c, alert, e)
    throw e
  }
})

staffAlertRoutes.post('/staff/alerts/:alertId/closure', async (c) => {
  const { user, alert } = await staffAlert(c)
  try {
    const { closed, skipped } = await closeCoveredCases(c.var.deps, { alertId: alert.id, actor: actorOf(user) })
    return c.redirect(`/staff/alerts/${alert.id}/cases?closed=${closed.length}&skipped=${skipped.length}`, 303)
  } catch (e) {
    if (refused(e)) return coveragePage(c, alert, e)
    throw e
  }
})

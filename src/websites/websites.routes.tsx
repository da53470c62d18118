import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { rateLimit } from '../platform/http/rate-limit.js'
import { requireAllowed } from '../platform/http/guards.js'
import { formatDate } from '../platform/i18n/index.js'
import { uploadsOf } from '../intake/index.js'
import { WEBSITE_CASE_STATUSES } from '../cases/website-case.transitions.js'
import { websiteReportSchema } from './websites.schemas.js'
import { submitWebsiteReport } from './website-reports.usecases.js'
import { WebsiteReportForm } from './website-report-form.views.js'
import { websiteActions } from './website-actions.js'
import { listWebsiteCases } from './websites.queries.js'
import { WEBSITE_VULNERABILITY_TYPES} from '../cases/website-categories.js'
import { websitesApi } from './websites.api.js'
import { operatorsRoutes } from './operators.routes.js'
import { categoryLabel } from '../cases/categories.js'
import { websitesPolicies } from './websites.policies.js'

/** The website flow's pages (report form, case actions, intake's list) and its API. */
export const websitesRoutes = new Hono<AppEnv>()
websitesRoutes.route('/', websitesApi)
websitesRoutes.route('/', operatorsRoutes)

websitesRoutes.use('/report/website', rateLimit('intake', 20, 3600))

const textFields = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string'))

websitesRoutes.get('/report/website', (c) => page(c, c.var.t('websites.form_title'), <WebsiteReportForm c={c} />))

websitesRoutes.post('/report/website', async (c) => {
  const body = await formBody(c)
  try {
    const report = parseWith(websiteReportSchema, textFields(body))
    const result = await submitWebsiteReport(c.var.deps, { report, uploads: await uploadsOf(body), finder: c.var.user })
    return c.redirect(`/track/${result.trackingSecret}?received=1`, 303)
  } catch (error) {
    const status = error instanceof Error && 'status' in error && error.status === 413 ? 413 : 400
    return page(c, c.var.t('websites.form_title'), <WebsiteReportForm c={c} values={textFields(body)} error={error} />, status)
  }
})

const backToCase = (c: Ctx) => c.redirect(`/cases/${c.req.param('websiteCaseId')}#website`, 303)

websitesRoutes.post('/cases/:websiteCaseId/website-classification', async (c) => {
  await websiteActions.classify(c, await formBody(c))
  return backToCase(c)
})
websitesRoutes.post('/cases/:websiteCaseId/operator', async (c) => {
  await websiteActions.notifyOperator(c, await formBody(c))
  return backToCase(c)
})
websitesRoutes.post('/cases/:websiteCaseId/fix', async (c) => {
  await websiteActions.fix(c, await formBody(c))
  return backToCase(c)
})
websitesRoutes.post('/cases/:websiteCaseId/dispute', async (c) => {
  await websiteActions.dispute(c, await formBody(c))
  return backToCase(c)
})
websitesRoutes.post('/cases/:websiteCaseId/website-closure', async (c) => {
  await websiteActions.close(c, await formBody(c))
  return backToCase(c)
})
websitesRoutes.post('/cases/:websiteCaseId/resume-handling', async (c) => {
  await websiteActions.resume(c, await formBody(c))
  return backToCase(c)
})
websitesRoutes.post('/cases/:websiteCaseId/remind-operator', async (c) => {
  await websiteActions.remind(c, await formBody(c))
  return backToCase(c)
})

/** Intake's list of website cases, by status and vulnerability type. */
websitesRoutes.get('/websites', async (c) => {
  requireAllowed(c, websitesPolicies.viewWebsiteCases)
  const { t, lang } = c.var
  const status = c.req.query('status') ?? ''
  const type = c.req.query('type') ?? ''
  const rows = await listWebsiteCases(c.var.deps.db, { status: status || undefined, vulnerabilityType: type || undefined })
  return page(c, t('websites.list_title'), (
    <>
      <p><a href="/operators">{t('websites.operators_title')}</a> · <a href="/websites/long-running">{t('websites.long_running_link')}</a></p>
      <form method="get" action="/websites" class="inline">
        <label>{t('common.status')}
          <select name="status"><option value="">—</option>{WEBSITE_CASE_STATUSES.map((s) => <option value={s} selected={s === status}>{t(`case.status.${s}`)}</option>)}</select>
        </label>
        <label>{t('websites.vulnerability_type')}
          <select name="type"><option value="">—</option>{WEBSITE_VULNERABILITY_TYPES.map((o) => <option value={o.key} selected={o.key === type}>{o[lang]}</option>)}</select>
        </label>
        <button type="submit">{t('websites.filter')}</button>
      </form>
      {rows.length === 0 ? <p class="meta">{t('websites.list_empty')}</p> : (
        <table>
          <thead><tr><th>{t('cases.receipt')}</th><th>{t('websites.site')}</th><th>{t('common.status')}</th><th>{t('websites.vulnerability_type')}</th>
            <th>{t('websites.operator')}</th><th>{t('websites.notified_on')}</th></tr></thead>
          <tbody>{rows.map((r) => (
            <tr><td><a href={`/cases/${r.id}`}>{r.receipt_number}</a></td><td>{r.title}</td>
              <td><span class="status" data-status={r.status}>{t(`case.status.${r.status}`)}</span>{r.fix_type && <> ({t(`websites.fix_type.${r.fix_type}`)})</>}</td>
              <td>{categoryLabel(WEBSITE_VULNERABILITY_TYPES, r.vulnerability_type, lang)}</td>
              <td>{(lang === 'ja' ? r.operator_ja : r.operator_en) ?? ''}</td><td>{r.start_date ? formatDate(r.start_date, lang) : ''}</td></tr>
          ))}</tbody>
        </table>
      )}
    </>
  ))
})

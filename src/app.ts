import { readFileSync } from 'node:fs'
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv, Deps } from './platform/http/context.js'
import { isApiPath } from './platform/http/context.js'
import { LANG_COOKIE, setAppCookie } from './platform/http/cookies.js'
import { securityHeaders } from './platform/http/security-headers.js'
import { csrfProtection } from './platform/http/csrf.js'
import { handleError } from './platform/http/error-handler.js'
import { errors } from './platform/errors.js'
import { log } from './platform/log.js'
import { redactSecretLinks } from './platform/mail/outbox.js'
import { negotiateLang, translator } from './platform/i18n/index.js'
import { authenticate } from './accounts/sessions.js'
import { accountsRoutes } from './accounts/accounts.routes.js'
import { secondFactorRoutes } from './accounts/second-factor.routes.js'
import { intakeRoutes } from './intake/intake.routes.js'
import { intakeApi } from './intake/intake.api.js'
import { duplicatesRoutes } from './intake/duplicates.routes.js'
import { caseRoutes } from './cases/case.routes.js'
import { organizationRoutes } from './coordination/organizations.routes.js'
import { coordinationApi } from './coordination/coordination.api.js'
import { coordinationRoutes } from './coordination/coordination.routes.js'
import { advisoriesRoutes } from './advisories/advisories.routes.js'
import { portalRoutes } from './portal/portal.routes.js'
import { securityTxtRoutes } from './portal/security-txt.js'
import { adminRoutes } from './admin/admin.routes.js'
import { apiDocsRoutes } from './api/openapi.routes.js'
import { deadlinesRoutes } from './deadlines/deadlines.routes.js'
import { uncontactableRoutes } from './uncontactable/uncontactable.routes.js'
import { committeeRoutes } from './committee/committee.routes.js'
import { endOfLifeRoutes } from './end-of-life/end-of-life.routes.js'
import { coordinationRequestsRoutes } from './coordination-requests/coordination-requests.routes.js'
import { priorityInformationRoutes } from './priority-information/priority-information.routes.js'
import { selfReportsRoutes } from './self-reports/self-reports.routes.js'
import { websitesRoutes } from './websites/websites.routes.js'
import { longRunningRoutes } from './websites/long-running.routes.js'
import { alertsRoutes } from './alerts/alerts.routes.js'
import { sitemapRoutes } from './portal/sitemap.js'
import { statisticsRoutes } from './statistics/statistics.routes.js'

const css = readFileSync(new URL('./platform/http/static/app.css', import.meta.url), 'utf8')

/** The whole web application: portal, workspaces and the JSON API, over one set of use cases. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>()
  app.onError(handleError)
  app.use(async (c, next) => {
    const started = performance.now()
    await next()
    // Paths can hold secrets (tracking links, invitations); the log gets them masked.
    log.info('request', { method: c.req.method, path: redactSecretLinks(c.req.path), status: c.res.status, ms: Math.round(performance.now() - started) })
  })
  app.use(securityHeaders)
  app.use(async (c, next) => {
    c.set('deps', deps)
    const query = c.req.query('lang')
    const lang = negotiateLang(query, getCookie(c, LANG_COOKIE), c.req.header('accept-language'))
    if (query === lang) setAppCookie(c, LANG_COOKIE, lang, 365 * 86400)
    c.set('lang', lang)
    c.set('t', translator(lang))
    await next()
  })
  app.use(bodyLimit({ maxSize: deps.config.maxAttachmentBytes * 5 + 1024 * 1024, onError: () => { throw errors.tooLarge() } }))
  app.use(authenticate)
  app.use(csrfProtection)

  app.get('/healthz', async (c) => {
    await c.var.deps.db.selectFrom('cases').select('id').limit(1).execute()
    return c.json({ status: 'ok' })
  })
  app.get('/static/app.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8' })
  })

  app.route('/', accountsRoutes)
  app.route('/', secondFactorRoutes)
  app.route('/', intakeRoutes)
  app.route('/', intakeApi)
  app.route('/', duplicatesRoutes)
  app.route('/', caseRoutes)
  app.route('/', organizationRoutes)
  app.route('/', coordinationApi)
  app.route('/', coordinationRoutes)
  app.route('/', advisoriesRoutes)
  app.route('/', portalRoutes)
  app.route('/', securityTxtRoutes)
  app.route('/', adminRoutes)
  app.route('/', apiDocsRoutes)
  app.route('/', deadlinesRoutes)
  app.route('/', uncontactableRoutes)
  app.route('/', committeeRoutes)
  app.route('/', endOfLifeRoutes)
  app.route('/', coordinationRequestsRoutes)
  app.route('/', priorityInformationRoutes)
  app.route('/', selfReportsRoutes)
  app.route('/', websitesRoutes)
  app.route('/', longRunningRoutes)
  app.route('/', alertsRoutes)
  app.route('/', sitemapRoutes)
  app.route('/', statisticsRoutes)

  app.notFound((c) => {
    if (isApiPath(c.req.path)) return c.json({ error: { code: 'request.not_found', message: 'Not found.' } }, 404)
    throw errors.notFound()
  })
  return app
}

export type App = ReturnType<typeof createApp>

import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv, Deps } from './platform/http/context.js'
import { LANG_COOKIE, setAppCookie } from './platform/http/cookies.js'
import { securityHeaders } from './platform/http/security-headers.js'
import { csrfProtection, installCsrfExemptions } from './platform/http/csrf.js'
import { returnToPlace } from './platform/http/form-return.js'
import { rejectUnstorableText } from './platform/http/request-text.js'
import { handleError, installStartPage } from './platform/http/error-handler.js'
import { errors } from './platform/errors.js'
import { log, withLogContext } from './platform/log.js'
import { requestIdFrom } from './platform/http/request-id.js'
import { healthRoutes } from './platform/http/health.js'
import { staticRoutes } from './platform/http/static-assets.js'
import { redactSecretLinks } from './platform/mail/outbox.js'
import { negotiateLang, translator } from './platform/i18n/index.js'
import { authenticate } from './accounts/sessions.js'
import { startPageFor } from './accounts/start-page.js'
import { installCatalogue } from './platform/i18n/catalog.js'
import { installNavigation } from './platform/http/layout.js'
import { installOperations } from './platform/http/openapi-operation.js'
import { installPublicSchedules, PageCache, pageCacheMiddleware } from './platform/http/page-cache.js'
import { installCaseSections } from './cases/case-sections.js'
import { features } from './features.js'

/** Hands every feature's messages, navigation, OpenAPI operations and case-page sections to the layers below. */
function installFeatures() {
  installCatalogue(features.flatMap((f) => (f.messages ? [f.messages] : [])))
  installNavigation(features.flatMap((f) => f.nav ?? []), features.flatMap((f) => f.feeds ?? []))
  installOperations(features.flatMap((f) => f.openapi ?? []))
  installCaseSections(features)
  installStartPage(startPageFor)
  installCsrfExemptions(features.flatMap((f) => f.readOnlyPosts ?? []), features.flatMap((f) => f.secretLinkPosts ?? []))
  installPublicSchedules(features.flatMap((f) => (f.publicSchedule ? [f.publicSchedule] : [])))
}
installFeatures()

/**
 * The whole web application: portal, workspaces and the JSON API, each feature's routes in list order.
 * `pageCache`: the server's cache, kept right by its watcher (src/platform/http/server.ts); without
 * one, the app keeps its own that re-reads the public-changes generation before every lookup.
 */
export function createApp(deps: Deps, options: { pageCache?: PageCache } = {}) {
  const app = new Hono<AppEnv>()
  const pageCache = options.pageCache ?? new PageCache({ db: deps.db, readDb: deps.readDb, clock: deps.clock, syncEveryRequest: true })
  app.onError(handleError)
  // First: a cached public page pays for nothing below.
  app.use(pageCacheMiddleware(pageCache))
  app.use(async (c, next) => {
    // Every log line of this request, the error handler's included, carries its id; so does the response.
    const requestId = requestIdFrom(c.req.header('x-request-id'))
    await withLogContext({ requestId }, async () => {
      const started = performance.now()
      await next()
      c.header('X-Request-Id', requestId)
      // Paths can hold secrets (tracking links, invitations); the log gets them masked.
      log.info('request', { method: c.req.method, path: redactSecretLinks(c.req.path), status: c.res.status, ms: Math.round(performance.now() - started) })
    })
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
  app.use(rejectUnstorableText)
  app.use(bodyLimit({ maxSize: deps.config.maxAttachmentBytes * 5 + 1024 * 1024, onError: () => { throw errors.tooLarge() } }))
  app.use(authenticate)
  app.use(csrfProtection)
  // A form posted from one tab of a page (the case page's) comes back to that tab.
  app.use(returnToPlace)

  app.route('/', healthRoutes)
  app.route('/', staticRoutes)

  for (const feature of features) for (const routes of feature.routes ?? []) app.route('/', routes)

  // The error handler answers both: JSON for /api paths (in the language asked for), a page for people.
  app.notFound(() => {
    throw errors.notFound()
  })
  return app
}

export type App = ReturnType<typeof createApp>

import type { ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { AppError, errors } from '../errors.js'
import { log } from '../log.js'
import { getCookie } from 'hono/cookie'
import { isApiPath, type AppEnv, type Ctx, type CurrentUser } from './context.js'
import { LANG_COOKIE } from './cookies.js'
import { ErrorBanner, errorParams } from './forms.js'
import { fieldDetails, translatedFields } from './field-messages.js'
import { setRetryAfter } from './retry-after.js'
import { page } from './layout.js'
import { translator, type Lang } from '../i18n/index.js'

/** PostgreSQL's class 22 "data exception" (22021 bad byte sequence, 22P02 bad syntax, 22008 date out of range, …), from pg or PGlite. */
const isDataException = (err: unknown): err is Error & { code: string } => {
  const code = err instanceof Error && 'severity' in err ? (err as { code?: unknown }).code : undefined
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)
}

/** Where a signed-in person's work starts (their workspace), handed over at start-up; the platform knows no roles' pages. */
let startPageOf: (user: CurrentUser) => string = () => '/'
export function installStartPage(startPage: (user: CurrentUser) => string): void {
  startPageOf = startPage
}

/**
 * The language of a JSON error: the one asked for (`?lang=`, the language cookie or
 * `Accept-Language`), else English, as API errors were before they were translated.
 */
function apiLang(c: Ctx): Lang {
  const asked = c.req.query('lang') !== undefined || getCookie(c, LANG_COOKIE) !== undefined || c.req.header('accept-language') !== undefined
  return asked && c.var.lang ? c.var.lang : 'en'
}

/**
 * An error as JSON: its stable `code`, its `message` and each field's message in the reader's
 * language (`details.fields` keeps its keys), the other details as they are.
 */
function jsonError(c: Ctx, error: AppError) {
  const lang = apiLang(c)
  const t = translator(lang)
  const key = `error.${error.code}`
  const translated = t(key, errorParams(error))
  const message = lang === 'en' || translated === key ? error.message : translated
  let details = error.details
  if (details && typeof details === 'object' && 'fields' in details) {
    const { fieldParams: _params, ...rest } = details as Record<string, unknown>
    details = { ...rest, fields: translatedFields(t, lang, error) }
  }
  return c.json({ error: { code: error.code, message, details } }, error.status)
}

/** Links out of an error page: home, the page the reader came from, the path above, their workspace. */
function WayBack(props: { c: Ctx; status: number }) {
  const { c } = props
  const { t } = c.var
  const links: { href: string; label: string }[] = []
  const here = c.req.path
  const referer = c.req.header('referer')
  if (referer) {
    try {
      const from = new URL(referer)
      if (from.host === new URL(c.req.url).host && (from.pathname !== here || c.req.method !== 'GET')) links.push({ href: from.pathname + from.search, label: t('error.back_previous') })
    } catch { /* not a URL: no link */ }
  }
  const parent = here.replace(/\/+$/, '').replace(/\/[^/]*$/, '')
  if (props.status === 404 && parent !== '' && !links.some((l) => l.href === parent)) links.push({ href: parent, label: t('error.back_parent') })
  const user = c.var.user
  const workspace = user ? startPageOf(user) : '/'
  if (workspace !== '/' && workspace !== here) links.push({ href: workspace, label: t('error.back_workspace') })
  links.push({ href: '/', label: t('error.back_home') })
  return (
    <nav class="way-back" aria-label={t('error.way_back')}>
      <ul>{links.map((l) => <li><a href={l.href}>{l.label}</a></li>)}</ul>
    </nav>
  )
}

/** An error page: the message (and each field's problem, translated) at the top, a hint, and ways on. */
function errorPage(c: Ctx, error: AppError | null, status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500) {
  const { t } = c.var
  const hint = status === 404 ? t('error.not_found_hint') : c.req.method !== 'GET' && status < 500 && status !== 429 ? t('error.retry_hint') : undefined
  return page(c, t('error.title'), (
    <>
      <ErrorBanner c={c} error={error ?? new Error('internal')} />
      {hint && <p>{hint}</p>}
      <WayBack c={c} status={status} />
    </>
  ), status)
}

/** One place turns errors into responses: JSON with a stable code for the API, a page for people. */
export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  let appError: AppError
  if (err instanceof AppError) appError = err
  else if (err instanceof HTTPException && err.status === 413) appError = new AppError('request.too_large', 413)
  else if (err instanceof HTTPException && err.status < 500) appError = new AppError('request.invalid', 400, err.message)
  else if (isDataException(err)) {
    // A value the edge let through but the database refused (a date out of range, text it cannot
    // store): the request was bad, not the server. Logged, as it shows a gap in a schema.
    log.info('input refused by the database', { path: c.req.path, sqlstate: err.code })
    appError = errors.invalidInput(fieldDetails({ _: 'validation.out_of_range' }))
  } else {
    log.error('unhandled error', { path: c.req.path, error: err instanceof Error ? err.stack : String(err) })
    if (isApiPath(c.req.path)) {
      const lang = apiLang(c)
      return c.json({ error: { code: 'internal', message: lang === 'en' ? 'Internal server error.' : translator(lang)('error.internal') } }, 500)
    }
    c.set('lang', c.var.lang ?? 'ja')
    c.set('t', c.var.t ?? translator(c.var.lang))
    return errorPage(c, null, 500)
  }
  setRetryAfter(c, appError)
  if (isApiPath(c.req.path) || !c.var.t) return jsonError(c, appError)
  if (appError.code === 'auth.required' && c.req.method === 'GET') {
    // Half signed in (password given, code not yet): the code is what is missing.
    const to = c.var.secondFactorPending ? '/login/second-factor' : '/login'
    return c.redirect(`${to}?next=${encodeURIComponent(c.req.path)}`, 303)
  }
  return errorPage(c, appError, appError.status)
}

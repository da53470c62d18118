import type { ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { AppError, errors } from '../errors.js'
import { log } from '../log.js'
import { isApiPath, type AppEnv } from './context.js'
import { setRetryAfter } from './retry-after.js'
import { page } from './layout.js'
import { translator } from '../i18n/index.js'

/** PostgreSQL's class 22 "data exception" (22021 bad byte sequence, 22P02 bad syntax, 22008 date out of range, …), from pg or PGlite. */
const isDataException = (err: unknown): err is Error & { code: string } => {
  const code = err instanceof Error && 'severity' in err ? (err as { code?: unknown }).code : undefined
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)
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
    appError = errors.invalidInput({ fields: { _: 'A value is out of range or cannot be stored.' } })
  } else {
    log.error('unhandled error', { path: c.req.path, error: err instanceof Error ? err.stack : String(err) })
    if (isApiPath(c.req.path)) return c.json({ error: { code: 'internal', message: 'Internal server error.' } }, 500)
    c.set('t', c.var.t ?? translator('ja'))
    return page(c, c.var.t('error.title'), <p>{c.var.t('error.internal')}</p>, 500)
  }
  setRetryAfter(c, appError)
  if (isApiPath(c.req.path) || !c.var.t) {
    return c.json({ error: { code: appError.code, message: appError.message, details: appError.details } }, appError.status)
  }
  if (appError.code === 'auth.required' && c.req.method === 'GET') {
    // Half signed in (password given, code not yet): the code is what is missing.
    const to = c.var.secondFactorPending ? '/login/second-factor' : '/login'
    return c.redirect(`${to}?next=${encodeURIComponent(c.req.path)}`, 303)
  }
  const fields = (appError.details as { fields?: Record<string, string> } | undefined)?.fields
  return page(c, c.var.t('error.title'), (
    <div class="error" role="alert">
      <p>{c.var.t(`error.${appError.code}`)}</p>
      {fields && <ul>{Object.entries(fields).map(([k, v]) => <li><code>{k}</code>: {v}</li>)}</ul>}
    </div>
  ), appError.status)
}

import type { ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { AppError } from '../errors.js'
import { log } from '../log.js'
import { isApiPath, type AppEnv } from './context.js'
import { page } from './layout.js'
import { translator } from '../i18n/index.js'

/** One place turns errors into responses: JSON with a stable code for the API, a page for people. */
export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  let appError: AppError
  if (err instanceof AppError) appError = err
  else if (err instanceof HTTPException && err.status === 413) appError = new AppError('request.too_large', 413)
  else if (err instanceof HTTPException && err.status < 500) appError = new AppError('request.invalid', 400, err.message)
  else {
    log.error('unhandled error', { path: c.req.path, error: err instanceof Error ? err.stack : String(err) })
    if (isApiPath(c.req.path)) return c.json({ error: { code: 'internal', message: 'Internal server error.' } }, 500)
    c.set('t', c.var.t ?? translator('ja'))
    return page(c, c.var.t('error.title'), <p>{c.var.t('error.internal')}</p>, 500)
  }
  if (isApiPath(c.req.path) || !c.var.t) {
    return c.json({ error: { code: appError.code, message: appError.message, details: appError.details } }, appError.status)
  }
  if (appError.code === 'auth.required' && c.req.method === 'GET') {
    return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303)
  }
  const fields = (appError.details as { fields?: Record<string, string> } | undefined)?.fields
  return page(c, c.var.t('error.title'), (
    <div class="error" role="alert">
      <p>{c.var.t(`error.${appError.code}`)}</p>
      {fields && <ul>{Object.entries(fields).map(([k, v]) => <li><code>{k}</code>: {v}</li>)}</ul>}
    </div>
  ), appError.status)
}

import type { Context } from 'hono'
import { AppError } from '../errors.js'

/**
 * A refusal for now (rate limits, sign-in back-off: 429 with `details.retryAfterSeconds`) says
 * when to come back: sets `Retry-After` (whole seconds, at least 1) and answers true; anything
 * else leaves the headers alone and answers false. The error handler and the forms that render
 * their own failure page both use it.
 */
export function setRetryAfter(c: Context, error: unknown): boolean {
  if (!(error instanceof AppError) || error.status !== 429) return false
  const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds
  if (typeof retryAfter !== 'number') return false
  c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfter))))
  return true
}

import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './context.js'

/**
 * Marks a public GET route whose anonymous answer is the same for everyone (per language): the
 * portal's page cache keeps its 200 answer until what the public may see changes (a publication,
 * a revision, a scheduled time coming). Apply it only to routes that read through the visibility
 * rule and show nothing that depends on who asks: `routes.get('/path', publicCache, handler)`.
 */
export const publicCache: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('publicCache', true)
  await next()
}

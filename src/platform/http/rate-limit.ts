import { sql } from 'kysely'
import type { MiddlewareHandler } from 'hono'
import { errors } from '../errors.js'
import type { AppEnv } from './context.js'

/** The client's address as the socket saw it (behind a proxy, configure the proxy to set it). */
export function clientAddress(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? 'local'
}

/**
 * A fixed-window limit per signed-in account — or per account half signed in, so guessing a
 * second-factor code is bounded per account however many addresses and sessions the password
 * buys — otherwise per client address, counted in the database so that every app process
 * shares it. Only unsafe methods count, unless `reads` says reads count too (secret links, whose
 * reads are guesses as much as writes are). Over the limit: 429 with `Retry-After`.
 */
export function rateLimit(name: string, limit: number, windowSeconds: number, options: { reads?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!options.reads && (c.req.method === 'GET' || c.req.method === 'HEAD')) return next()
    const { db, clock } = c.var.deps
    const now = clock.now()
    const account = c.var.user ?? c.var.pendingUser
    const key = `${name}:${account ? `user:${account.id}` : clientAddress(c)}`
    const windowStart = new Date(Math.floor(now.getTime() / (windowSeconds * 1000)) * windowSeconds * 1000)
    const row = await sql<{ count: number }>`
      insert into rate_limits (key, window_start, count) values (${key}, ${windowStart}, 1)
      on conflict (key) do update set
        count = case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end,
        window_start = excluded.window_start
      returning count`.execute(db)
    if ((row.rows[0]?.count ?? 0) > limit) throw errors.rateLimited((windowStart.getTime() + windowSeconds * 1000 - now.getTime()) / 1000)
    return next()
  }
}

import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from './context.js'
import { log } from '../log.js'

/** A database that does not answer within this counts as down (a probe must not hang). */
const DATABASE_TIMEOUT_MS = 2000

/** Both answers are about this moment: never cached. */
const NO_STORE = { 'Cache-Control': 'no-store' }

/**
 * Health endpoints for a load balancer or an orchestrator, public and free of case data.
 * `/healthz` (liveness): the process answers; no database, nothing that can hang.
 * `/readyz` (readiness): 200 when the database answers and the background job loop has ticked
 * recently, 503 otherwise and while the process shuts down. Failures say which part failed, not
 * why (an error message could name hosts or data); the reason is in the log.
 */
export const healthRoutes = new Hono<AppEnv>()

healthRoutes.get('/healthz', (c) => c.json({ status: 'ok' }, 200, NO_STORE))

healthRoutes.get('/readyz', async (c) => {
  const { db, config, runtime } = c.var.deps
  const shuttingDown = runtime?.shuttingDown?.() ?? false

  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)), DATABASE_TIMEOUT_MS)
  })
  const query = sql`select 1`.execute(db)
  query.catch(() => {}) // when the timeout wins, a later failure of the query is no news
  const databaseOk = await Promise.race([query, timeout]).then(
    () => true,
    (error: unknown) => {
      log.error('readiness: database check failed', { error: error instanceof Error ? error.message : String(error) })
      return false
    },
  ).finally(() => clearTimeout(timer))
  const database = {
    ok: databaseOk,
    backend: runtime?.backend ?? (config.databaseUrl ? 'postgres' : 'pglite'),
    latencyMs: Math.round((performance.now() - started) * 10) / 10,
  }

  const workers = runtime?.workers?.status()
  const jobs = {
    running: workers?.running ?? false,
    lastTickAt: workers?.lastTickAt?.toISOString() ?? null,
    ...(workers?.lastError ? { lastError: { job: workers.lastError.job, at: workers.lastError.at.toISOString() } } : {}),
  }

  const ready = !shuttingDown && database.ok && (workers?.ticking ?? false)
  const status = ready ? 'ok' : shuttingDown ? 'shutting_down' : 'unavailable'
  return c.json({ status, database, jobs }, ready ? 200 : 503, NO_STORE)
})

import type { Server } from 'node:http'
import { loadConfig } from './platform/config.js'
import { openDatabase, openPostgres } from './platform/db/database.js'
import { listen, startPageCache } from './platform/http/server.js'
import { serveLiveBackups } from './platform/db/live-backup.js'
import { migrateToLatest } from './platform/db/migrate.js'
import { systemClock } from './platform/clock.js'
import { log } from './platform/log.js'
import { createApp } from './app.js'
import { ensureFirstAdminInvitation } from './accounts/accounts.usecases.js'
import { startWorkers } from './platform/jobs/workers.js'
import { backgroundJobs } from './features.js'

const config = loadConfig()
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }).catch((error: Error) => {
  process.stderr.write(`keikai cannot open its database: ${error.message}\n`)
  process.exit(1)
})
const applied = await migrateToLatest(handle.db)
if (applied.length) log.info('migrations applied', { applied })

const firstAdmin = await ensureFirstAdminInvitation(handle.db, systemClock.now())
if (firstAdmin) {
  process.stdout.write(`\nNo administrator yet. Create the first one here (valid 24 hours, one use):\n  ${config.publicUrl}${firstAdmin}\n\n`)
}

// The server holds its PGlite directory alone, so `npm run backup` asks it for a snapshot over a socket there.
const stopLiveBackups = handle.backend === 'pglite' ? await serveLiveBackups(handle.db, config.dataDir) : async () => {}

let shuttingDown = false
const deps = { db: handle.db, clock: systemClock, config }
const workers = startWorkers(deps, backgroundJobs)
// The cached public pages may read from a replica; writes and everything else use the primary.
const replica = config.databaseReadUrl ? openPostgres(config.databaseReadUrl) : null
const pageCache = await startPageCache({ db: handle.db, readDb: replica?.db, clock: systemClock, databaseUrl: config.databaseUrl, maxBytes: config.pageCacheBytes })
const app = createApp({ ...deps, readDb: replica?.db, runtime: { backend: handle.backend, workers, shuttingDown: () => shuttingDown } }, { pageCache: pageCache.cache })
const server: Server = listen({ fetch: app.fetch, cache: pageCache.cache, port: config.port }, (port) => {
  log.info('listening', { url: `http://localhost:${port}`, database: handle.backend, readReplica: Boolean(replica), startupMs: Math.round(performance.now()) })
})

/** How long requests already running may take to finish after a stop signal before their connections are cut. */
const DRAIN_MS = 10_000
/** Past this, something (a job, the database) does not stop: leave anyway. */
const HARD_DEADLINE_MS = 30_000

/**
 * SIGTERM / SIGINT: refuse new connections and report not ready, let running requests finish
 * (at most DRAIN_MS), let a running job tick finish, close the database (PGlite releases its
 * directory), exit 0. A second signal meanwhile changes nothing.
 */
async function shutdown(signal: string) {
  if (shuttingDown) return
  shuttingDown = true
  log.info('shutting down', { signal })
  setTimeout(() => {
    log.error('shutdown did not finish in time; exiting anyway', { afterMs: HARD_DEADLINE_MS })
    process.exit(1)
  }, HARD_DEADLINE_MS).unref()
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  // Kept-alive connections with no request running would otherwise hold the server open.
  server.closeIdleConnections()
  const idle = setInterval(() => server.closeIdleConnections(), 100)
  const drain = setTimeout(() => {
    log.error('requests still running after the drain time; closing their connections', { drainMs: DRAIN_MS })
    server.closeAllConnections()
  }, DRAIN_MS)
  await closed
  clearInterval(idle)
  clearTimeout(drain)
  await workers.stop()
  await pageCache.stop()
  await replica?.close()
  await stopLiveBackups()
  await handle.close()
  log.info('stopped', { signal })
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))

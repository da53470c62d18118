import { serve } from '@hono/node-server'
import { loadConfig } from './platform/config.js'
import { openDatabase } from './platform/db/database.js'
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

const app = createApp({ db: handle.db, clock: systemClock, config })
const workers = startWorkers({ db: handle.db, clock: systemClock, config }, backgroundJobs)
const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  log.info('listening', { url: `http://localhost:${info.port}`, database: handle.backend })
})

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  log.info('shutting down', { signal })
  server.close()
  await workers.stop()
  await handle.close()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))

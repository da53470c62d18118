import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listen, startPageCache } from '../platform/http/server.js'
import { loadConfig } from '../platform/config.js'
import { openDatabase } from '../platform/db/database.js'
import { migrateToLatest } from '../platform/db/migrate.js'
import { manualClock, systemClock } from '../platform/clock.js'
import { createApp } from '../app.js'
import { runJobsOnce, startWorkers } from '../platform/jobs/workers.js'
import { setDefaultLogLevel } from '../platform/log.js'
import { backgroundJobs } from '../features.js'
import { seedDemo } from './demo-seed.js'
import { HISTORY_END, HISTORY_START, seedHistory } from './history/history.js'

/**
 * `npm run demo`: a throwaway database, one account per role, cases in every state and some
 * published advisories, dated relative to today, served on PORT once everything is in place.
 * Everything is deleted when the process ends. Only errors are logged unless KEIKAI_LOG=info.
 */
setDefaultLogLevel('error')
const config = loadConfig({ ...process.env, DATABASE_URL: '' })
const dir = mkdtempSync(join(tmpdir(), 'keikai-demo-'))
const handle = await openDatabase({ dataDir: dir })
await migrateToLatest(handle.db)

process.stdout.write('Seeding the demo database…\n')
const today = systemClock.now()
const seedClock = manualClock(today.toISOString())
const seedApp = createApp({ db: handle.db, clock: seedClock, config })
const { accounts } = await seedDemo(seedApp, { db: handle.db, clock: seedClock, config }, today)
// `npm run demo -- --history`: also the synthetic programme history (src/demo/history), whose
// events give DESIGN §8's figures for the quarter ending 2019-09-30.
const withHistory = process.argv.includes('--history')
if (withHistory) {
  process.stdout.write(`Writing the synthetic programme history ${HISTORY_START} – ${HISTORY_END}…\n`)
  const written = await seedHistory(handle.db)
  process.stdout.write(`  ${written.cases} synthetic cases, ${written.events} events in ${(written.ms / 1000).toFixed(1)} s\n`)
}

const deps = { db: handle.db, clock: systemClock, config }
// One round of background work before anyone can look: advisories due by today are published,
// deadlines and reminders are where a live programme would have them.
await runJobsOnce(deps, backgroundJobs)
const pageCache = await startPageCache({ db: handle.db, clock: systemClock, maxBytes: config.pageCacheBytes })
const app = createApp(deps, { pageCache: pageCache.cache })
const workers = startWorkers(deps, backgroundJobs)
const server = listen({ fetch: app.fetch, cache: pageCache.cache, port: config.port }, (port) => {
  process.stdout.write(`\nkeikai demo: http://localhost:${port}\n\nAccounts (password for all: ${accounts[0]!.password}):\n`)
  for (const a of accounts) process.stdout.write(`  ${a.role.padEnd(12)} ${a.email}${a.totpSecret ? '  (second factor)' : ''}\n`)
  const secret = accounts.find((a) => a.totpSecret)?.totpSecret
  process.stdout.write(`\nStaff accounts ask for an authenticator code. Add this key to an authenticator app,\nor print the current code with: npm run totp -- ${secret}\n`)
  if (withHistory) {
    process.stdout.write(`\nSYNTHETIC DATA (合成データ): ${HISTORY_START} – ${HISTORY_END} is a made-up history whose titles say so;\n`)
    process.stdout.write(`its figures are the real programme's for that quarter: ${config.publicUrl}/statistics/2019Q3\n`)
  }
  process.stdout.write('\nThe database is temporary and is deleted when you stop the demo (Ctrl+C).\n')
})

async function stop() {
  server.close()
  await workers.stop()
  await pageCache.stop()
  await handle.close()
  rmSync(dir, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { loadConfig } from '../platform/config.js'
import { openDatabase } from '../platform/db/database.js'
import { migrateToLatest } from '../platform/db/migrate.js'
import { manualClock, systemClock } from '../platform/clock.js'
import { createApp } from '../app.js'
import { startWorkers } from '../platform/jobs/workers.js'
import { backgroundJobs } from '../features.js'
import { seedDemo } from './demo-seed.js'

/**
 * `npm run demo`: a throwaway database, one account per role, cases in every state and some
 * published advisories, served on PORT. Everything is deleted when the process ends.
 */
const config = loadConfig({ ...process.env, DATABASE_URL: '' })
const dir = mkdtempSync(join(tmpdir(), 'keikai-demo-'))
const handle = await openDatabase({ dataDir: dir })
await migrateToLatest(handle.db)

process.stdout.write('Seeding the demo database…\n')
const seedClock = manualClock('2026-01-01T00:00:00Z')
const seedApp = createApp({ db: handle.db, clock: seedClock, config })
const { accounts } = await seedDemo(seedApp, handle.db, (iso) => seedClock.set(iso))

const deps = { db: handle.db, clock: systemClock, config }
const app = createApp(deps)
const workers = startWorkers(deps, backgroundJobs)
const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  process.stdout.write(`\nkeikai demo: http://localhost:${info.port}\n\nAccounts (password for all: ${accounts[0]!.password}):\n`)
  for (const a of accounts) process.stdout.write(`  ${a.role.padEnd(12)} ${a.email}${a.totpSecret ? '  (second factor)' : ''}\n`)
  const secret = accounts.find((a) => a.totpSecret)?.totpSecret
  process.stdout.write(`\nStaff accounts ask for an authenticator code. Add this key to an authenticator app,\nor print the current code with: npm run totp -- ${secret}\n`)
  process.stdout.write('\nThe database is temporary and is deleted when you stop the demo (Ctrl+C).\n')
})

async function stop() {
  server.close()
  await workers.stop()
  await handle.close()
  rmSync(dir, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())

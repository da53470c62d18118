import { createApp } from '../../src/app.js'
import { manualClock } from '../../src/platform/clock.js'
import { loadConfig } from '../../src/platform/config.js'
import { freshDatabase } from './database.js'

/** A whole keikai over a fresh database of its own and a clock the test moves. */
export async function setupTestApp(options: { now?: string; env?: Record<string, string> } = {}) {
  const handle = await freshDatabase()
  const clock = manualClock(options.now ?? '2026-04-01T01:00:00Z')
  const config = loadConfig({ PUBLIC_URL: 'http://keikai.test', ...options.env })
  const app = createApp({ db: handle.db, clock, config })
  return { app, db: handle.db, handle, clock, config, deps: { db: handle.db, clock, config }, close: handle.close }
}
export type TestApp = Awaited<ReturnType<typeof setupTestApp>>

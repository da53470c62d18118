import { createApp } from '../app.js'
import type { TestApp } from '../../test/support/test-app.js'
import { runDeadlineJobs } from './deadline-jobs.js'

/** Runs the deadline job in two "processes" at once: the same database, each with its own app and deps. */
export async function twoRunnersAtOnce(t: TestApp) {
  const other = { ...t.deps }
  createApp(other)
  return Promise.all([runDeadlineJobs(t.deps), runDeadlineJobs(other)])
}

/** Runs the deadline job after a restart: a new app over the same database, nothing carried over in memory. */
export async function afterRestart(t: TestApp) {
  const deps = { db: t.db, clock: t.clock, config: t.config }
  createApp(deps)
  return runDeadlineJobs(deps)
}

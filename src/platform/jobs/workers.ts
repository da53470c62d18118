import type { Deps } from '../http/context.js'
import { log } from '../log.js'
import type { WorkersStatus } from './workers-status.js'

export type { WorkersStatus } from './workers-status.js'

/** One kind of background work: does what is due now and returns how many items it handled. */
export type Job = { name: string; run: (deps: Deps) => Promise<number> }

export type Workers = { stop: () => Promise<void>; status: () => WorkersStatus }

export type WorkerOptions = { intervalMs?: number; staleAfterMs?: number }

const DEFAULT_INTERVAL_MS = 2000
/** A tick may legitimately take a while (a batch of mail over a slow SMTP server); two minutes without one is a stuck loop. */
const DEFAULT_STALE_AFTER_MS = 120_000

/**
 * Runs each job once, in order. A failing job is logged and does not keep the others from running:
 * every job's work lives in the database, so whatever failed is simply due again next time.
 * Returns the number each job handled (-1 for a job that failed).
 */
export async function runJobsOnce(deps: Deps, jobs: readonly Job[]): Promise<Record<string, number>> {
  const results: Record<string, number> = {}
  for (const job of jobs) {
    try {
      const handled = await job.run(deps)
      results[job.name] = handled
      if (handled > 0) log.info('job done', { job: job.name, handled })
    } catch (error) {
      results[job.name] = -1
      log.error('job failed', { job: job.name, error: error instanceof Error ? error.stack : String(error) })
    }
  }
  return results
}

/**
 * Starts the background loop over `jobs` (the composition root hands every feature's, see `src/features.ts`).
 * Each tick starts only after the previous one finished, so ticks never overlap; the timer is
 * unref'd so it never keeps the process alive. `stop()` waits for a running tick to finish.
 */
export function startWorkers(deps: Deps, jobs: readonly Job[], options: WorkerOptions = {}): Workers {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS
  const staleAfterMs = options.staleAfterMs ?? Math.max(DEFAULT_STALE_AFTER_MS, 60 * intervalMs)
  const startedAt = Date.now()
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let lastTickAt: Date | null = null
  let lastError: WorkersStatus['lastError']

  const record = (results: Record<string, number>) => {
    lastTickAt = new Date()
    const failed = Object.keys(results).find((job) => results[job] === -1)
    if (failed) lastError = { job: failed, at: lastTickAt }
  }
  // runJobsOnce catches job errors itself; this guard only keeps a logging failure from becoming
  // an unhandled rejection that would end the process.
  const tick = () => runJobsOnce(deps, jobs).then(record, () => undefined)
  const schedule = () => {
    if (stopped) return
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined
        schedule()
      })
    }, intervalMs)
    timer.unref()
  }
  schedule()

  return {
    stop: async () => {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
    status: () => ({
      running: !stopped,
      lastTickAt,
      ...(lastError ? { lastError } : {}),
      ticking: !stopped && Date.now() - (lastTickAt?.getTime() ?? startedAt) < staleAfterMs,
    }),
  }
}

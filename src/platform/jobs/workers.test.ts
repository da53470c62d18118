import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../../test/support/test-app.js'
import { runJobsOnce, startWorkers, type Job } from './workers.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp() })
afterAll(async () => { await t.close() })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
/** Polls instead of sleeping a fixed time, so a busy machine slows the test down rather than failing it. */
async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time')
    await sleep(5)
  }
}

describe('background workers', () => {
  it('runs every job once and reports what each handled', async () => {
    const order: string[] = []
    const jobs: Job[] = [
      { name: 'first', run: async () => { order.push('first'); return 2 } },
      { name: 'second', run: async () => { order.push('second'); return 0 } },
    ]

    expect(await runJobsOnce(t.deps, jobs)).toEqual({ first: 2, second: 0 })
    expect(order).toEqual(['first', 'second'])
  })

  it('keeps running the other jobs when one fails', async () => {
    const jobs: Job[] = [
      { name: 'broken', run: async () => { throw new Error('boom') } },
      { name: 'healthy', run: async () => 1 },
    ]

    expect(await runJobsOnce(t.deps, jobs)).toEqual({ broken: -1, healthy: 1 })
  })

  it('gives each job the database, the clock and the configuration', async () => {
    let seen: unknown
    await runJobsOnce(t.deps, [{ name: 'peek', run: async (deps) => { seen = deps; return 0 } }])
    expect(seen).toBe(t.deps)
  })

  it('ticks repeatedly, never overlapping itself, and survives a failing tick', async () => {
    let active = 0
    let maxActive = 0
    let ticks = 0
    const jobs: Job[] = [
      {
        name: 'slow',
        run: async () => {
          active++
          maxActive = Math.max(maxActive, active)
          ticks++
          await sleep(30)
          active--
          if (ticks === 1) throw new Error('first tick fails')
          return 1
        },
      },
    ]

    const workers = startWorkers(t.deps, jobs, { intervalMs: 5 })
    await waitFor(() => ticks >= 3)
    await workers.stop()

    expect(ticks).toBeGreaterThanOrEqual(3)
    expect(maxActive).toBe(1)
  })

  it('waits for a running tick to finish when stopped, and starts no more', async () => {
    let finished = 0
    let started = 0
    const jobs: Job[] = [{ name: 'slow', run: async () => { started++; await sleep(100); finished++; return 0 } }]

    const workers = startWorkers(t.deps, jobs, { intervalMs: 5 })
    await waitFor(() => started === 1)
    await workers.stop()

    expect(finished).toBe(1)
    await sleep(50)
    expect(started).toBe(1)
  })
})

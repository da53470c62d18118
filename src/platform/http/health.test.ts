import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../app.js'
import { setupTestApp, type TestApp } from '../../../test/support/test-app.js'
import { backend } from '../../../test/support/database.js'
import { openDatabase, type DatabaseHandle } from '../db/database.js'
import { startWorkers, type Workers } from '../jobs/workers.js'

let t: TestApp
const running: Workers[] = []
const closing: DatabaseHandle[] = []
beforeAll(async () => { t = await setupTestApp() })
afterAll(async () => {
  for (const w of running) await w.stop()
  for (const h of closing) await h.close()
  await t.close()
})

/** Polls instead of sleeping a fixed time, so a busy machine slows the test down rather than failing it. */
async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** The app as a server process builds it: with a job loop and a shutdown flag. */
function serverApp(jobs: Parameters<typeof startWorkers>[1], options: Parameters<typeof startWorkers>[2] = {}) {
  const workers = startWorkers(t.deps, jobs, { intervalMs: 5, ...options })
  running.push(workers)
  const state = { shuttingDown: false }
  const app = createApp({ ...t.deps, runtime: { backend, workers, shuttingDown: () => state.shuttingDown } })
  return { app, workers, state }
}

describe('/readyz', () => {
  it('is ready when the database answers and the job loop ticks, and says so in detail', async () => {
    let ticks = 0
    const { app } = serverApp([{ name: 'count', run: async () => { ticks++; return 0 } }])
    await waitFor(() => ticks > 0)
    const res = await app.request('/readyz')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = await res.json()
    expect(body).toMatchObject({ status: 'ok', database: { ok: true, backend }, jobs: { running: true } })
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0)
    expect(new Date(body.jobs.lastTickAt).getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect(body.jobs).not.toHaveProperty('lastError')
  })

  it('names a failing job without its error message and stays ready', async () => {
    let ticks = 0
    const { app } = serverApp([{ name: 'mail', run: async () => { ticks++; throw new Error('smtp.internal.example refused: secret@example.com') } }])
    await waitFor(() => ticks > 1)
    const res = await app.request('/readyz')
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(JSON.parse(text).jobs.lastError).toEqual({ job: 'mail', at: expect.any(String) })
    expect(text).not.toContain('smtp.internal')
  })

  it('is not ready while the server shuts down', async () => {
    let ticks = 0
    const { app, state } = serverApp([{ name: 'count', run: async () => { ticks++; return 0 } }])
    await waitFor(() => ticks > 0)
    state.shuttingDown = true
    const res = await app.request('/readyz')
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ status: 'shutting_down', database: { ok: true } })
  })

  it('is not ready when the job loop has stopped or has not ticked for too long', async () => {
    const stopped = serverApp([])
    await stopped.workers.stop()
    const a = await stopped.app.request('/readyz')
    expect(a.status).toBe(503)
    expect(await a.json()).toMatchObject({ status: 'unavailable', database: { ok: true }, jobs: { running: false } })

    // A tick that never ends: after staleAfterMs without a finished tick the loop counts as stuck.
    let release = () => {}
    const stuck = serverApp([{ name: 'hangs', run: () => new Promise<number>((resolve) => { release = () => resolve(0) }) }], { staleAfterMs: 50 })
    await new Promise((r) => setTimeout(r, 100))
    const b = await stuck.app.request('/readyz')
    expect(b.status).toBe(503)
    expect(await b.json()).toMatchObject({ status: 'unavailable', jobs: { running: true, lastTickAt: null } })
    const stopping = stuck.workers.stop()
    release()
    await stopping
  })

  it('is not ready without a job loop (an app built without one, as in these tests)', async () => {
    const res = await t.app.request('/readyz')
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ database: { ok: true }, jobs: { running: false, lastTickAt: null } })
  })

  it('is not ready when the database does not answer, while /healthz still answers', async () => {
    // A PostgreSQL server that is not there: nothing listens on port 1.
    const gone = await openDatabase({ databaseUrl: 'postgres://keikai@127.0.0.1:1/keikai' })
    closing.push(gone)
    const workers = startWorkers({ ...t.deps, db: gone.db }, [], { intervalMs: 5 })
    running.push(workers)
    const app = createApp({ ...t.deps, db: gone.db, runtime: { backend: 'postgres', workers } })
    const ready = await app.request('/readyz')
    expect(ready.status).toBe(503)
    const text = await ready.text()
    expect(JSON.parse(text)).toMatchObject({ status: 'unavailable', database: { ok: false, backend: 'postgres' }, jobs: { running: true } })
    expect(text).not.toContain('ECONNREFUSED')
    const live = await app.request('/healthz')
    expect(live.status).toBe(200)
  })
})

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { backend } from '../support/database.js'
import { buildFuzzWorld, type FuzzActor, type FuzzWorld } from '../support/fuzz-world.js'
import { fuzzRequest, send, servedRoutes, type FuzzRequest, type Route } from '../support/fuzz-requests.js'

/**
 * Property: whatever a client sends — junk bodies (JSON, forms, multipart), headers, query strings
 * and path parameters — to any route the app serves, as anyone or as a signed-in staff member,
 * the answer is never a 5xx and never slower than FUZZ_MAX_MS (2 s).
 *
 * FUZZ_RUNS sets the number of requests per actor (CI default small; `npm run fuzz` sends many),
 * FUZZ_SEED replays a run: the seed is printed at the start and in any failure report.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 600)
const MAX_MS = Number(process.env.FUZZ_MAX_MS ?? 2_000)
/** Per property: room for slow requests on a busy machine, growing with the number of requests. */
const TIMEOUT = 60_000 + RUNS * 150
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31)

/** A readiness probe says 503 while the background jobs are not running, as they are not here: that is its answer, not a failure. */
const READINESS = /^\/readyz(\?|$)/

let t: TestApp
let world: FuzzWorld
let routes: Route[]

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  world = await buildFuzzWorld(t)
  routes = servedRoutes(t.app)
  console.log(`fuzz on ${backend}: seed ${SEED}, ${RUNS} requests per actor over ${routes.length} routes (FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} to replay)`)
})
afterAll(async () => { await t?.close() })

/** The request as a person would read it in a failure report. */
const describeRequest = (r: FuzzRequest) => `${r.method} ${r.path} as ${r.actor}\n  headers: ${JSON.stringify(r.headers)}\n  body: ${r.body === undefined ? '(none)' : JSON.stringify(r.body.slice(0, 2_000))}`

async function fuzz(actors: FuzzActor[], seedOffset: number) {
  // Signing out would end the session the other requests ride on; its own tests cover it.
  const targets = actors.includes('staffSession') ? routes.filter((r) => !/logout|session$/.test(r.path)) : routes
  const statuses = new Map<number, number>()
  await fc.assert(
    fc.asyncProperty(fuzzRequest(targets, world, actors), async (r) => {
      const res = await send(t.app, world, r)
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
      if (res.status >= 500 && !(res.status === 503 && READINESS.test(r.path))) throw new Error(`${res.status} for ${describeRequest(r)}\n  answer: ${res.text.slice(0, 500)}`)
      if (res.ms > MAX_MS) throw new Error(`${Math.round(res.ms)} ms (over ${MAX_MS}) for ${describeRequest(r)}`)
    }),
    { numRuns: RUNS, seed: SEED + seedOffset, endOnFailure: false, verbose: 1 },
  )
  console.log(`fuzz as ${actors.join('/')}: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`)
  // The run reached the routes, not only refusals at the door.
  expect([...statuses.keys()].some((s) => s >= 200 && s < 400)).toBe(true)
}

describe('no request makes the app fail or hang', () => {
  it('enumerates the routes the app serves, every method and pattern', () => {
    expect(routes.length).toBeGreaterThan(200)
    expect(routes).toContainEqual({ method: 'POST', path: '/api/v1/reports' })
    expect(routes).toContainEqual({ method: 'GET', path: '/cases/:caseId' })
  })

  it('no junk request from anyone is answered with a 5xx or slower than 2 s', async () => {
    await fuzz(['anonymous'], 0)
  }, TIMEOUT)

  it('no junk request from a signed-in staff member (bearer token) is answered with a 5xx or slower than 2 s', async () => {
    await fuzz(['staffToken'], 1)
  }, TIMEOUT)

  it('no junk request from a signed-in staff member (session, CSRF token, second factor done) is answered with a 5xx or slower than 2 s', async () => {
    await fuzz(['staffSession'], 2)
  }, TIMEOUT)
})

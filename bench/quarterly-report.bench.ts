/**
 * Quarterly report benchmark (DESIGN §8, issue 11's targets): BENCH_CASES reports, 30 % product
 * and 70 % website like the real programme, with their event histories over 20 years (histories.ts),
 * then the full report of 2024Q4 — every figure, cumulative and quarterly, and the 12 cumulative
 * totals — timed (median of BENCH_RUNS) against a bare SQL yardstick in the same run: one
 * group-by over the whole event log (the least any replay must do), and, for a frozen quarter, the
 * page and JSON over HTTP with wrk against nginx serving the same bytes.
 *
 *   npx tsx bench/quarterly-report.bench.ts                                     # PGlite, 100,000 reports
 *   BENCH_CASES=1500000 DATABASE_URL=postgres://… npx tsx bench/quarterly-report.bench.ts   # a second run reuses the data
 *
 * Lines: the report with no snapshot (a replay of the whole log: what a quarter before the
 * snapshot costs, e.g. an administrator's recomputation of an old quarter), the job catching up
 * a history from its first quarter (freezing every quarter), the report with the snapshot one
 * quarter behind (a finished quarter the job has not reached yet), with the snapshot at the
 * quarter's end (what the job does before freezing), and frozen.
 */
import { serve } from '@hono/node-server'
import { startOfJapanDay } from '../src/platform/calendar/business-days.js'
import { sql } from 'kysely'
import { closeBench, db, loadOnce, N, timed } from './event-history.js'
import { loadProductBatch, loadWebsiteBatch } from './histories.js'
import { nginxServing, wrk } from './http-yardstick.js'
import { dropSnapshot } from '../src/statistics/case-states.repository.js'
import { advanceSnapshot } from '../src/statistics/snapshot.js'
import { quarterlyReport } from '../src/statistics/quarterly-report.js'
import { finishedQuarterReport, freezeFinishedQuarter } from '../src/statistics/frozen-reports.js'
import { createApp } from '../src/app.js'
import { manualClock } from '../src/platform/clock.js'
import { loadConfig } from '../src/platform/config.js'

const PRODUCT = Math.round(N * 0.3)
const WEBSITE = N - PRODUCT
const QUARTER = { year: 2024, q: 4 } as const
const NOW = new Date('2025-04-10T01:00:00Z')

await loadOnce('qp-', 'product reports', loadProductBatch('qp-', PRODUCT), PRODUCT)
await loadOnce('qw-', 'website cases', loadWebsiteBatch('qw-', WEBSITE), WEBSITE)
const reports = (await sql<{ n: number }>`select count(*)::int as n from cases where id like 'q%'`.execute(db)).rows[0]!.n

const lines: string[] = []
const line = (label: string, time: string) => { lines.push(`${label.padEnd(52)} ${time}`); console.log(lines.at(-1)) }

const yard = await timed(() => sql`select count(*) from (select case_id, count(*) from case_events group by case_id) g`.execute(db))
line('yardstick: one group-by over the event log (bare SQL)', yard.time)

await dropSnapshot(db)
const replay = await timed(() => quarterlyReport(db, QUARTER, NOW))
line('report, no snapshot (replay of the whole log)', replay.time)

// What the job does on a database with years of history and no snapshot: a quarter at a time,
// each frozen as it goes, at least one a tick and as many as fit in a second.
await db.deleteFrom('statistics_frozen_reports').execute()
const deps = { db, clock: manualClock(NOW), config: loadConfig({ PUBLIC_URL: 'http://127.0.0.1' }) }
const ticks: number[] = []
let frozenCount = 0
for (;;) {
  const s = performance.now()
  const n = await freezeFinishedQuarter(deps)
  if (n === 0) break
  ticks.push(performance.now() - s)
  frozenCount += n
}
line(`job: catch up from 2004Q3, freezing ${frozenCount} quarters`, `${ticks.length} ticks, ${(ticks.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s in all, longest tick ${(Math.max(...ticks) / 1000).toFixed(2)} s`)

const toQ3 = await timed(async () => { await dropSnapshot(db); return advanceSnapshot(db, startOfJapanDay('2024-10-01'), NOW) })
line('fold the whole log at once into a snapshot at 2024-09-30', toQ3.time)
const behind = await timed(() => quarterlyReport(db, QUARTER, NOW))
line('report, snapshot one quarter behind', behind.time)

const step = await timed(async () => {
  await sql`delete from statistics_snapshot`.execute(db)
  await sql`insert into statistics_snapshot (id, cutoff, last_event_id, built_at) select 1, ${startOfJapanDay('2024-10-01')}, max(id), now() from case_events`.execute(db)
  return advanceSnapshot(db, startOfJapanDay('2025-01-01'), NOW)
})
line('job: move the snapshot one quarter on', step.time)
const atEnd = await timed(() => quarterlyReport(db, QUARTER, NOW))
line('report, snapshot at the quarter end', atEnd.time)

for (const r of [behind.result, atEnd.result]) {
  if (JSON.stringify(r) !== JSON.stringify(replay.result)) throw new Error('a report through the snapshot differs from the replay')
}

await db.deleteFrom('statistics_frozen_reports').execute()
await finishedQuarterReport(db, QUARTER, NOW)
const frozen = await timed(() => finishedQuarterReport(db, QUARTER, NOW))
line('report, frozen (in process)', frozen.time)

// The frozen report over HTTP, page and JSON, against nginx serving the same bytes.
const app = createApp({ db, clock: manualClock(NOW), config: loadConfig({ PUBLIC_URL: 'http://127.0.0.1' }) })
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
await new Promise((r) => server.once('listening', r))
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
const paths = { page: '/statistics/2024Q4', json: '/api/v1/statistics/2024Q4' }
const bodies = { page: await (await fetch(base + paths.page)).text(), json: await (await fetch(base + paths.json)).text() }
const nginxPort = 20000 + Math.floor(Math.random() * 20000)
const nginx = await nginxServing(nginxPort, [
  { path: '/page.html', body: bodies.page, type: 'text/html; charset=utf-8' },
  { path: '/report.json', body: bodies.json, type: 'application/json' },
])
const http: string[] = []
for (const [what, path, still] of [['page', paths.page, '/page.html'], ['JSON', paths.json, '/report.json']] as const) {
  // one connection: the response time a person waits for, not a queue
  const ours = await wrk(base + path, { connections: 1 })
  const theirs = await wrk(`http://127.0.0.1:${nginxPort}${still}`, { connections: 1 })
  http.push(`frozen ${what} over HTTP (wrk, 1 connection, 5 s): keikai ${ours.latencyMs.toFixed(1)} ms mean / ${ours.p99Ms.toFixed(1)} ms p99, `
    + `${ours.rps.toFixed(0)} req/s; nginx same ${(what === 'page' ? bodies.page : bodies.json).length.toLocaleString()} bytes ${theirs.latencyMs.toFixed(2)} ms, `
    + `${theirs.rps.toFixed(0)} req/s — ${(ours.latencyMs / theirs.latencyMs).toFixed(0)}× nginx's latency${ours.errors + theirs.errors ? ` (errors: ${ours.errors}/${theirs.errors})` : ''}`)
  console.log(http.at(-1))
}
nginx.stop()
server.close()

const r = replay.result
console.log(`\n${reports.toLocaleString()} reports (${r.product.total.toLocaleString()} product, ${r.website.total.toLocaleString()} website counted at 2024-12-31); `
  + `ratios to the yardstick: replay ${(replay.medianMs / yard.medianMs).toFixed(1)}×, snapshot behind ${(behind.medianMs / yard.medianMs).toFixed(2)}×, `
  + `at the end ${(atEnd.medianMs / yard.medianMs).toFixed(2)}×`)
await closeBench()
process.exit(0)

/**
 * Website figures benchmark (DESIGN §8, issue 4): writes N website cases' event histories straight
 * into case_events with SQL (about 4.7 events a case, spread over 20 years like the real programme:
 * most fixed, some closed by alert, not vulnerable, stalled, rejected, the rest still open and
 * reminded), then times `websiteFigures` for a date in the middle and one after everything. Not a
 * test: it prints numbers.
 *
 *   npx tsx bench/website-figures.bench.ts                        # PGlite, 100,000 cases
 *   BENCH_CASES=1000000 npx tsx bench/website-figures.bench.ts
 *   BENCH_CASES=1500000 DATABASE_URL=postgres://… npx tsx bench/website-figures.bench.ts   # a second run reuses the data
 */
import { closeBench, db, loadOnce, timed } from './event-history.js'
import { loadWebsiteBatch } from './histories.js'
import { websiteFigures } from '../src/statistics/website-figures.js'

await loadOnce('bench-', 'website cases', loadWebsiteBatch('bench-'))

for (const asOf of ['2014-06-30', '2024-12-31']) {
  const { result: f, time } = await timed(() => websiteFigures(db, { asOf }))
  console.log(`asOf ${asOf}: ${time} — `
    + `${f.reportsReceived.toLocaleString()} reports, fixed ${f.statuses.fixed.percent}%, within 30 days ${f.daysToFix.overall.within30.percent}%, `
    + `within 90 days ${f.daysToFix.overall.within90.percent}%, long-running ${f.longRunning.total.toLocaleString()}`)
}

await closeBench()

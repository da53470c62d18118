/**
 * Product figures benchmark (DESIGN §8, issue 11): writes N product reports' event histories
 * straight into case_events with SQL (about 6 events a report over 20 years: most published, some
 * not vulnerable, not accepted, individually handled, a few uncontactable — listed, resumed or
 * published by committee — the rest still in coordination), then times `productFigures` for a date
 * in the middle and one after everything. Not a test: it prints numbers.
 *
 *   npx tsx bench/product-figures.bench.ts                        # PGlite, 100,000 reports
 *   BENCH_CASES=1500000 DATABASE_URL=postgres://… npx tsx bench/product-figures.bench.ts   # a second run reuses the data
 */
import { closeBench, db, loadOnce, timed } from './event-history.js'
import { loadProductBatch } from './histories.js'
import { productFigures } from '../src/statistics/product-figures.js'

await loadOnce('pbench-', 'product reports', loadProductBatch('pbench-'))

for (const [asOf, receivedFrom] of [['2014-06-30', undefined], ['2024-12-31', undefined], ['2024-12-31', '2024-10-01']] as const) {
  const { result: f, time } = await timed(() => productFigures(db, { asOf, receivedFrom }))
  console.log(`asOf ${asOf}${receivedFrom ? ` from ${receivedFrom}` : ''}: ${time} — `
    + `${f.reportsReceived.toLocaleString()} reports, published ${f.statuses.published.percent}% (${f.statuses.published.byCommittee} by committee), `
    + `within 45 days ${f.daysToPublication.within45.percent}%, listed ${f.uncontactable.listed}, still ${f.uncontactable.stillUncontactable}`)
}

await closeBench()

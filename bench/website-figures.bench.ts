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
import { sql } from 'kysely'
import { batch, closeBench, db, filedAt as filed, loadOnce, timed } from './event-history.js'
import { websiteFigures } from '../src/statistics/website-figures.js'

const TYPES = ['xss', 'xss', 'xss', 'xss', 'xss', 'xss', 'dns_misconfiguration', 'sql_injection', 'file_exposure', 'other']
const IMPACTS = ['fake_content', 'fake_content', 'fake_content', 'fake_content', 'fake_content', 'domain_info_injection', 'data_tampering', 'personal_info_leak', 'server_file_leak', 'other']

/**
 * One batch of cases [lo, hi): every case's events in order of their stages, so ids follow time
 * within each case as they do in the application. `k` = i * 7919 mod 1000 picks the story:
 * < 24 rejected, < 744 fixed (of those 1 in 7 page deleted, 1 in 230 worked around), < 850 closed
 * by alert, < 910 not vulnerable, < 930 stalled, else still with the operator.
 */
async function loadBatch(lo: number, hi: number) {
  const k = sql`((i * 7919) % 1000)`
  const notified = sql`(${filed} + interval '3 days')`
  // days to the ending skew short, as in the real programme (about half fixed within a month)
  const ended = sql`(${notified} + (((i * 37) % 400) * ((i * 37) % 400) / 400) * interval '1 day')`
  const { cases, event: ev } = batch('bench-', 'website', lo, hi)
  const types = sql`(array[${sql.join(TYPES)}])[1 + i % ${TYPES.length}]`
  const impacts = sql`(array[${sql.join(IMPACTS)}])[1 + i % ${IMPACTS.length}]`
  await cases()
  const classification = sql`jsonb_build_object('kind', 'website', 'vulnerabilityType', ${types}, 'impact', ${impacts})`
  await ev('report_submitted', null, 'received', filed, classification, sql`true`)
  await ev('reject', 'received', 'not_accepted', sql`${filed} + interval '2 days'`, sql`'{"reason":"out_of_scope"}'::jsonb`, sql`${k} < 24`)
  await ev('accept', 'received', 'accepted', sql`${filed} + interval '2 days'`, classification, sql`${k} >= 24`)
  await ev('notify_operator', 'accepted', 'operator_notified', notified,
    sql`jsonb_build_object('notifiedOn', to_char(${notified} at time zone 'Asia/Tokyo', 'YYYY-MM-DD'))`, sql`${k} >= 24`)
  await ev('remind_operator', 'operator_notified', 'operator_notified', sql`${notified} + interval '60 days'`, sql`'{"reminded":1}'::jsonb`, sql`${k} >= 930 or (${k} >= 24 and (i * 37) % 400 > 60)`)
  const fixType = sql`case when i % 230 = 0 then 'workaround' when i % 7 = 0 then 'page_deleted' else 'code_fixed' end`
  await ev('report_fix', 'operator_notified', 'fixed', ended,
    sql`jsonb_build_object('fixType', ${fixType}, 'fixedOn', to_char(${ended} at time zone 'Asia/Tokyo', 'YYYY-MM-DD'))`, sql`${k} >= 24 and ${k} < 744`)
  await ev('close_by_alert', 'operator_notified', 'closed_by_alert', ended, sql`'{"alertId":"bench"}'::jsonb`, sql`${k} >= 744 and ${k} < 850`)
  await ev('close_not_vulnerable', 'operator_notified', 'not_vulnerable', ended, sql`'{}'::jsonb`, sql`${k} >= 850 and ${k} < 910`)
  await ev('close_stalled', 'operator_notified', 'stalled', ended, sql`'{"reason":"operator_unreachable"}'::jsonb`, sql`${k} >= 910 and ${k} < 930`)
}

await loadOnce('bench-', 'website cases', loadBatch)

for (const asOf of ['2014-06-30', '2024-12-31']) {
  const { result: f, time } = await timed(() => websiteFigures(db, { asOf }))
  console.log(`asOf ${asOf}: ${time} — `
    + `${f.reportsReceived.toLocaleString()} reports, fixed ${f.statuses.fixed.percent}%, within 30 days ${f.daysToFix.overall.within30.percent}%, `
    + `within 90 days ${f.daysToFix.overall.within90.percent}%, long-running ${f.longRunning.total.toLocaleString()}`)
}

await closeBench()

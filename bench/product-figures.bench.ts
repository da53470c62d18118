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
import { sql } from 'kysely'
import { batch, closeBench, db, filedAt as filed, loadOnce, timed } from './event-history.js'
import { productFigures } from '../src/statistics/product-figures.js'

const TYPES = ['web_application', 'web_application', 'web_application', 'router', 'consumer_device', 'smartphone_app', 'web_browser', 'groupware', 'peripheral', 'other']
const CAUSES = ['web_application', 'web_application', 'web_application', 'buffer_check', 'access_control', 'specification', 'path_content_check', 'other_implementation']

/**
 * One batch of reports [lo, hi), events in the order of their stages. `k` = i * 7919 mod 1000
 * picks the story: < 110 not accepted (1 in 10 of those a joined duplicate), < 570 published
 * (1 in 100 by committee after being listed), < 595 not vulnerable, < 605 individually, < 610
 * low impact, < 660 listed uncontactable (1 in 5 resumed), else still in coordination.
 */
async function loadBatch(lo: number, hi: number) {
  const k = sql`((i * 7919) % 1000)`
  const accepted = sql`(${filed} + interval '2 days')`
  const notified = sql`(${filed} + interval '10 days')`
  const ended = sql`(${notified} + (((i * 37) % 400) * ((i * 37) % 400) / 300) * interval '1 day')`
  const { cases, event: ev } = batch('pbench-', 'product', lo, hi)
  const types = sql`(array[${sql.join(TYPES)}])[1 + i % ${TYPES.length}]`
  const causes = sql`(array[${sql.join(CAUSES)}])[1 + i % ${CAUSES.length}]`
  await cases()
  await ev('report_submitted', null, 'received', filed, sql`jsonb_build_object('kind', 'product', 'productType', ${types})`, sql`true`)
  await ev('reject', 'received', 'not_accepted', accepted,
    sql`jsonb_build_object('reason', 'out_of_scope', 'duplicateOf', case when i % 10 = 0 then 'pbench-0' end)`, sql`${k} < 110`)
  await ev('accept', 'received', 'accepted', accepted, sql`'{"note":null}'::jsonb`, sql`${k} >= 110`)
  await ev('case_classified', null, null, sql`${accepted} + interval '1 hour'`, sql`jsonb_build_object('productType', ${types}, 'cause', ${causes})`, sql`${k} >= 110`)
  const listed = sql`(${k} >= 610 and ${k} < 660) or (${k} >= 110 and ${k} < 570 and i % 100 = 0)`
  await ev('declare_uncontactable', 'contacting_developer', 'uncontactable', notified, sql`'{}'::jsonb`, listed)
  await ev('resume_coordination', 'uncontactable', 'developer_notified', sql`${notified} + interval '30 days'`, sql`'{}'::jsonb`, sql`${k} >= 610 and ${k} < 660 and i % 5 = 0`)
  await ev('notify_developer', 'accepted', 'developer_notified', notified, sql`'{}'::jsonb`, sql`${k} >= 110 and not (${listed})`)
  const committee = sql`${k} >= 110 and ${k} < 570 and i % 100 = 0`
  await ev('schedule_publication', 'fix_in_progress', 'publication_scheduled', sql`${ended} - interval '1 day'`,
    sql`jsonb_build_object('publishAt', ${ended}, 'decidedByCommittee', case when ${committee} then true end)`, sql`${k} >= 110 and ${k} < 570`)
  await ev('publish', 'publication_scheduled', 'published', ended, sql`jsonb_build_object('publishAt', ${ended})`, sql`${k} >= 110 and ${k} < 570`)
  await ev('confirm_not_vulnerable', 'investigating', 'not_vulnerable', ended, sql`'{}'::jsonb`, sql`${k} >= 570 and ${k} < 595`)
  await ev('handle_individually', 'developer_notified', 'handled_individually', ended, sql`'{}'::jsonb`, sql`${k} >= 595 and ${k} < 605`)
  await ev('close_low_impact', 'developer_notified', 'closed_low_impact', ended, sql`'{}'::jsonb`, sql`${k} >= 605 and ${k} < 610`)
}

await loadOnce('pbench-', 'product reports', loadBatch)

for (const [asOf, receivedFrom] of [['2014-06-30', undefined], ['2024-12-31', undefined], ['2024-12-31', '2024-10-01']] as const) {
  const { result: f, time } = await timed(() => productFigures(db, { asOf, receivedFrom }))
  console.log(`asOf ${asOf}${receivedFrom ? ` from ${receivedFrom}` : ''}: ${time} — `
    + `${f.reportsReceived.toLocaleString()} reports, published ${f.statuses.published.percent}% (${f.statuses.published.byCommittee} by committee), `
    + `within 45 days ${f.daysToPublication.within45.percent}%, listed ${f.uncontactable.listed}, still ${f.uncontactable.stillUncontactable}`)
}

await closeBench()

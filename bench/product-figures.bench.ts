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
process.env.KEIKAI_LOG ??= 'off'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openDatabase } from '../src/platform/db/database.js'
import { migrateToLatest } from '../src/platform/db/migrate.js'
import { productFigures } from '../src/statistics/product-figures.js'

const N = Number(process.env.BENCH_CASES ?? 100_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const BATCH = 100_000
const TYPES = ['web_application', 'web_application', 'web_application', 'router', 'consumer_device', 'smartphone_app', 'web_browser', 'groupware', 'peripheral', 'other']
const CAUSES = ['web_application', 'web_application', 'web_application', 'buffer_check', 'access_control', 'specification', 'path_content_check', 'other_implementation']

const dir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'keikai-bench-'))
const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: dir ?? undefined })
await migrateToLatest(handle.db)
const { db } = handle

/**
 * One batch of reports [lo, hi), events in the order of their stages. `k` = i * 7919 mod 1000
 * picks the story: < 110 not accepted (1 in 10 of those a joined duplicate), < 570 published
 * (1 in 100 by committee after being listed), < 595 not vulnerable, < 605 individually, < 610
 * low impact, < 660 listed uncontactable (1 in 5 resumed), else still in coordination.
 */
async function loadBatch(lo: number, hi: number) {
  const days = 20 * 365
  const k = sql`((i * 7919) % 1000)`
  const filed = sql`(timestamptz '2004-07-08 10:00+09' + ((i::float8 / ${N}) * ${days}) * interval '1 day')`
  const accepted = sql`(${filed} + interval '2 days')`
  const notified = sql`(${filed} + interval '10 days')`
  const ended = sql`(${notified} + (((i * 37) % 400) * ((i * 37) % 400) / 300) * interval '1 day')`
  const ev = (type: string, from: string | null, to: string | null, at: typeof filed, data: ReturnType<typeof sql>, where: ReturnType<typeof sql>) => sql`
    insert into case_events (case_id, type, from_status, to_status, actor_label, occurred_at, data)
    select 'pbench-' || i, ${type}, ${from}, ${to}, 'bench', ${at}, ${data}
    from generate_series(${lo}::bigint, ${hi - 1}::bigint) i where ${where}`.execute(db)
  const types = sql`(array[${sql.join(TYPES)}])[1 + i % ${TYPES.length}]`
  const causes = sql`(array[${sql.join(CAUSES)}])[1 + i % ${CAUSES.length}]`
  await sql`insert into cases (id, kind, status, title, created_at, updated_at)
    select 'pbench-' || i, 'product', 'received', 'bench ' || i, ${filed}, ${filed} from generate_series(${lo}::bigint, ${hi - 1}::bigint) i`.execute(db)
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

const t0 = performance.now()
const loaded = (await sql<{ n: number }>`select count(*)::int as n from cases where id like 'pbench-%'`.execute(db)).rows[0]!.n
if (loaded !== N) {
  for (let lo = 0; lo < N; lo += BATCH) await loadBatch(lo, Math.min(N, lo + BATCH))
  await sql`analyze`.execute(db)
}
const events = (await sql<{ n: number }>`select count(*)::int as n from case_events`.execute(db)).rows[0]!.n
console.log(`${handle.backend}: ${N.toLocaleString()} product reports, ${events.toLocaleString()} events ${loaded === N ? 'reused' : 'loaded'} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

for (const [asOf, receivedFrom] of [['2014-06-30', undefined], ['2024-12-31', undefined], ['2024-12-31', '2024-10-01']] as const) {
  const times: number[] = []
  let figures
  for (let r = 0; r < RUNS; r++) {
    const s = performance.now()
    figures = await productFigures(db, { asOf, receivedFrom })
    times.push(performance.now() - s)
  }
  times.sort((a, b) => a - b)
  const f = figures!
  console.log(`asOf ${asOf}${receivedFrom ? ` from ${receivedFrom}` : ''}: median ${(times[Math.floor(times.length / 2)]! / 1000).toFixed(2)} s (min ${(times[0]! / 1000).toFixed(2)} s) — `
    + `${f.reportsReceived.toLocaleString()} reports, published ${f.statuses.published.percent}% (${f.statuses.published.byCommittee} by committee), `
    + `within 45 days ${f.daysToPublication.within45.percent}%, listed ${f.uncontactable.listed}, still ${f.uncontactable.stillUncontactable}`)
}

await handle.close()
if (dir) rmSync(dir, { recursive: true, force: true })

/**
 * What the statistics benchmarks share: a database (PGlite in a temporary directory, or
 * DATABASE_URL), case histories written in batches straight into `cases` and `case_events` with
 * SQL over `generate_series` (row `i` of a batch is case `<prefix><i>`), a load skipped when an
 * earlier run left the same N cases, and timing of a figure function by median of runs.
 */
process.env.KEIKAI_LOG ??= 'off'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type RawBuilder } from 'kysely'
import { openDatabase } from '../src/platform/db/database.js'
import { migrateToLatest } from '../src/platform/db/migrate.js'

export const N = Number(process.env.BENCH_CASES ?? 100_000)
export const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const BATCH = 100_000

const dir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'keikai-bench-'))
const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: dir ?? undefined })
await migrateToLatest(handle.db)
export const { db } = handle

type Sql = RawBuilder<unknown>

/** Case `i`'s reporting time: `count` cases spread evenly over 20 years from the programme's start. */
export const filedAtOf = (count: number) => sql`(timestamptz '2004-07-08 10:00+09' + ((i::float8 / ${count}) * ${20 * 365}) * interval '1 day')`

/**
 * A batch [lo, hi) of `count` cases: its cases (all in `status` received), one event per matching
 * row at a time, and `filed` (case `i`'s reporting time).
 */
export function batch(prefix: string, kind: 'product' | 'website', lo: number, hi: number, count = N) {
  const rows = sql`generate_series(${lo}::bigint, ${hi - 1}::bigint) i`
  const filedAt = filedAtOf(count)
  return {
    filed: filedAt,
    cases: () => sql`insert into cases (id, kind, status, title, created_at, updated_at)
      select ${prefix} || i, ${kind}, 'received', 'bench ' || i, ${filedAt}, ${filedAt} from ${rows}`.execute(db),
    event: (type: string, from: string | null, to: string | null, at: Sql, data: Sql, where: Sql) => sql`
      insert into case_events (case_id, type, from_status, to_status, actor_label, occurred_at, data)
      select ${prefix} || i, ${type}, ${from}, ${to}, 'bench', ${at}, ${data}
      from ${rows} where ${where}`.execute(db),
  }
}

/** Loads `count` cases in batches unless an earlier run (PostgreSQL) left exactly that many: then only the timing is redone. */
export async function loadOnce(prefix: string, what: string, loadBatch: (lo: number, hi: number) => Promise<void>, count = N) {
  const t0 = performance.now()
  const loaded = (await sql<{ n: number }>`select count(*)::int as n from cases where id like ${`${prefix}%`}`.execute(db)).rows[0]!.n
  if (loaded !== count) {
    for (let lo = 0; lo < count; lo += BATCH) await loadBatch(lo, Math.min(count, lo + BATCH))
    await sql`analyze`.execute(db)
  }
  const events = (await sql<{ n: number }>`select count(*)::int as n from case_events`.execute(db)).rows[0]!.n
  console.log(`${handle.backend}: ${count.toLocaleString()} ${what}, ${events.toLocaleString()} events ${loaded === count ? 'reused' : 'loaded'} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}

/** Runs `f` RUNS times; its last result, the median in ms, and the median and fastest time as "1.23 s (min 1.20 s)". */
export async function timed<T>(f: () => Promise<T>): Promise<{ result: T; time: string; medianMs: number }> {
  const times: number[] = []
  let result: T | undefined
  for (let r = 0; r < RUNS; r++) {
    const s = performance.now()
    result = await f()
    times.push(performance.now() - s)
  }
  times.sort((a, b) => a - b)
  const medianMs = times[Math.floor(times.length / 2)]!
  const show = (ms: number) => (ms < 100 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`)
  return { result: result!, medianMs, time: `median ${show(medianMs)} (min ${show(times[0]!)})` }
}

export async function closeBench() {
  await handle.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
}

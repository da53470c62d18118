/**
 * Formats benchmark (issue 12): loads N public advisories (keikai's own, each with its case and
 * JVNDB number, one in twenty revised) by bulk SQL, then times in process the work behind the
 * machine-readable formats — MyJVN getVulnOverviewList pages (filtered and not), a keyword query,
 * getStatistics, getVendorList, and the CSAF provider's index.txt, changes.csv, ROLIE feed and
 * provider-metadata — as the median of a few runs, next to a bare SQL yardstick on the same
 * connection. The page cache is not involved: these are the costs of a cache miss. Not a test.
 *
 *   npx tsx bench/formats.bench.ts                                    # PGlite, 200,000 advisories
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres npx tsx bench/formats.bench.ts
 *     (creates and drops its own database keikai_formats_bench on that server)
 *   BENCH_ADVISORIES=20000 BENCH_RUNS=5 …                              # smaller
 */
process.env.KEIKAI_LOG ??= 'off'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { sql } from 'kysely'
import { openDatabase } from '../src/platform/db/database.js'
import { migrateToLatest } from '../src/platform/db/migrate.js'
import type { Clock } from '../src/platform/clock.js'
import type { Config } from '../src/platform/config.js'
import { getVulnOverviewList } from '../src/myjvn/vuln-overview.js'
import { getStatistics } from '../src/myjvn/statistics.js'
import { getVendorList } from '../src/myjvn/vendors-products.js'
import { loadJvndbCatalog } from '../src/myjvn/catalog.b.js'
import type { MyJvnContext } from '../src/myjvn/myjvn-method.js'
import { latestRelease, publicChangesText, publicIndexText, publicListing } from '../src/csaf/csaf.usecases.js'
import { providerMetadata, rolieFeed } from '../src/csaf/csaf-files.js'

const N = Number(process.env.BENCH_ADVISORIES ?? 200_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

// ---- database ----
let databaseUrl = process.env.DATABASE_URL
let dropDatabase: (() => Promise<void>) | null = null
if (databaseUrl) {
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  await admin.query('drop database if exists keikai_formats_bench')
  await admin.query('create database keikai_formats_bench')
  await admin.end()
  const url = new URL(databaseUrl)
  url.pathname = '/keikai_formats_bench'
  databaseUrl = url.toString()
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await c.connect()
    await c.query('drop database if exists keikai_formats_bench')
    await c.end()
  }
}
const dir = databaseUrl ? null : mkdtempSync(join(tmpdir(), 'keikai-formats-bench-'))
const handle = await openDatabase({ databaseUrl, dataDir: dir ?? undefined })
await migrateToLatest(handle.db)
const { db } = handle

// ---- data: N cases and their published advisories, spread over 2005-01 … 2026-06, by bulk SQL ----
const t0 = performance.now()
const start = '2005-01-01T00:00:00Z'
const span = (Date.parse('2026-06-01T00:00:00Z') - Date.parse(start)) / 1000
await sql`insert into cases (id, kind, status, title, created_at, updated_at)
  select 'c' || i, 'product', 'published', 'case ' || i, now(), now() from generate_series(1, ${N}::int) i`.execute(db)
await sql`
  with g as (
    select i, ${start}::timestamptz + make_interval(secs => (${span}::float8 * i / ${N}::int)) as at,
      (array['critical','high','medium','low'])[1 + i % 4] as sev,
      (array['CWE-79','CWE-89','CWE-78','CWE-22','CWE-287','CWE-352','CWE-120','CWE-200'])[1 + i % 8] as cwe,
      (array['クロスサイト・スクリプティング','SQL 注入','OS コマンド注入','パストラバーサル','認証不備','CSRF','バッファオーバーフロー','情報漏えい'])[1 + i % 8] as flaw,
      '開発者' || (i % 2000) as vendor, 'product ' || (i % 8000) as product
    from generate_series(1, ${N}::int) i
  ), c as (
    select g.*, extract(year from g.at)::int as y,
      jsonb_build_object(
        'title', jsonb_build_object('ja', g.vendor || '製 ' || g.product || ' における' || g.flaw || 'の脆弱性', 'en', g.product || ' vulnerability ' || g.i),
        'overview', jsonb_build_object('ja', g.product || ' には' || g.flaw || 'の脆弱性が存在します。', 'en', 'Overview'),
        'description', jsonb_build_object('ja', '詳細', 'en', 'Details'), 'impact', jsonb_build_object('ja', '影響', 'en', 'Impact'),
        'solution', jsonb_build_object('ja', 'アップデートしてください。', 'en', 'Update.'),
        'affectedProducts', jsonb_build_array(jsonb_build_object('developer', jsonb_build_object('ja', g.vendor, 'en', 'Vendor ' || (g.i % 2000)),
          'product', jsonb_build_object('ja', g.product, 'en', g.product), 'versions', jsonb_build_object('ja', '1.x', 'en', '1.x'),
          'cpe', 'cpe:/a:vendor' || (g.i % 2000) || ':product' || (g.i % 8000))),
        'references', '[]'::jsonb, 'credits', '[]'::jsonb, 'creditsChosen', false, 'vendorStatements', '[]'::jsonb,
        'vulnerabilities', jsonb_build_array(jsonb_build_object('title', jsonb_build_object('ja', g.flaw, 'en', 'flaw'),
          'cveId', 'CVE-' || extract(year from g.at)::int || '-' || (10000 + g.i), 'cweId', g.cwe,
          'cvss31', jsonb_build_object('vector', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'score', 9.8, 'severity', g.sev), 'cvss40', null)),
        'severity', g.sev) as content
    from g
  )
  insert into advisories (id, case_id, identifier, jvndb_id, status, publish_at, published_at, content, search_text, created_at, updated_at)
  select 'a' || i, 'c' || i, 'JVN#' || lpad(i::text, 8, '0'), 'JVNDB-' || y || '-' || lpad(i::text, 6, '0'), 'published', at, at, content,
    lower(normalize(content->'title'->>'ja' || E'\n' || (content->'title'->>'en') || E'\n' || (content->'overview'->>'ja') || E'\n' || vendor || E'\n'
      || 'jvn#' || lpad(i::text, 8, '0') || E'\n' || 'jvndb-' || y || '-' || lpad(i::text, 6, '0'), NFKC)),
    at, at
  from c`.execute(db)
await sql`insert into advisory_revisions (id, advisory_id, revised_at, note_ja, note_en)
  select 'r' || i, 'a' || i, publish_at + interval '30 days', '更新', 'Updated' from advisories, generate_series(1, ${N}::int, 20) i where advisories.id = 'a' || i`.execute(db)
await sql`vacuum (analyze) advisories`.execute(db)
await sql`vacuum (analyze) advisory_revisions`.execute(db)
const loadSeconds = (performance.now() - t0) / 1000

// ---- measuring ----
const now = new Date('2026-06-10T00:00:00Z')
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
async function measure(label: string, run: () => Promise<string>) {
  await run() // warm
  const times: number[] = []
  let last = ''
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now()
    last = await run()
    times.push(performance.now() - s)
  }
  process.stdout.write(`${label.padEnd(56)} median ${median(times).toFixed(1).padStart(8)} ms   ${last}\n`)
}

const ctx = (params: Record<string, string>): MyJvnContext => ({
  db, now, baseUrl: 'https://keikai.example.jp', lang: 'ja', feed: params['feed'] === 'oka' ? 'oka' : 'hnd', params, t: (k) => k,
})
const myjvn = (run: (c: MyJvnContext) => Promise<{ body: string }>, params: Record<string, string>) => async () => {
  const { body } = await run(ctx(params))
  const total = /totalRes="(\d+)"/.exec(body)?.[1] ?? /"totalRes": (\d+)/.exec(body)?.[1]
  return `${(body.length / 1024).toFixed(0)} KiB${total ? `, totalRes ${total}` : ''}`
}
const ALL = { rangeDatePublic: 'n', rangeDatePublished: 'n', rangeDateFirstPublished: 'n' }
const deps = { db, clock: { now: () => now } as Clock, config: { publicUrl: 'https://keikai.example.jp', publisher: { name: 'keikai', namespace: 'https://keikai.example.jp' } } as Config }
const key = { fingerprint: '0'.repeat(40), createdAt: new Date('2026-01-01T00:00:00Z') }

process.stdout.write(`\n${N.toLocaleString('en')} public advisories on ${handle.backend}: loaded by bulk SQL in ${loadSeconds.toFixed(1)} s; median of ${RUNS} runs each\n\n`)

await measure('yardstick: newest 50 rows with content (bare SQL)', async () => {
  const r = await sql`select id, content from advisories where status in ('scheduled', 'published') and publish_at <= ${now} order by publish_at desc limit 50`.execute(db)
  return `${r.rows.length} rows`
})
await measure('yardstick: count(*) of public advisories (bare SQL)', async () => {
  const r = await sql<{ n: string }>`select count(*)::text as n from advisories where status in ('scheduled', 'published') and publish_at <= ${now}`.execute(db)
  return r.rows[0]!.n
})
const c0 = performance.now()
await loadJvndbCatalog(db, now)
process.stdout.write(`${'vendor/product catalogue, first build (then kept)'.padEnd(56)} once   ${(performance.now() - c0).toFixed(1).padStart(8)} ms\n`)

await measure('MyJVN overview hnd, default (the past week)', myjvn(getVulnOverviewList.run, { feed: 'hnd' }))
await measure('MyJVN overview hnd, everything, first page of 50', myjvn(getVulnOverviewList.run, { feed: 'hnd', ...ALL }))
await measure('MyJVN overview oka, everything, page at 100,001', myjvn(getVulnOverviewList.run, { feed: 'oka', startItem: '100001' }))
await measure('MyJVN overview hnd, severity=c, one year', myjvn(getVulnOverviewList.run, { feed: 'hnd', ...ALL, severity: 'c', datePublicStartY: '2020', datePublicEndY: '2020' }))
await measure('MyJVN overview oka, cvssV3Severity=HIGH', myjvn(getVulnOverviewList.run, { feed: 'oka', cvssV3Severity: 'HIGH' }))
await measure('MyJVN overview hnd, keyword (rare: one vendor)', myjvn(getVulnOverviewList.run, { feed: 'hnd', ...ALL, keyword: '開発者1234製' }))
await measure('MyJVN overview hnd, keyword (broad: a quarter)', myjvn(getVulnOverviewList.run, { feed: 'hnd', ...ALL, keyword: '注入の脆弱性' }))
await measure('MyJVN overview hnd, vendorId (catalogue kept)', async () => {
  const vid = (await loadJvndbCatalog(db, now)).vendors[0]!.vid
  return myjvn(getVulnOverviewList.run, { feed: 'hnd', ...ALL, vendorId: String(vid) })()
})
await measure('MyJVN getStatistics hnd sumAll, by year', myjvn(getStatistics.run, { feed: 'hnd', theme: 'sumAll', type: 'y', cweId: 'CWE-79' }))
await measure('MyJVN getStatistics oka, 2005-2026', myjvn(getStatistics.run, { feed: 'oka', pubStartDate: '2005' }))
await measure('MyJVN getVendorList hnd, first 10,000 (catalogue kept)', myjvn(getVendorList.run, { feed: 'hnd' }))

await measure('CSAF index.txt (written by SQL)', async () => `${((await publicIndexText(deps)).length / 1024).toFixed(0)} KiB`)
await measure('CSAF changes.csv (written by SQL)', async () => `${((await publicChangesText(deps)).length / 1024).toFixed(0)} KiB`)
await measure('CSAF ROLIE feed', async () => `${(JSON.stringify(rolieFeed({ publicUrl: deps.config.publicUrl, docs: await publicListing(deps, { titles: true }), keyCreatedAt: key.createdAt }), null, 2).length / 1048576).toFixed(1)} MiB`)
await measure('CSAF provider-metadata.json', async () => `${JSON.stringify(providerMetadata({ site: deps.config, latestRelease: await latestRelease(deps), key })).length} B`)

await handle.close()
if (dir) rmSync(dir, { recursive: true, force: true })
if (dropDatabase) await dropDatabase()

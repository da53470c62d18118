/**
 * Search benchmark (issue 12): loads N generated public advisories with bulk SQL inserts (all search
 * indexes in place, so the load time includes their upkeep), then measures p50/p95 of the portal's
 * search through `listPublicAdvisories` in process — counted, as the portal asks — next to a bare
 * SQL yardstick on the same connection. Prints the sizes of the search indexes. Not a test.
 *
 *   npx tsx bench/search.bench.ts                                   # PGlite, 200,000 advisories
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres npx tsx bench/search.bench.ts
 *     (creates and drops its own database keikai_search_bench on that server)
 *   BENCH_ADVISORIES=20000 BENCH_RUNS=30 …                           # smaller
 */
process.env.KEIKAI_LOG ??= 'off'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { sql } from 'kysely'
import { openDatabase } from '../src/platform/db/database.js'
import { migrateToLatest } from '../src/platform/db/migrate.js'
import { composeContent, searchColumnsOf } from '../src/advisories/advisory-content.js'
import { listPublicAdvisories, type PublicFilters } from '../src/advisories/public-advisories.repository.js'
import type { CvssSeverity } from '../src/advisories/cvss.js'

const N = Number(process.env.BENCH_ADVISORIES ?? 200_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 60)

// ---- vocabulary: one flaw in four rows (the broad word), vendors named by rare kanji pairs ----
const KANJI = '東西南北山川田村松竹梅桜森林泉海空星光明朝夕春夏秋冬金銀銅鉄石玉花鳥風月雪雲雷電水火土木'.split('')
const PAIRS = KANJI.flatMap((a) => KANJI.map((b) => a + b)).filter((p) => p[0] !== p[1])
const SUFFIX = ['電機', '技研', 'システム', 'ソフト', '情報', '通信', 'ネットワークス', 'テクノロジー']
const PRODUCTS = ['ルータ', 'ウェブメール', 'グループウェア', 'ネットワークカメラ', 'ファイル共有', '業務ポータル', 'プリンタ', 'スマートフォンアプリ',
  'コンテンツ管理システム', '無線 LAN アクセスポイント', 'VPN 装置', 'ファイアウォール', '会計ソフト', '文書管理', '監視カメラ', 'ブログソフトウェア']
const FLAWS = [
  ['クロスサイト・スクリプティング', 'cross-site scripting', 'CWE-79'], ['SQL インジェクション', 'SQL injection', 'CWE-89'],
  ['OS コマンドインジェクション', 'OS command injection', 'CWE-78'], ['パストラバーサル', 'path traversal', 'CWE-22'],
  ['認証不備', 'improper authentication', 'CWE-287'], ['クロスサイト・リクエスト・フォージェリ', 'cross-site request forgery', 'CWE-352'],
  ['バッファオーバーフロー', 'buffer overflow', 'CWE-120'], ['情報漏えい', 'information exposure', 'CWE-200'],
] as const
const IMPACTS = ['当該製品にログインした状態のユーザのウェブブラウザ上で、任意のスクリプトを実行される可能性があります。', 'データベース内の情報を窃取されたり、改ざんされたりする可能性があります。',
  '遠隔の第三者によって、任意の OS コマンドを実行される可能性があります。', '製品が稼働するサーバ上の任意のファイルを閲覧される可能性があります。',
  'サービス運用妨害 (DoS) 状態にされる可能性があります。', '設定情報を取得される可能性があります。']
const SEVERITIES: Array<[CvssSeverity, number, string]> = [['critical', 9.8, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'], ['high', 7.5, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N'],
  ['medium', 6.1, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N'], ['low', 3.1, 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N']]

let seed = 12345
/** mulberry32: the same data on every run. */
const rnd = (n: number) => {
  seed = (seed + 0x6d2b79f5) | 0
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
  return (((x ^ (x >>> 14)) >>> 0) % n)
}
const pickOf = <T>(xs: readonly T[]) => xs[rnd(xs.length)]!

function entry(j: number, at: Date) {
  const vendor = `${PAIRS[j % PAIRS.length]}${SUFFIX[Math.floor(j / PAIRS.length) % SUFFIX.length]}`
  const product = `${pickOf(PRODUCTS)} ${String.fromCharCode(65 + rnd(26))}${String.fromCharCode(65 + rnd(26))}-${rnd(9000) + 100}`
  // The flaw cycles with the row number: one row in four has one of the first two (the broad word
  // "インジェクション" is in rows 1 and 2 of each 8, i.e. a quarter).
  const [flawJa, flawEn, cwe] = FLAWS[j % FLAWS.length]!
  const [severity, score, vector] = pickOf(SEVERITIES)
  const year = at.getUTCFullYear()
  const content = composeContent({
    draft: {
      title: { ja: `${vendor}製 ${product} における${flawJa}の脆弱性`, en: `${product} by ${vendor} vulnerable to ${flawEn}` },
      overview: { ja: `${vendor}が提供する ${product} には、${flawJa}の脆弱性が存在します。${pickOf(IMPACTS)}`, en: `${product} provided by ${vendor} contains a ${flawEn} vulnerability.` },
      description: { ja: `${product} の入力値の検証に不備があります。`, en: 'Improper input validation.' },
      impact: { ja: pickOf(IMPACTS), en: 'An attacker may affect the product.' },
      solution: { ja: '開発者が提供する情報をもとに、最新版へアップデートしてください。', en: 'Update to the latest version.' },
      affectedProducts: [{ developer: { ja: vendor, en: vendor }, product: { ja: product, en: product }, versions: { ja: `${rnd(5)}.x`, en: `${rnd(5)}.x` } }],
      references: [],
    },
    vulnerabilities: [{ title: { ja: flawJa, en: flawEn }, cveId: `CVE-${year}-${String(10000 + j)}`, cweId: cwe, cvss31: { vector, score, severity }, cvss40: null }],
    vendorStatements: [], credits: [], creditsChosen: false,
  })
  const jvndbId = `JVNDB-${year}-${String(j).padStart(6, '0')}`
  return { content, jvndbId, vendor }
}

// ---- database ----
let databaseUrl = process.env.DATABASE_URL
let dropDatabase: (() => Promise<void>) | null = null
if (databaseUrl) {
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  if (!process.env.BENCH_REUSE) { // BENCH_REUSE=1 with BENCH_KEEP=1: measure again on the database the last run kept
    await admin.query('drop database if exists keikai_search_bench')
    await admin.query('create database keikai_search_bench')
  }
  await admin.end()
  const url = new URL(databaseUrl)
  url.pathname = '/keikai_search_bench'
  databaseUrl = url.toString()
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await c.connect()
    await c.query('drop database if exists keikai_search_bench')
    await c.end()
  }
}
const dir = databaseUrl ? null : mkdtempSync(join(tmpdir(), 'keikai-search-bench-'))
const handle = await openDatabase({ databaseUrl, dataDir: dir ?? undefined })
await migrateToLatest(handle.db)
const { db } = handle
// BENCH_WITHOUT=index,index: load without these indexes, to see what each costs.
for (const index of (process.env.BENCH_WITHOUT ?? '').split(',').filter(Boolean)) await sql`drop index ${sql.raw(index)}`.execute(db)

const start = Date.parse('2005-01-01T00:00:00Z')
const span = Date.parse('2026-06-01T00:00:00Z') - start
let columnsMs = 0
const t0 = performance.now()
for (let i = process.env.BENCH_REUSE ? N : 0; i < N; i += 1000) {
  const rows = []
  for (let j = i; j < Math.min(N, i + 1000); j++) {
    const at = new Date(start + Math.floor((span * j) / N))
    const { content, jvndbId } = entry(j, at)
    const c0 = performance.now()
    const search = searchColumnsOf(jvndbId, content, { jvndbId })
    columnsMs += performance.now() - c0
    rows.push({
      id: `b${j}`, case_id: null, identifier: jvndbId, jvndb_id: jvndbId, status: 'published' as const, publish_at: at, published_at: at,
      content: JSON.stringify(content), created_at: at, updated_at: at, source: 'jvn' as const, source_key: jvndbId,
      source_ids: JSON.stringify([{ kind: 'JVNDB', id: jvndbId }]) as never, ...search,
    })
  }
  await db.insertInto('advisories').values(rows).execute()
}
const loadSeconds = (performance.now() - t0) / 1000
// What an import should end with: statistics for the planner, and the GIN indexes' pending lists merged.
const a0 = performance.now()
await sql`vacuum (analyze) advisories`.execute(db)
const analyzeSeconds = (performance.now() - a0) / 1000

const sizes = await sql<{ name: string; size: string }>`
  select c.relname as name, pg_size_pretty(pg_relation_size(c.oid)) as size from pg_index i join pg_class c on c.oid = i.indexrelid
  where i.indrelid = 'advisories'::regclass order by pg_relation_size(c.oid) desc`.execute(db)
const table = await sql<{ size: string }>`select pg_size_pretty(pg_table_size('advisories')) as size`.execute(db)

const now = new Date('2026-07-01T00:00:00Z')
const p = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * q))]!.toFixed(1)

async function measure(label: string, run: (i: number) => Promise<string>) {
  for (let i = 0; i < 3; i++) await run(i) // warm
  const times: number[] = []
  let last = ''
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now()
    last = await run(i)
    times.push(performance.now() - s)
  }
  times.sort((a, b) => a - b)
  process.stdout.write(`${label.padEnd(46)} p50 ${p(times, 0.5).padStart(7)} ms   p95 ${p(times, 0.95).padStart(7)} ms   ${last}\n`)
}

const search = (f: Partial<PublicFilters>) => async () => {
  const r = await listPublicAdvisories(db, now, { limit: 20, offset: 0, count: true, ...f })
  return `${r.items.length} shown, ${r.total!.capped ? `${r.total!.count}+` : r.total!.count} matches`
}

process.stdout.write(`\n${N.toLocaleString('en')} advisories on ${handle.backend}: inserted in ${loadSeconds.toFixed(1)} s with every index in place `
  + `(search columns computed in ${(columnsMs / 1000).toFixed(1)} s of it), vacuum (analyze) ${analyzeSeconds.toFixed(1)} s; table ${table.rows[0]!.size}\n`)
process.stdout.write(`indexes: ${sizes.rows.map((r) => `${r.name} ${r.size}`).join(', ')}\n\n`)
await measure('yardstick: select 1', async () => { await sql`select 1`.execute(db); return '' })
await measure('yardstick: newest 20 by publish_at', async () => {
  const r = await sql`select id, identifier, content from advisories where status in ('scheduled', 'published') and publish_at <= ${now} order by publish_at desc limit 20`.execute(db)
  return `${r.rows.length} rows`
})
const rarePairs = Array.from({ length: 20 }, (_, i) => PAIRS[(i * 97) % PAIRS.length]!)
await measure('2 chars, rare (vendor kanji pair, e.g. 東西)', (i) => search({ q: rarePairs[i % rarePairs.length] })())
await measure('2 chars, common (脆弱)', search({ q: '脆弱' }))
await measure('1 char (雷)', search({ q: '雷' }))
await measure('4 chars (ウェブメ, one product kind in 16)', search({ q: 'ウェブメ' }))
await measure('4 chars, rare (vendor pair + 電機)', (i) => search({ q: `${rarePairs[i % rarePairs.length]}電機` })())
await measure('broad (インジェクション, a quarter)', search({ q: 'インジェクション' }))
await measure('broad, page 20', search({ q: 'インジェクション', offset: 380 }))
await measure('two words (ルータ 認証不備)', search({ q: 'ルータ 認証不備' }))
await measure('identifier (JVNDB-…)', (i) => { const j = (i * 7919) % N; return search({ q: entry(j, new Date(start + Math.floor((span * j) / N))).jvndbId })() })
await measure('identifier (CVE-…)', (i) => { const j = (i * 7919) % N; return search({ q: `CVE-${new Date(start + Math.floor((span * j) / N)).getUTCFullYear()}-${10000 + j}` })() })
await measure('filtered (broad + critical + 2020 + CWE-89)', search({ q: 'インジェクション', severity: 'critical', year: 2020, cwe: 'CWE-89' }))
await measure('filter developer (rare) + product kind', (i) => search({ developer: `${rarePairs[i % rarePairs.length]}電機`, product: 'ルータ' })())
await measure('relevance, broad (ルータ)', search({ q: 'ルータ', sort: 'relevance' }))
await measure('relevance, 2 words (ルータ インジェクション)', search({ q: 'ルータ インジェクション', sort: 'relevance' }))
await measure('no search, newest first', search({}))

await handle.close()
if (dir) rmSync(dir, { recursive: true, force: true })
if (dropDatabase && !process.env.BENCH_KEEP) await dropDatabase()
process.exit(0)

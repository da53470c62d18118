/**
 * The static export's benchmark (run with tsx, not a test): N generated public advisories (half
 * keikai's own with a case, half imported JVN iPedia entries without one), then a full export, an
 * incremental run with nothing changed, and one after 10 revisions and 10 new publications.
 *
 *   npx tsx test/static-export/export.bench.ts                    # PGlite, N=5000
 *   BENCH_ADVISORIES=20000 BENCH_PG=postgres://postgres@127.0.0.1:55432/postgres npx tsx test/static-export/export.bench.ts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { execSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { openDatabase } from '../../src/platform/db/database.js'
import { migrateToLatest } from '../../src/platform/db/migrate.js'
import { manualClock } from '../../src/platform/clock.js'
import { loadConfig } from '../../src/platform/config.js'
import { setDefaultLogLevel } from '../../src/platform/log.js'
import { createApp } from '../../src/app.js'
import { PageCache } from '../../src/platform/http/page-cache.js'
import { composeContent, searchColumnsOf } from '../../src/advisories/advisory-content.js'
import { exportSite, MANIFEST, type ExportSummary } from '../../src/static-export/export.js'

setDefaultLogLevel('error')
const N = Number(process.env.BENCH_ADVISORIES ?? 5_000)
const PG = process.env.BENCH_PG
const PRODUCTS = ['ルータ', 'ウェブメール', 'グループウェア', 'ネットワークカメラ', 'ファイル共有', '業務ポータル']
const FLAWS = [['クロスサイト・スクリプティング', 'cross-site scripting', 'CWE-79'], ['SQL インジェクション', 'SQL injection', 'CWE-89']] as const

let dropDb = async () => {}
let databaseUrl: string | undefined
if (PG) {
  const name = `keikai_export_bench_${process.pid}`
  const admin = new pg.Client({ connectionString: PG })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  databaseUrl = PG.replace(/\/[^/]*$/, `/${name}`)
  dropDb = async () => {
    const c = new pg.Client({ connectionString: PG })
    await c.connect()
    await c.query(`drop database if exists ${name} with (force)`)
    await c.end()
  }
}
const dataDir = PG ? undefined : mkdtempSync(join(tmpdir(), 'keikai-export-bench-db-'))
const handle = await openDatabase({ databaseUrl, dataDir })
await migrateToLatest(handle.db)
const { db } = handle

const start = Date.parse('2005-01-04T00:00:00Z')
const span = Date.parse('2026-03-01T00:00:00Z') - start
function advisoryRow(j: number) {
  const product = `${PRODUCTS[j % PRODUCTS.length]} ${String(j).padStart(6, '0')}`
  const [flawJa, flawEn, cwe] = FLAWS[j % FLAWS.length]!
  const at = new Date(start + Math.floor((span * j) / N))
  const year = new Date(at.getTime() + 9 * 3600_000).getUTCFullYear()
  const imported = j % 2 === 1
  const jvndbId = `JVNDB-${year}-${String(j + 1).padStart(6, '0')}`
  // An imported JVN iPedia entry goes by its JVNDB number, as the importer gives it.
  const identifier = imported ? jvndbId : `JVN#${String(10_000_000 + j)}`
  const content = composeContent({
    draft: {
      title: { ja: `${product} における${flawJa}の脆弱性`, en: `${product} vulnerable to ${flawEn}` },
      overview: { ja: `${product} には${flawJa}の脆弱性が存在します。`, en: `${product} contains a ${flawEn} vulnerability.` },
      description: { ja: '細工されたリクエストを処理する際の不備です。'.repeat(4), en: 'Improper handling of crafted requests. '.repeat(4) },
      impact: { ja: '情報漏えいの可能性があります。', en: 'Information may be disclosed.' },
      solution: { ja: 'アップデートしてください。', en: 'Update the software.' },
      affectedProducts: [{ developer: { ja: '例示株式会社', en: 'Example Corp.' }, product: { ja: product, en: product }, versions: { ja: '1.0 から 2.3 まで', en: '1.0 to 2.3' }, cpe: null }],
      references: [],
    },
    vulnerabilities: [{ position: 1, title: { ja: flawJa, en: flawEn }, cveId: `CVE-${year}-${10000 + j}`, cweId: cwe, cvss31: { vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', score: 6.1, severity: 'medium' }, cvss40: null } as never],
    vendorStatements: [], credits: [], creditsChosen: false,
  })
  return {
    caseRow: imported ? null : { id: `bench-${j}`, kind: 'product' as const, status: 'published', title: product, created_at: at, updated_at: at },
    advisory: {
      id: `bench-${j}`, case_id: imported ? null : `bench-${j}`, identifier, jvndb_id: jvndbId, status: 'published' as const,
      publish_at: at, published_at: at, content: JSON.stringify(content), created_at: at, updated_at: at,
      ...(imported ? { source: 'jvn' as const, source_key: jvndbId, source_ids: JSON.stringify([{ kind: 'jvndb', id: jvndbId }]) } : {}),
      ...searchColumnsOf(identifier, content, jvndbId),
    },
  }
}

const t0 = performance.now()
for (let i = 0; i < N; i += 500) {
  const rows = Array.from({ length: Math.min(N, i + 500) - i }, (_, k) => advisoryRow(i + k))
  const cases = rows.flatMap((r) => (r.caseRow ? [r.caseRow] : []))
  if (cases.length) await db.insertInto('cases').values(cases).execute()
  await db.insertInto('advisories').values(rows.map((r) => r.advisory) as never).execute()
}
await sql`analyze`.execute(db)
console.log(`${N} advisories loaded on ${PG ? 'PostgreSQL' : 'PGlite'} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

const clock = manualClock('2026-04-01T00:00:00Z')
const deps = { db, clock, config: loadConfig({ PUBLIC_URL: 'https://jvn.example.jp' }) }
const app = createApp(deps, { pageCache: new PageCache({ db, clock, maxBytes: 0 }) })
const dir = mkdtempSync(join(tmpdir(), 'keikai-export-bench-'))
const concurrency = PG ? 8 : 2
const report = (label: string, s: ExportSummary) => console.log(
  `${label}: ${s.seconds} s — ${s.rendered} advisories rendered, ${s.written} written, ${s.unchanged} unchanged, ${s.deleted} deleted, ${s.errors.length} errors${s.errors.length ? ` (${s.errors.slice(0, 3).join('; ')})` : ''}`)

if (process.env.BENCH_GLOBALS) {
  // What each page that lists advisories costs, asked once in Japanese.
  const { GLOBAL_PAGES } = await import('../../src/static-export/export.js')
  for (const path of [...GLOBAL_PAGES, '/archive/2026-02', '/sitemaps/advisories-1.xml', '/rss/years/jvndb_2020.rdf', '/.well-known/csaf/white/2020/']) {
    const t1 = performance.now()
    const res = await app.request(path, { headers: { 'accept-language': 'ja' } })
    const bytes = (await res.arrayBuffer()).byteLength
    console.log(`${(performance.now() - t1).toFixed(0).padStart(6)} ms  ${res.status} ${String(bytes).padStart(9)} B  ${path}`)
  }
  await handle.close()
  await dropDb()
  process.exit(0)
}
if (process.env.BENCH_PROFILE) {
  // Where a detail's time goes: each of an advisory's URLs, asked 20 times.
  const slug = 'JVN10000002' // a keikai entry (even j)
  const page = await (await app.request(`/advisories/${slug}`)).text()
  const alternates = [...page.matchAll(/<link rel="alternate"[^>]*href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')).filter((h) => !h.startsWith('/rss/'))
  for (const path of [`/advisories/${slug}`, ...alternates, ...alternates.filter((a) => a.endsWith('.json') && a.includes('csaf')).flatMap((a) => [`${a}.asc`, `${a}.sha256`])]) {
    const t1 = performance.now()
    let status = 0
    for (let i = 0; i < 20; i++) status = (await app.request(path.replace('10000002', String(10000002 + i * 2)), { headers: { 'accept-language': 'ja' } })).status
    console.log(`${((performance.now() - t1) / 20).toFixed(1)} ms  ${status}  ${path}`)
  }
}
const full = await exportSite({ app, deps, dir, concurrency, progress: (l) => process.stderr.write(`  ${l}\n`) })
report('full export', full)
const size = execSync(`du -sh ${dir} | cut -f1`).toString().trim()
const files = execSync(`find ${dir} -type f | wc -l`).toString().trim()
console.log(`tree: ${files} files, ${size} on disk; manifest ${(statSync(join(dir, MANIFEST)).size / 1e6).toFixed(1)} MB; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`)

clock.set('2026-04-01T00:10:00Z')
report('incremental, nothing changed', await exportSite({ app, deps, dir, concurrency }))

clock.set('2026-04-01T00:20:00Z')
const now = clock.now()
for (let j = 0; j < 10; j++) {
  const id = `bench-${j * Math.floor(N / 10)}`
  await db.insertInto('advisory_revisions').values({ id: `rev-${j}`, advisory_id: id, revised_at: now, note_ja: '更新', note_en: 'Updated' } as never).execute()
  await db.updateTable('advisories').set({ updated_at: now }).where('id', '=', id).execute()
}
for (let j = 0; j < 10; j++) {
  const r = advisoryRow(N + j)
  const at = new Date(now.getTime() - 60_000)
  await db.insertInto('cases').values({ id: `bench-new-${j}`, kind: 'product', status: 'published', title: 'new', created_at: at, updated_at: at }).execute()
  await db.insertInto('advisories').values({ ...r.advisory, source: 'keikai', source_key: null, source_ids: '[]', id: `bench-new-${j}`, case_id: `bench-new-${j}`, identifier: `JVN#${90_000_000 + j}`, jvndb_id: `JVNDB-2026-${String(900_000 + j)}`, publish_at: at, published_at: at, created_at: at, updated_at: at } as never).execute()
}
report('incremental, 10 revised + 10 new', await exportSite({ app, deps, dir, concurrency }))

rmSync(dir, { recursive: true, force: true })
await handle.close()
if (dataDir) rmSync(dataDir, { recursive: true, force: true })
await dropDb()

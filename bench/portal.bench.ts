/**
 * Portal benchmark (DESIGN §11): loads N published advisories and measures, over real HTTP on
 * loopback, the public index, detail pages, Japanese search and the RSS feed against the same
 * server's static CSS (the "static file" yardstick). Not a test: it reports numbers.
 *
 *   npx tsx bench/portal.bench.ts                 # PGlite, 20,000 advisories
 *   BENCH_ADVISORIES=200000 DATABASE_URL=postgres://… npx tsx bench/portal.bench.ts
 */
process.env.KEIKAI_LOG ??= 'off'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { sql } from 'kysely'
import { openDatabase } from '../src/platform/db/database.js'
import { migrateToLatest } from '../src/platform/db/migrate.js'
import { systemClock } from '../src/platform/clock.js'
import { loadConfig } from '../src/platform/config.js'
import { createApp } from '../src/app.js'
import { composeContent, searchTextOf } from '../src/advisories/advisory-content.js'

const N = Number(process.env.BENCH_ADVISORIES ?? 20_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8)
const PRODUCTS = ['ルータ', 'ウェブメール', 'グループウェア', 'ネットワークカメラ', 'ファイル共有', '業務ポータル', 'プリンタ', 'スマートフォンアプリ']
const FLAWS = [['クロスサイト・スクリプティング', 'cross-site scripting', 'CWE-79'], ['SQL インジェクション', 'SQL injection', 'CWE-89'], ['OS コマンドインジェクション', 'OS command injection', 'CWE-78'], ['パストラバーサル', 'path traversal', 'CWE-22']] as const

const dir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'keikai-bench-'))
const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: dir ?? undefined })
await migrateToLatest(handle.db)
const { db } = handle

const t0 = performance.now()
const start = Date.parse('2004-07-08T00:00:00Z')
for (let i = 0; i < N; i += 1000) {
  const cases = [], advisories = []
  for (let j = i; j < Math.min(N, i + 1000); j++) {
    const product = `${PRODUCTS[j % PRODUCTS.length]} ${String(j).padStart(6, '0')}`
    const [flawJa, flawEn, cwe] = FLAWS[j % FLAWS.length]!
    const at = new Date(start + j * 60_000 * 60 * 1.2)
    const id = `bench-${j}`
    const identifier = `JVN#${String(10_000_000 + j)}`
    const content = composeContent({
      draft: {
        title: { ja: `${product} における${flawJa}の脆弱性`, en: `${product} vulnerable to ${flawEn}` },
        overview: { ja: `例示株式会社が提供する ${product} には${flawJa}の脆弱性が存在します。`, en: `${product} contains a ${flawEn} vulnerability.` },
        description: { ja: '細工されたリクエストを処理する際の不備です。'.repeat(4), en: 'Improper handling of crafted requests. '.repeat(4) },
        impact: { ja: '情報漏えいの可能性があります。', en: 'Information may be disclosed.' },
        solution: { ja: 'アップデートしてください。', en: 'Update the software.' },
        affectedProducts: [{ developer: { ja: '例示株式会社', en: 'Example Corp.' }, product: { ja: product, en: product }, versions: { ja: '1.0 から 2.3 まで', en: '1.0 to 2.3' } }], references: [],
      },
      vulnerabilities: [{ position: 1, title: { ja: flawJa, en: flawEn }, cveId: `CVE-${2005 + (j % 20)}-${10000 + j}`, cweId: cwe, cvss31: { vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', score: 6.1, severity: 'medium' }, cvss40: null } as any],
      vendorStatements: [], credits: [], creditsChosen: false,
    })
    cases.push({ id, kind: 'product' as const, status: 'published', title: product, created_at: at, updated_at: at })
    advisories.push({ id, case_id: id, identifier, status: 'published' as const, publish_at: at, published_at: at, content: JSON.stringify(content), search_text: searchTextOf(identifier, content), created_at: at, updated_at: at })
  }
  await db.insertInto('cases').values(cases).execute()
  await db.insertInto('advisories').values(advisories).execute()
}
await sql`analyze advisories`.execute(db)
const loadSeconds = (performance.now() - t0) / 1000

const app = createApp({ db, clock: systemClock, config: loadConfig({ PUBLIC_URL: 'http://127.0.0.1' }) })
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
await new Promise((r) => server.once('listening', r))
const port = (server.address() as { port: number }).port
const base = `http://127.0.0.1:${port}`

async function measure(label: string, path: () => string) {
  const latencies: number[] = []
  let bytes = 0
  const until = performance.now() + SECONDS * 1000
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < until) {
      const s = performance.now()
      const res = await fetch(base + path())
      const body = await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`${label}: ${res.status}`)
      bytes = body.byteLength
      latencies.push(performance.now() - s)
    }
  }))
  latencies.sort((a, b) => a - b)
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(1)
  const rps = latencies.length / SECONDS
  process.stdout.write(`${label.padEnd(34)} ${rps.toFixed(0).padStart(6)} req/s   p50 ${q(0.5).padStart(6)} ms   p95 ${q(0.95).padStart(6)} ms   ${bytes} B\n`)
  return rps
}

process.stdout.write(`\n${N} advisories on ${handle.backend}, loaded in ${loadSeconds.toFixed(1)} s; ${CONCURRENCY} clients × ${SECONDS} s per line\n\n`)
const staticRps = await measure('static CSS (yardstick)', () => '/static/app.css')
const rand = () => Math.floor(Math.random() * N)
const detailRps = await measure('advisory detail (random)', () => `/advisories/JVN${10_000_000 + rand()}`)
await measure('index, newest first', () => '/advisories')
await measure('index, page 50', () => '/advisories?page=50')
await measure('search ja 4 chars (ルータ 0…)', () => `/advisories?q=${encodeURIComponent(`ルータ ${String(rand()).padStart(6, '0').slice(0, 3)}`)}`)
await measure('search ja "インジェクション"', () => `/advisories?q=${encodeURIComponent('インジェクション')}`)
await measure('search 2 chars "脆弱"', () => `/advisories?q=${encodeURIComponent('脆弱')}`)
await measure('search CVE id', () => `/advisories?q=CVE-2010-${10000 + rand()}`)
await measure('RSS feed', () => '/rss/advisories.rdf')
process.stdout.write(`\ndetail pages at ${(100 * detailRps / staticRps).toFixed(0)}% of the static-file rate\n`)

server.close()
await handle.close()
if (dir) rmSync(dir, { recursive: true, force: true })
process.exit(0)

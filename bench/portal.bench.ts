/**
 * Portal benchmark at JVN iPedia scale (issue 12, DESIGN §11). Not a test: it reports numbers.
 *
 * 1. Writes N generated CVE JSON 5 records (bench/generated-entries.ts) and imports them with
 *    `npm run import` in a process of its own: wall time and peak memory (/usr/bin/time).
 * 2. Starts the built server (`node dist/main.js`) on that database: time to its first /healthz.
 * 3. With wrk (one thread, BENCH_CONNECTIONS connections, BENCH_ROUNDS rounds of BENCH_SECONDS each), anonymous requests
 *    to the server and to one nginx worker serving the very same bytes as static files, side by
 *    side: an advisory page, index pages, a repeated search, the feeds, a format file, the style sheet.
 * 4. Pages never rendered before (distinct advisories), one at a time: what a first visit costs.
 * 5. A publication by another process (a second `npm run import` of one new entry): how long until
 *    the server's cached index and search pages show it.
 *
 *   npx tsx bench/portal.bench.ts                                     # PGlite, 200,000 entries
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres npx tsx bench/portal.bench.ts
 *     (creates a database of its own on that server and drops it afterwards)
 *   BENCH_ENTRIES=20000 BENCH_SECONDS=5 BENCH_ROUNDS=3 BENCH_CONNECTIONS=32 npx tsx bench/portal.bench.ts
 *   BENCH_ENTRIES_DIR=/tmp/keikai-bench-entries-200000 …   # files written before by bench/generated-entries.ts
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { COMMON_WORD, generatedRecord, writeGeneratedEntries } from './generated-entries.js'
import { nginxServing, wrk, type WrkResult } from './http-yardstick.js'
import { freePort } from '../test/support/keikai-process.js'

const N = Number(process.env.BENCH_ENTRIES ?? 200_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const run = promisify(execFile)
const out = (s: string) => process.stdout.write(s + '\n')

// ---- the database: a temporary PGlite directory, or a database of its own on the given server ----
const serverUrl = process.env.DATABASE_URL
const work = mkdtempSync(join(tmpdir(), 'keikai-portal-bench-'))
const dbName = `keikai_portal_bench_${randomBytes(4).toString('hex')}`
let databaseUrl: string | undefined
if (serverUrl) {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${dbName}`)
  await admin.end()
  const u = new URL(serverUrl)
  u.pathname = `/${dbName}`
  databaseUrl = u.toString()
}
const env = { ...process.env, DATABASE_URL: databaseUrl ?? '', KEIKAI_DATA_DIR: join(work, 'data'), KEIKAI_LOG: 'off', PUBLIC_URL: 'http://127.0.0.1' }
const backend = databaseUrl ? 'PostgreSQL' : 'PGlite'

async function cleanUp() {
  rmSync(work, { recursive: true, force: true })
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`drop database if exists ${dbName} with (force)`)
    await admin.end()
  }
}

/** `npm run import -- dir` in a process of its own, under /usr/bin/time: wall seconds and peak RSS. */
async function importDir(dir: string): Promise<{ seconds: number; peakMb: number; summary: string }> {
  const t0 = performance.now()
  const { stdout, stderr } = await run('/usr/bin/time', ['-v', process.execPath, '--import', 'tsx', 'scripts/import.ts', dir], { env, maxBuffer: 64 * 1024 * 1024 })
  const seconds = (performance.now() - t0) / 1000
  const peakKb = Number(stderr.match(/Maximum resident set size \(kbytes\): (\d+)/)?.[1] ?? NaN)
  return { seconds, peakMb: peakKb / 1024, summary: stdout.trim().split('\n').slice(-12).join('\n') }
}

// ---- 1. generate and import ----
out(`\nkeikai portal benchmark: ${N.toLocaleString('en')} entries on ${backend}, wrk -t1 -c${CONNECTIONS} -d${SECONDS}s, median of ${ROUNDS} rounds\n`)
let t0 = performance.now()
// BENCH_ENTRIES_DIR: a tree bench/generated-entries.ts already wrote for the same N (it is deterministic).
const entriesDir = process.env.BENCH_ENTRIES_DIR ?? join(work, 'entries')
if (!process.env.BENCH_ENTRIES_DIR) {
  await writeGeneratedEntries(entriesDir, N)
  out(`generated ${N.toLocaleString('en')} CVE JSON 5 files in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}
const imported = await importDir(entriesDir)
out(`import: ${imported.seconds.toFixed(1)} s (${Math.round(N / imported.seconds).toLocaleString('en')} entries/s), peak RSS ${imported.peakMb.toFixed(0)} MB`)
out(imported.summary.split('\n').map((l) => `  | ${l}`).join('\n'))

// ---- 2. start the built server ----
await run(process.execPath, ['scripts/build.mjs', '--if-stale'])
const port = await freePort()
t0 = performance.now()
const server: ChildProcess = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], { env: { ...env, PORT: String(port) }, stdio: 'ignore' })
const base = `http://127.0.0.1:${port}`
for (;;) {
  if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`)
  try { if ((await fetch(`${base}/healthz`)).ok) break } catch { /* not yet */ }
  if (performance.now() - t0 > 120_000) throw new Error('no /healthz within 120 s')
  await new Promise((r) => setTimeout(r, 10))
}
const startupMs = performance.now() - t0
out(`startup with ${N.toLocaleString('en')} entries: ${(startupMs / 1000).toFixed(2)} s to the first /healthz`)
const rssMb = () => Number(readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0) / 1024

// ---- 3. side by side with nginx ----
const sample = generatedRecord(Math.floor(N / 2)).cveId
const targets: Array<{ label: string; path: string; target: number }> = [
  { label: 'advisory page', path: `/advisories/${sample}`, target: 0.5 },
  { label: 'index, newest first', path: '/advisories', target: 0.4 },
  { label: 'index, page 50', path: '/advisories?page=50', target: 0.4 },
  { label: `search "${COMMON_WORD}" (repeated)`, path: `/advisories?q=${encodeURIComponent(COMMON_WORD)}`, target: 0.4 },
  { label: 'search 2 chars "脆弱" (repeated)', path: `/advisories?q=${encodeURIComponent('脆弱')}`, target: 0.4 },
  { label: 'home', path: '/', target: 0.4 },
  { label: 'RSS feed', path: '/rss/advisories.rdf', target: 0.4 },
  { label: 'advisory JSON (API)', path: `/api/v1/advisories/${sample}`, target: 0.4 },
  { label: 'static: app.css', path: '/static/app.css', target: 0.6 },
]
const files: Array<{ path: string; body: Uint8Array; type: string }> = []
for (const [i, t] of targets.entries()) {
  const res = await fetch(base + t.path)
  if (res.status !== 200) throw new Error(`${t.path}: ${res.status}`)
  files.push({ path: `/f${i}`, body: new Uint8Array(await res.arrayBuffer()), type: res.headers.get('content-type') ?? 'application/octet-stream' })
}
const nginxPort = await freePort()
const nginx = await nginxServing(nginxPort, files)
const row = (label: string, k: WrkResult, n: WrkResult, bytes: number, target: number) => {
  const ratio = k.rps / n.rps
  out(`${label.padEnd(38)} ${k.rps.toFixed(0).padStart(7)} req/s  p99 ${k.p99Ms.toFixed(1).padStart(6)} ms | nginx ${n.rps.toFixed(0).padStart(7)} req/s | ${ratio.toFixed(2)}× (target ${target}×) ${ratio >= target ? 'ok' : 'MISSED'}  ${bytes} B${k.errors + n.errors ? `  errors ${k.errors}/${n.errors}` : ''}`)
}
out('')
// A server just started runs cold (its JIT has not seen these paths; nginx is native code): one
// second of each line first. Then ROUNDS short runs alternating keikai and nginx per line, and the
// median round by ratio — on a machine whose speed drifts from one second to the next, one pair of
// runs can be off by a third either way.
for (const t of targets) await wrk(base + t.path, { seconds: 1, connections: CONNECTIONS })
const median = <T>(xs: T[], by: (x: T) => number): T => [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)]!
for (const [i, t] of targets.entries()) {
  const rounds: Array<{ k: WrkResult; n: WrkResult }> = []
  for (let r = 0; r < ROUNDS; r++) {
    const k = await wrk(base + t.path, { seconds: SECONDS, connections: CONNECTIONS })
    const n = await wrk(`http://127.0.0.1:${nginxPort}/f${i}`, { seconds: SECONDS, connections: CONNECTIONS })
    rounds.push({ k, n })
  }
  const { k, n } = median(rounds, (x) => x.k.rps / x.n.rps)
  row(t.label, k, n, files[i]!.body.byteLength, t.target)
}
nginx.stop()

// ---- 4. first visits: pages never rendered before ----
const firstVisit: number[] = []
for (let i = 0; i < 200; i++) {
  const id = generatedRecord((i * 997) % N).cveId
  const s = performance.now()
  const res = await fetch(`${base}/advisories/${id}`)
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`/advisories/${id}: ${res.status}`)
  firstVisit.push(performance.now() - s)
}
firstVisit.sort((a, b) => a - b)
out(`\nfirst visit of 200 distinct advisory pages (rendered, then kept): median ${firstVisit[100]!.toFixed(1)} ms, p95 ${firstVisit[190]!.toFixed(1)} ms`)

// ---- 5. a publication by another process reaches the cached pages (PostgreSQL: PGlite is one process's) ----
if (databaseUrl) await publicationFromElsewhere()
out(`server memory after the run: ${rssMb().toFixed(0)} MB RSS`)

server.kill('SIGTERM')
await new Promise((r) => server.once('exit', r))
await cleanUp()
process.exit(0)

async function publicationFromElsewhere() {
const extra = N
const { cveId: newId } = generatedRecord(extra)
await run(process.execPath, ['--import', 'tsx', '-e', `import('./bench/generated-entries.ts').then(async (g) => {
  const { mkdirSync, writeFileSync } = await import('node:fs')
  const { record, cveId } = g.generatedRecord(${extra})
  mkdirSync(${JSON.stringify(join(work, 'new'))}, { recursive: true })
  writeFileSync(${JSON.stringify(join(work, 'new'))} + '/' + cveId + '.json', JSON.stringify(record))
})`])
// Its own search page and its address are cached (nothing found) before it exists.
const watched = `/advisories?q=${newId}`
for (const path of [watched, watched, `/advisories/${newId}`]) await fetch(base + path)
const importStarted = performance.now()
const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', join(work, 'new')], { env, stdio: 'ignore' })
const exited = new Promise<number>((resolve) => child.once('exit', () => resolve(performance.now())))
let seenAt = 0
for (;;) {
  const body = await (await fetch(base + watched)).text()
  if (body.includes(`/advisories/${newId}"`)) { seenAt = performance.now(); break }
  if (performance.now() - importStarted > 120_000) throw new Error('the new entry never showed')
  await new Promise((r) => setTimeout(r, 5))
}
const doneAt = await exited
out(`a publication by another process (npm run import of one entry): on its cached search page ${(seenAt - doneAt).toFixed(0)} ms after that process exited (negative: before it exited; ${((seenAt - importStarted) / 1000).toFixed(1)} s after it started)`)
}

/**
 * Import benchmark (issue 12): writes N generated CVE JSON 5 records (bench/generated-entries.ts,
 * a cvelistV5-like tree; kept in the temp folder and reused for the same N), then runs
 * `npm run import` on them as a child process, on PGlite and — when DATABASE_URL names a
 * PostgreSQL server — on a fresh database created there and dropped afterwards. Prints the wall
 * time, the entries per second and the child's peak memory (from /usr/bin/time -v, or the
 * child's own resource usage). Target: 200,000 entries in under 60 s, under 1 GB.
 *
 * The database is created and migrated before the measured run (a fresh PGlite directory's
 * migrations alone peak near 1 GB; they are not the import's).
 *
 *   npx tsx bench/import.bench.ts                       # PGlite, 200,000 entries
 *   BENCH_ENTRIES=20000 DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres npx tsx bench/import.bench.ts
 *   BENCH_DATABASES=postgres …                          # only one of them
 */
process.env.KEIKAI_LOG ??= 'off'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openDatabase } from '../src/platform/db/database.js'
import { migrateToLatest } from '../src/platform/db/migrate.js'
import { writeGeneratedEntries } from './generated-entries.js'

const N = Number(process.env.BENCH_ENTRIES ?? 200_000)
const which = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',')
const root = process.cwd()

async function entries(): Promise<string> {
  const dir = join(tmpdir(), `keikai-bench-entries-${N}`)
  if (existsSync(join(dir, 'complete'))) return dir
  rmSync(dir, { recursive: true, force: true })
  const t0 = performance.now()
  await writeGeneratedEntries(dir, N, (done) => process.stderr.write(`\rgenerating ${done}/${N}`))
  writeFileSync(join(dir, 'complete'), String(N))
  process.stderr.write(`\rgenerated ${N} records in ${((performance.now() - t0) / 1000).toFixed(1)} s into ${dir}\n`)
  return dir
}

type Run = { seconds: number; maxRssMb: number; cpuSeconds: number; summary: string; exitCode: number }

/** The importer as a user runs it, measured from outside. */
function runImport(dir: string, env: Record<string, string>): Promise<Run> {
  const time = existsSync('/usr/bin/time')
  const args = ['--import', 'tsx', join(root, 'scripts/import.ts'), dir]
  const [cmd, argv] = time ? ['/usr/bin/time', ['-v', process.execPath, ...args]] : [process.execPath, args]
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { env: { ...process.env, ...env, KEIKAI_LOG: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (b: Buffer) => { out += b.toString() })
    child.stderr.on('data', (b: Buffer) => { err += b.toString(); const line = b.toString().trim().split('\n').at(-1); if (line?.startsWith('keikai import')) process.stderr.write(`  ${line}\n`) })
    child.on('error', reject)
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err)
      const cpu = ['User', 'System'].reduce((sum, kind) => sum + Number(new RegExp(`${kind} time \\(seconds\\): ([\\d.]+)`).exec(err)?.[1] ?? NaN), 0)
      resolve({ seconds, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN, cpuSeconds: cpu, summary: out.split('\n')[0] ?? '', exitCode: code ?? -1 })
    })
  })
}

function report(name: string, r: Run) {
  const rate = Math.round(N / r.seconds)
  process.stdout.write(
    `${name}: ${N} entries in ${r.seconds.toFixed(1)} s (${rate}/s), importer CPU ${r.cpuSeconds.toFixed(1)} s, peak RSS ${r.maxRssMb.toFixed(0)} MB, exit ${r.exitCode}` +
      ` — target < 60 s ${r.seconds < 60 ? 'MET' : 'MISSED'}, < 1 GB ${r.maxRssMb < 1024 ? 'MET' : 'MISSED'}\n  ${r.summary}\n`,
  )
}

const dir = await entries()

if (which.includes('pglite')) {
  const dataDir = mkdtempSync(join(tmpdir(), 'keikai-import-bench-'))
  try {
    const h = await openDatabase({ dataDir })
    await migrateToLatest(h.db)
    await h.close()
    report('PGlite', await runImport(dir, { KEIKAI_DATA_DIR: dataDir, DATABASE_URL: '' }))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (which.includes('postgres') && process.env.DATABASE_URL) {
  const server = process.env.DATABASE_URL
  const name = `keikai_import_bench_${process.pid}`
  const admin = await openDatabase({ databaseUrl: server })
  await sql`create database ${sql.id(name)}`.execute(admin.db)
  const url = new URL(server)
  url.pathname = `/${name}`
  try {
    const h = await openDatabase({ databaseUrl: url.toString() })
    await migrateToLatest(h.db)
    await h.close()
    report('PostgreSQL', await runImport(dir, { DATABASE_URL: url.toString() }))
  } finally {
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db)
    await admin.close()
  }
}

if (!process.env.BENCH_KEEP_ENTRIES && N >= 100_000) process.stderr.write(`(generated entries kept in ${dir} for the next run; delete it when done)\n`)

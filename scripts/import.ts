import cliProgress from 'cli-progress'
import { loadConfig } from '../src/platform/config.js'
import { openDatabase } from '../src/platform/db/database.js'
import { migrateToLatest } from '../src/platform/db/migrate.js'
import { systemClock } from '../src/platform/clock.js'
import { importPaths, type Progress } from '../src/import/import-files.js'
import { formatSummary } from '../src/import/summary.js'
import { sql } from 'kysely'

/**
 * `npm run import -- PATH...`: imports CVE JSON 5 records, MyJVN VULDEF / JVNRSS XML and JSON, and
 * CSAF 2.0 documents — files, directories (recursively) and zip archives — as public advisories
 * (issue 12). Into PostgreSQL (DATABASE_URL) or the PGlite directory (KEIKAI_DATA_DIR), migrated
 * first. Idempotent: the same data again changes nothing. A progress bar on a terminal, progress
 * lines otherwise (stderr); the summary on stdout. Exit 1 only when nothing could be read.
 *
 * Options: `--bulk` / `--no-bulk` force bulk mode on or off (default: on when the import is at
 * least 10,000 files and larger than the table; see Importer). `--workers=N` parses on N threads
 * (0: in the main thread; default: one per processor from 2,000 files on).
 */
const args = process.argv.slice(2)
const paths = args.filter((a) => !a.startsWith('--'))
const bulk = args.includes('--bulk') ? true : args.includes('--no-bulk') ? false : 'auto'
const workersArg = args.find((a) => a.startsWith('--workers='))
const workers = workersArg === undefined ? undefined : Number(workersArg.slice('--workers='.length))
const known = (a: string) => a === '--bulk' || a === '--no-bulk' || a === workersArg
if (paths.length === 0 || args.some((a) => a.startsWith('--') && !known(a)) || (workers !== undefined && !(Number.isInteger(workers) && workers >= 0 && workers <= 64))) {
  process.stderr.write('usage: npm run import -- [--bulk|--no-bulk] [--workers=N] PATH...   (files, directories, .zip)\n')
  process.exit(2)
}

const config = loadConfig()
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }).catch((error: Error) => {
  process.stderr.write(`keikai import cannot open its database: ${error.message}\n`)
  process.exit(1)
})
await migrateToLatest(handle.db)

const started = performance.now()
const tty = Boolean(process.stderr.isTTY)
const bar = tty
  ? new cliProgress.SingleBar({
    format: 'importing [{bar}] {percentage}% | {value}/{total} files | {rate}/s | {eta_formatted} left | +{added} ~{updated} ={unchanged} !{bad}',
    hideCursor: true, etaBuffer: 50,
  }, cliProgress.Presets.shades_classic)
  : null
let lastLine = 0
const onProgress = (p: Progress) => {
  const seconds = (performance.now() - started) / 1000
  const rate = Math.round(p.files / Math.max(seconds, 0.001))
  const values = { rate, added: p.summary.added, updated: p.summary.updated, unchanged: p.summary.unchanged, bad: p.summary.badCount }
  if (bar) {
    if (!bar.isActive) bar.start(p.totalFiles, 0, values)
    bar.setTotal(p.totalFiles)
    bar.update(p.files, values)
  } else if (seconds - lastLine >= 5 || p.files === p.totalFiles) {
    lastLine = seconds
    const left = rate > 0 ? Math.round((p.totalFiles - p.files) / rate) : 0
    process.stderr.write(`keikai import: ${p.files}/${p.totalFiles} files, ${p.summary.read} entries, ${rate} files/s, ${left} s left\n`)
  }
}

let exitCode = 0
try {
  const summary = await importPaths(handle, paths, {
    now: () => systemClock.now(), bulk, workers, onProgress,
    onNotice: (m) => { if (!bar) process.stderr.write(`keikai import: ${m}\n`) },
  })
  bar?.stop()
  // Folds the search indexes' pending lists into them and refreshes the planner's statistics: without
  // it (PGlite has no autovacuum) every search reads through the pending lists of a large import.
  if (summary.added + summary.updated > 1000) {
    process.stderr.write('keikai import: vacuum and analyze of advisories…\n')
    await sql`vacuum (analyze) advisories`.execute(handle.db)
  }
  process.stdout.write(formatSummary(summary, (performance.now() - started) / 1000))
  if (summary.read === 0) exitCode = 1
} catch (e) {
  bar?.stop()
  process.stderr.write(`keikai import failed: ${(e as Error).message}\n`)
  exitCode = 1
} finally {
  await handle.close()
}
process.exit(exitCode)

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from '../src/platform/config.js'
import { openDatabase } from '../src/platform/db/database.js'
import { systemClock } from '../src/platform/clock.js'
import { setDefaultLogLevel } from '../src/platform/log.js'
import { createApp } from '../src/app.js'
import { PageCache } from '../src/platform/http/page-cache.js'
import { exportSite } from '../src/static-export/export.js'

/**
 * `npm run export -- DIR [--full]`: writes the public portal as static files into DIR (ja/ and en/
 * trees, see src/static-export/nginx.example.conf), rendering only what changed since the last run
 * into the same DIR (`--full` renders everything, e.g. after upgrading keikai). Reads PostgreSQL
 * (DATABASE_URL) or the PGlite directory KEIKAI_DATA_DIR (which the server must not hold open).
 * PUBLIC_URL must be the public site's address: feeds, sitemaps and CSAF files carry it.
 */
const say = (line: string) => process.stderr.write(`keikai export: ${line}\n`)
const args = process.argv.slice(2)
const full = args.includes('--full')
const positional = args.filter((a) => a !== '--full')
const dir = positional[0]
if (!dir || dir.startsWith('-') || positional.length > 1) {
  process.stderr.write('usage: npm run export -- DIR [--full]\n')
  process.exit(2)
}
// One request log line per exported file would drown the progress; errors still show.
setDefaultLogLevel('error')

const config = loadConfig()
if (!config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION'))) {
  say(`there is no keikai database in ${config.dataDir}. Set KEIKAI_DATA_DIR to the data directory, or DATABASE_URL for PostgreSQL.`)
  process.exit(1)
}
const handle = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }).catch((error: Error) => {
  say(`cannot open the database: ${error.message}`)
  process.exit(1)
})
try {
  const deps = { db: handle.db, clock: systemClock, config }
  const summary = await exportSite({
    // No page cache: every answer is asked once, and holding them would only cost memory.
    app: createApp(deps, { pageCache: new PageCache({ db: handle.db, clock: systemClock, maxBytes: 0 }) }), deps, dir, full, concurrency: handle.backend === 'postgres' ? 8 : 2, progress: say,
  })
  say(`${summary.full ? 'full' : 'incremental'} export to ${dir}: ${summary.advisories.toLocaleString('en')} public advisories, ` +
    `${summary.rendered.toLocaleString('en')} rendered; files ${summary.written.toLocaleString('en')} written, ` +
    `${summary.unchanged.toLocaleString('en')} unchanged, ${summary.deleted.toLocaleString('en')} deleted; ${summary.seconds} s`)
  if (summary.dynamic.length) say(`left to the live server (forms for visitors): ${summary.dynamic.length} pages, e.g. ${summary.dynamic[0]}`)
  for (const e of summary.errors) say(`error: ${e}`)
  process.exitCode = summary.errors.length ? 1 : 0
} finally {
  await handle.close()
}

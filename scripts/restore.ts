import { createReadStream, existsSync } from 'node:fs'
import { loadConfig } from '../src/platform/config.js'
import { openDatabase } from '../src/platform/db/database.js'
import { BackupError, rowsText, readBackupHeader, restoreBackup } from '../src/platform/db/backup.js'

/**
 * `npm run restore -- FILE [--force]`: restores a backup written by `npm run backup` into the
 * database keikai is configured for (DATABASE_URL, or the PGlite directory KEIKAI_DATA_DIR, which
 * may be new). A database that holds data is refused unless --force, which replaces everything in
 * it. Stop the server first. All or nothing: a failed restore leaves the database as it was.
 */
const say = (line: string) => process.stderr.write(`keikai restore: ${line}\n`)
const args = process.argv.slice(2)
const force = args.includes('--force')
const files = args.filter((a) => a !== '--force')
if (files.length !== 1 || files[0]!.startsWith('-')) {
  process.stderr.write('usage: npm run restore -- FILE [--force]\n')
  process.exit(2)
}
const file = files[0]!

try {
  if (!existsSync(file)) throw new Error(`There is no file ${file}.`)
  // The file is checked before the database is opened, so a wrong file creates no data directory.
  const header = await readBackupHeader(createReadStream(file))
  say(`backup of ${header.createdAt}, at migration ${header.migrations.at(-1) ?? '(none)'}`)
  const config = loadConfig()
  const handle = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }).catch((error: Error) => {
    throw new Error(`${error.message.replace(/\. Stop it first\.$/, '')}: stop the server first, a restore needs the database to itself.`)
  })
  try {
    const rows = await restoreBackup(handle.db, createReadStream(file), { force, onTable: (table, n) => say(`${table}: ${rowsText(n)}`) })
    const total = Object.values(rows).reduce((a, b) => a + b, 0)
    say(`${rowsText(total)} of ${Object.keys(rows).length} tables restored. Start the server: it migrates on to this version.`)
  } finally {
    await handle.close()
  }
} catch (error) {
  say(error instanceof BackupError ? `${error.message} [${error.code}]` : (error as Error).message)
  process.exit(1)
}

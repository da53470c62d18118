import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from '../src/platform/config.js'
import { openDatabase } from '../src/platform/db/database.js'
import { BackupError, rowsText, verifyBackup, writeBackup } from '../src/platform/db/backup.js'
import { requestLiveBackup } from '../src/platform/db/live-backup.js'

/**
 * `npm run backup -- FILE`: writes a consistent snapshot of the database to FILE (keikai's gzip
 * JSON-lines format, see src/platform/db/backup-format.ts), also while the server runs. PostgreSQL
 * (DATABASE_URL) is read directly; a PGlite directory held by a running server is asked through the
 * server's backup socket; an idle PGlite directory is opened here. Progress goes to stderr.
 */
const say = (line: string) => process.stderr.write(`keikai backup: ${line}\n`)
const file = process.argv[2]
if (!file || file.startsWith('-') || process.argv.length > 3) {
  process.stderr.write('usage: npm run backup -- FILE\n')
  process.exit(2)
}

const config = loadConfig()
const partial = `${file}.partial-${process.pid}`
const onTable = (table: string, rows: number) => say(`${table}: ${rowsText(rows)}`)

async function takeBackup(): Promise<Record<string, number>> {
  if (config.databaseUrl) {
    const handle = await openDatabase({ databaseUrl: config.databaseUrl })
    try {
      return await writeBackup(handle.db, createWriteStream(partial), { onTable })
    } finally {
      await handle.close()
    }
  }
  if (!existsSync(join(config.dataDir, 'PG_VERSION'))) {
    throw new Error(`There is no keikai database in ${config.dataDir}. Set KEIKAI_DATA_DIR to the data directory, or DATABASE_URL for PostgreSQL.`)
  }
  if (await requestLiveBackup(config.dataDir, () => createWriteStream(partial))) {
    say('taken from the running server')
    return verifyBackup(createReadStream(partial), onTable)
  }
  const handle = await openDatabase({ dataDir: config.dataDir }).catch((error: Error) => {
    throw new Error(`${error.message.replace(/\. Stop it first\.$/, '')} and does not answer backups on its socket: update and restart it, or stop it first.`)
  })
  try {
    return await writeBackup(handle.db, createWriteStream(partial), { onTable })
  } finally {
    await handle.close()
  }
}

try {
  const rows = await takeBackup()
  renameSync(partial, file)
  const total = Object.values(rows).reduce((a, b) => a + b, 0)
  say(`${rowsText(total)} of ${Object.keys(rows).length} tables written to ${file}`)
} catch (error) {
  rmSync(partial, { force: true })
  say(error instanceof BackupError ? `${error.message} [${error.code}]` : (error as Error).message)
  process.exit(1)
}

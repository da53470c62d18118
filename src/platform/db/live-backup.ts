import { chmodSync, rmSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { DB } from './database.js'
import { writeBackup } from './backup.js'
import { log } from '../log.js'

/**
 * A running server holds its PGlite directory alone, so `npm run backup` cannot open it. The
 * server therefore answers backups on a Unix socket inside the data directory (mode 0600): only
 * someone who may read the data directory anyway can ask, and nothing is exposed over HTTP.
 * Requests wait while the snapshot is read (PGlite has one connection).
 */
export const LIVE_BACKUP_SOCKET = 'keikai-backup.sock'
const REQUEST = 'keikai-backup 1\n'
/** sun_path holds 108 bytes on Linux, 104 on macOS. */
const MAX_SOCKET_PATH = 100

export const liveBackupSocketPath = (dataDir: string) => resolve(dataDir, LIVE_BACKUP_SOCKET)

/** Listens for backup requests beside the data; the returned function stops listening and removes the socket. */
export async function serveLiveBackups(db: DB, dataDir: string): Promise<() => Promise<void>> {
  const path = liveBackupSocketPath(dataDir)
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    log.error('live backups unavailable: the data directory path is too long for a socket', { path })
    return async () => {}
  }
  rmSync(path, { force: true }) // left by a server that did not stop cleanly; the lock file proves it is gone
  const server = createServer((conn) => {
    let received = ''
    conn.setEncoding('utf8')
    conn.on('error', () => {})
    conn.on('data', (chunk: string) => {
      received += chunk
      if (received.length < REQUEST.length) return
      conn.removeAllListeners('data')
      if (received !== REQUEST) return void conn.destroy()
      conn.pause()
      writeBackup(db, conn).then(
        (rows) => log.info('live backup written', { tables: Object.keys(rows).length }),
        (error: Error) => { log.error('live backup failed', { error: error.message }); conn.destroy() },
      )
    })
  })
  await new Promise<void>((ok, fail) => { server.once('error', fail); server.listen(path, ok) })
  chmodSync(path, 0o600)
  return async () => {
    await new Promise<void>((ok) => server.close(() => ok()))
    rmSync(path, { force: true })
  }
}

/**
 * Asks the server holding `dataDir` for a backup and writes it to the stream `open` gives. Resolves
 * false when no server listens there (no socket, or one left behind), so the caller can open the
 * directory itself. The server cuts the stream short if the backup fails: check it with `verifyBackup`.
 */
export async function requestLiveBackup(dataDir: string, open: () => Writable): Promise<boolean> {
  const conn = createConnection(liveBackupSocketPath(dataDir))
  try {
    await new Promise<void>((ok, fail) => { conn.once('connect', ok); conn.once('error', fail) })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ECONNREFUSED') return false
    throw error
  }
  conn.write(REQUEST)
  await pipeline(conn, open())
  return true
}

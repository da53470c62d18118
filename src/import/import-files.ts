import { readFile, readdir, realpath, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { basename, join } from 'node:path'
import yauzl from 'yauzl'
import type { CopyIn, DatabaseHandle, DB } from '../platform/db/database.js'
import { parseFile, unreadable, type ParsedFile } from './parse.js'
import { parseInWorkers, type ParseItem } from './parse-pool.js'
import { Importer, type ImportSummary } from './import.usecases.js'

/**
 * Reading files, directory trees and zip archives for the importer (`npm run import`). Files are
 * read a few at a time and parsed one after the other; entries go to the importer as they come, so
 * memory holds a batch and a few files, never the whole import. A zip is read from disk entry by
 * entry (its central directory, then each entry's stream), never into memory as a whole.
 */

export type ImportFile = { name: string; read: () => Promise<Buffer> }

/** cvelistV5's change logs, and everything hidden (`.git`, `.github`): never records. */
const skipped = (name: string) => /^delta.*\.json$/i.test(basename(name)) || basename(name).startsWith('.')
const wanted = (name: string) => /\.(json|xml|rdf)$/i.test(name) && !skipped(name)
/** In a cvelistV5 tree only `cves/…/CVE-….json` are records (not its README, package.json, recent activities). */
const inCveTree = (name: string) => /(^|\/)cves\//.test(name)
const cveTreeRecord = (name: string) => inCveTree(name) && /^CVE-\d{4}-\d+\.json$/i.test(basename(name))

/** The record files under `dir`, in name order; symbolic links are followed (each directory walked once, so a loop ends). */
async function walk(dir: string, out: string[], seen = new Set<string>()): Promise<void> {
  const real = await realpath(dir)
  if (seen.has(real)) return
  seen.add(real)
  const items = await readdir(dir, { withFileTypes: true })
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const item of items) {
    if (item.name.startsWith('.')) continue
    const path = join(dir, item.name)
    const target = item.isSymbolicLink() ? await stat(path).catch(() => null) : item
    if (target?.isDirectory()) await walk(path, out, seen)
    else if (target?.isFile() && wanted(item.name)) out.push(path)
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, zip) => (err ? reject(err) : resolve(zip))))
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => {
    if (err) return reject(err)
    const parts: Buffer[] = []
    stream.on('data', (b: Buffer) => parts.push(b))
    stream.on('end', () => resolve(Buffer.concat(parts)))
    stream.on('error', reject)
  }))
}

/** Each record file of a zip, in archive order, read when asked (the next entry is read only after). */
async function* zipFiles(path: string): AsyncGenerator<{ name: string; bytes: Buffer } | { name: string; error: string }> {
  const zip = await openZip(path)
  let cveTree: boolean | null = null
  const next = () => new Promise<yauzl.Entry | null>((resolve, reject) => {
    const onEntry = (e: yauzl.Entry) => { cleanup(); resolve(e) }
    const onEnd = () => { cleanup(); resolve(null) }
    const onError = (e: Error) => { cleanup(); reject(e) }
    const cleanup = () => { zip.off('entry', onEntry); zip.off('end', onEnd); zip.off('error', onError) }
    zip.on('entry', onEntry); zip.on('end', onEnd); zip.on('error', onError)
    zip.readEntry()
  })
  for (let entry = await next(); entry; entry = await next()) {
    const name = entry.fileName
    if (name.endsWith('/') || !wanted(name) || name.split('/').some((p) => p.startsWith('.'))) continue
    cveTree ??= inCveTree(name)
    if (cveTree && !cveTreeRecord(name)) continue
    try {
      yield { name: `${path}:${name}`, bytes: await readEntry(zip, entry) }
    } catch (e) {
      yield { name: `${path}:${name}`, error: `cannot read from the zip: ${(e as Error).message}` }
    }
  }
}

export type Progress = { files: number; totalFiles: number; summary: ImportSummary }

export type ImportFilesOptions = {
  now: () => Date
  /** `auto` (default): bulk mode when the import is at least 10,000 files' worth and larger than the table. */
  bulk?: boolean | 'auto'
  batchSize?: number
  /**
   * Parse workers (threads) to read and parse files on; 0 parses in this thread. Default: 0 below
   * 2,000 files (starting workers costs more than it saves), otherwise one per processor.
   */
  workers?: number
  onProgress?: (p: Progress) => void
  onNotice?: (message: string) => void
}

/** How many files (or zip entries) the paths hold, to show progress; and the directories' file lists. */
async function plan(paths: string[]): Promise<{ items: Array<{ kind: 'file' | 'zip'; path: string }>; totalFiles: number; bad: Array<{ file: string; reason: string }> }> {
  const items: Array<{ kind: 'file' | 'zip'; path: string }> = []
  const bad: Array<{ file: string; reason: string }> = []
  let totalFiles = 0
  for (const path of paths) {
    const info = await stat(path).catch(() => null)
    if (!info) { bad.push({ file: path, reason: 'no such file or directory' }); continue }
    if (info.isDirectory()) {
      const files: string[] = []
      await walk(path, files)
      const cveTree = files.some((f) => inCveTree(f.slice(path.length)))
      for (const f of files) if (!cveTree || cveTreeRecord(f.slice(path.length))) { items.push({ kind: 'file', path: f }); totalFiles++ }
    } else if (/\.zip$/i.test(path)) {
      const zip = await openZip(path).catch((e: Error) => { bad.push({ file: path, reason: `not a readable zip: ${e.message}` }); return null })
      if (!zip) continue
      totalFiles += zip.entryCount
      zip.close()
      items.push({ kind: 'zip', path })
    } else {
      items.push({ kind: 'file', path })
      totalFiles++
    }
  }
  return { items, totalFiles, bad }
}

/** Files in order, read a few ahead of the one being parsed. */
async function* files(items: Array<{ kind: 'file' | 'zip'; path: string }>): AsyncGenerator<{ name: string; bytes: Buffer } | { name: string; error: string }> {
  const AHEAD = 16
  const queue: Array<Promise<{ name: string; bytes: Buffer } | { name: string; error: string }>> = []
  const read = (path: string) => readFile(path).then((bytes) => ({ name: path, bytes }), (e: Error) => ({ name: path, error: `cannot read: ${e.message}` }))
  for (const item of items) {
    if (item.kind === 'zip') {
      while (queue.length) yield await queue.shift()!
      yield* zipFiles(item.path)
      continue
    }
    queue.push(read(item.path))
    if (queue.length >= AHEAD) yield await queue.shift()!
  }
  while (queue.length) yield await queue.shift()!
}

/** Every file parsed in this thread, in order. */
async function* parsedHere(items: Array<{ kind: 'file' | 'zip'; path: string }>): AsyncGenerator<ParsedFile> {
  for await (const file of files(items)) {
    yield 'error' in file ? unreadable(file.name, file.error) : parseFile(file.name, file.bytes)
  }
}

/** Every file parsed on worker threads, in order; a zip entry that cannot be read is reported at once. */
function parsedInWorkers(items: Array<{ kind: 'file' | 'zip'; path: string }>, workers: number, importer: Importer): AsyncGenerator<ParsedFile> {
  async function* toParse(): AsyncGenerator<ParseItem> {
    for (const item of items) {
      if (item.kind === 'file') { yield { name: item.path }; continue }
      for await (const entry of zipFiles(item.path)) {
        if ('error' in entry) for (const b of unreadable(entry.name, entry.error).bad) importer.reportBad(entry.name, b)
        else yield { name: entry.name, bytes: entry.bytes }
      }
    }
  }
  return parseInWorkers(toParse(), workers)
}

/**
 * Imports files, directories (recursively) and zip archives. Returns the summary; a file that is
 * not a record, or a record that cannot be read, is listed there and the import goes on.
 *
 * Given the database handle (not only a Kysely), new entries are loaded with COPY on one session,
 * and bulk mode builds its indexes again side by side on the handle's pool.
 */
export async function importPaths(target: DB | DatabaseHandle, paths: string[], options: ImportFilesOptions): Promise<ImportSummary> {
  if (!('session' in target)) return importWith(target, null, null, paths, options)
  return target.session((db, copyIn) => importWith(db, copyIn, target.db, paths, options))
}

async function importWith(db: DB, copyIn: CopyIn | null, pool: DB | null, paths: string[], options: ImportFilesOptions): Promise<ImportSummary> {
  const { items, totalFiles, bad } = await plan(paths)
  let bulk = options.bulk === true
  if (options.bulk === undefined || options.bulk === 'auto') {
    const { count } = await db.selectFrom('advisories').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow()
    bulk = totalFiles >= 10_000 && totalFiles > Number(count)
  }
  const importer = new Importer(db, { now: options.now, batchSize: options.batchSize, bulk, onNotice: options.onNotice, copyIn, indexDb: pool })
  for (const b of bad) importer.reportBad(b.file, { record: b.file, reason: b.reason })
  const workers = options.workers ?? (totalFiles >= 2_000 ? availableParallelism() : 0)
  await importer.start()
  let done = 0
  let lastReport = 0
  try {
    for await (const file of workers > 0 ? parsedInWorkers(items, workers, importer) : parsedHere(items)) {
      done++
      for (const b of file.bad) importer.reportBad(file.name, b)
      for (const entry of file.entries) await importer.add(entry, file.name)
      const t = performance.now()
      if (options.onProgress && t - lastReport > 200) {
        lastReport = t
        options.onProgress({ files: done, totalFiles: Math.max(totalFiles, done), summary: importer.summary })
      }
    }
    const summary = await importer.finish()
    options.onProgress?.({ files: done, totalFiles: Math.max(totalFiles, done), summary })
    return summary
  } finally {
    await importer.restoreIndexes()
  }
}

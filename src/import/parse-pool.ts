import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ParsedFile } from './parse.js'

/**
 * Parsing on worker threads, for a large import: reading, parsing, the digest and the search
 * columns of each entry cost far more than writing it, and they need no database. Files go out
 * in jobs of a few dozen to the least busy worker; results come back in the order of the files,
 * so an import gives the same result with workers or without.
 */

/** A file the worker reads itself (by path), or the bytes of a zip entry. */
export type ParseItem = { name: string } | { name: string; bytes: Uint8Array }
export type ParseJob = { seq: number; items: ParseItem[] }
type Answer = { seq: number; results: ParsedFile[] }

const JOB_SIZE = 32
/** Jobs sent ahead per worker: enough to keep it busy, few enough to keep memory small. */
const AHEAD = 3

/**
 * A parse worker: the module next to this one. Run from TypeScript source (tsx), the worker first
 * registers tsx itself: Node 20 does not pass the main thread's module hooks on to workers.
 */
function startWorker(): Worker {
  const ext = extname(fileURLToPath(import.meta.url))
  const url = new URL(`./parse-worker${ext}`, import.meta.url)
  if (ext !== '.ts') return new Worker(url, { resourceLimits: WORKER_LIMITS })
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}) })`, { eval: true, resourceLimits: WORKER_LIMITS })
}

/**
 * V8 lets a heap grow to a share of the machine's memory before it collects in earnest; three of
 * them (two workers and the writer) took an import of 200,000 entries past 1 GB (830 MB with this
 * limit). A worker needs little beyond the file in hand; 512 MB leaves room for a large XML file.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 512 }

export async function* parseInWorkers(items: AsyncIterable<ParseItem>, count: number): AsyncGenerator<ParsedFile> {
  const workers = Array.from({ length: count }, () => ({ worker: startWorker(), busy: 0 }))
  const waiting = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>()
  const failAll = (e: Error) => { for (const w of waiting.values()) w.reject(e); waiting.clear() }
  for (const w of workers) {
    w.worker.on('message', (a: Answer) => { w.busy--; const p = waiting.get(a.seq); waiting.delete(a.seq); p?.resolve(a) })
    w.worker.on('error', failAll)
    w.worker.on('exit', (code) => { if (code !== 0) failAll(new Error(`a parse worker stopped (exit ${code})`)) })
  }
  const inFlight: Array<Promise<Answer>> = []
  let seq = 0
  const send = (batch: ParseItem[]) => {
    const w = workers.reduce((a, b) => (b.busy < a.busy ? b : a))
    w.busy++
    const job: ParseJob = { seq: seq++, items: batch }
    inFlight.push(new Promise<Answer>((resolve, reject) => waiting.set(job.seq, { resolve, reject })))
    // A zip entry's bytes are copied, not transferred: a small Buffer may share its memory with others.
    w.worker.postMessage(job)
  }
  try {
    let batch: ParseItem[] = []
    for await (const item of items) {
      batch.push(item)
      if (batch.length < JOB_SIZE) continue
      send(batch)
      batch = []
      while (inFlight.length >= count * AHEAD) for (const r of (await inFlight.shift()!).results) yield r
    }
    if (batch.length) send(batch)
    while (inFlight.length) for (const r of (await inFlight.shift()!).results) yield r
  } finally {
    for (const p of inFlight) p.catch(() => {})
    await Promise.all(workers.map((w) => w.worker.terminate()))
  }
}

import { readFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { parseFile, unreadable, type ParsedFile } from './parse.js'
import type { ParseJob } from './parse-pool.js'

/**
 * A parse worker (parse-pool.ts): reads each file of a job itself (or takes the bytes sent, for a
 * zip's entries), parses it and prepares its entries; answers with the results in job order.
 */
parentPort!.on('message', (job: ParseJob) => {
  const results: ParsedFile[] = job.items.map((item) => {
    if ('bytes' in item) return parseFile(item.name, Buffer.from(item.bytes.buffer, item.bytes.byteOffset, item.bytes.byteLength))
    let bytes: Buffer
    try {
      bytes = readFileSync(item.name)
    } catch (e) {
      return unreadable(item.name, `cannot read: ${(e as Error).message}`)
    }
    return parseFile(item.name, bytes)
  })
  parentPort!.postMessage({ seq: job.seq, results })
})

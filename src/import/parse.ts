import { basename } from 'node:path'
import { fromCsaf, isCsaf } from './csaf.js'
import { fromCveRecord, isCveRecord } from './cve-record.js'
import { entryHash, fail, RecordError, type BadRecord, type ImportedEntry, type ParseResult, type PreparedEntry } from './entry.js'
import { entryCopyText } from './advisory-row.js'
import { isMyjvnJson, parseMyjvnJson, parseMyjvnXml } from './jvn.js'

/**
 * A JSON document, tolerating what the real MyJVN JSON gets wrong: a member with no value
 * (`"retMax": ,` in the dataFeed detail oka file) reads as null.
 */
function parseJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch (first) {
    const repaired = text.replace(/(:\s*)(?=[,}\]])/g, '$1null')
    try {
      return JSON.parse(repaired) as Record<string, unknown>
    } catch {
      return fail(`JSON does not parse: ${(first as Error).message}`)
    }
  }
}

/**
 * Any file the importer reads, by its content: a CVE JSON 5 record, a CSAF 2.0 document, MyJVN
 * JSON (oka), or MyJVN XML (VULDEF, JVNRSS). A file that is none of these, or does not parse, is
 * one bad record; inside a document of many entries each bad entry is reported on its own.
 */
export function parseDocument(name: string, bytes: Buffer | string): ParseResult {
  try {
    const text = (typeof bytes === 'string' ? bytes : bytes.toString('utf8')).replace(/^\uFEFF/, '')
    const head = text.trimStart()
    if (head.startsWith('<')) return parseMyjvnXml(text)
    if (!head.startsWith('{')) return fail('neither JSON nor XML')
    const doc = parseJson(text)
    if (isCveRecord(doc)) return { entries: [fromCveRecord(doc)], bad: [] }
    if (isMyjvnJson(doc)) return parseMyjvnJson(doc)
    if (isCsaf(doc)) return { entries: [fromCsaf(doc)], bad: [] }
    return fail('not a CVE JSON 5 record, a CSAF document or MyJVN data')
  } catch (e) {
    if (!(e instanceof RecordError)) throw e
    return { entries: [], bad: [{ record: name, reason: e.message }] }
  }
}

export function prepareEntry(e: ImportedEntry): PreparedEntry {
  const { content: c, ...rest } = e
  const contentJson = JSON.stringify(c)
  return { ...rest, contentJson, mark: `${e.partial ? '0' : '1'}${entryHash(e)}`, copyText: entryCopyText(e.identifier, rest, contentJson, c) }
}

/** One file read and parsed, its entries prepared: what the importer takes, from a parse worker or not. */
export type ParsedFile = { name: string; entries: PreparedEntry[]; bad: BadRecord[] }

export function parseFile(name: string, bytes: Buffer | string): ParsedFile {
  const { entries, bad } = parseDocument(basename(name), bytes)
  return { name, entries: entries.map(prepareEntry), bad }
}

/** A file (or zip entry) that could not be read, as one bad record. */
export const unreadable = (name: string, reason: string): ParsedFile => ({ name, entries: [], bad: [{ record: basename(name), reason }] })

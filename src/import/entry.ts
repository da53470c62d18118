import { createHash } from 'node:crypto'
import { highestSeverity, scoreCvss31, scoreCvss40, type AdvisoryContent, type CvssScore, type Localized } from '../advisories/index.js'

export type ImportSource = 'jvn' | 'cve' | 'csaf'
export type SourceId = { kind: 'JVNDB' | 'JVN' | 'CVE' | 'CSAF'; id: string }

/**
 * One entry read from outside, normalised: what the importer writes as a public advisory. Every
 * parser returns these, so the upsert knows nothing about formats.
 */
export type ImportedEntry = {
  source: ImportSource
  /** Identity in its source: the JVNDB number, the CVE id, or CSAF `namespace` + `tracking.id`. */
  sourceKey: string
  /** The public identifier preferred for the portal URL (JVNDB-…, CVE-…, the CSAF tracking id). */
  identifier: string
  jvndbId: string | null
  sourceIds: SourceId[]
  publishedAt: Date
  modifiedAt: Date
  /**
   * Which language of the entry this record carries. JVN iPedia publishes its Japanese and English
   * entries as separate records with the same number: each fills its own side of one advisory.
   */
  lang: 'ja' | 'en' | 'both'
  /** An overview (RSS) record: title and summary only. It never replaces a full record of the same time. */
  partial: boolean
  content: AdvisoryContent
}

/**
 * An entry made ready to be written: its content as JSON text, its digest (`mark`: 1 for a full
 * record, 0 for an overview, then the digest) and its own columns as COPY text under its own
 * identifier (advisory-row.ts). This is the per-entry work, done where the file was parsed — in a
 * parse worker for a large import — so the writer only compares, numbers and sends.
 */
export type PreparedEntry = Omit<ImportedEntry, 'content'> & { contentJson: string; mark: string; copyText: string }

/** A record that could not be read: where it was and why (shown in the import summary). */
export type BadRecord = { record: string; reason: string }

export type ParseResult = { entries: ImportedEntry[]; bad: BadRecord[] }

/** A problem with one record; the parser turns it into a `BadRecord` and goes on with the next. */
export class RecordError extends Error {}

export const fail = (reason: string): never => { throw new RecordError(reason) }

/** The digest of an entry as normalised: the same record imported again has the same digest. */
export const entryHash = (e: ImportedEntry): string =>
  createHash('sha256').update(JSON.stringify({ ...e, publishedAt: e.publishedAt.toISOString(), modifiedAt: e.modifiedAt.toISOString() })).digest('hex')

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }
const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m
    }
    return NAMED[name.toLowerCase()] ?? m
  })

/**
 * Escaped HTML in a description (`&lt;ul&gt;&lt;li&gt;…`) as plain text: list items and breaks
 * become lines, every other tag goes, entities are decoded. The portal escapes text again, so no
 * markup from a source ever reaches a page.
 */
export function htmlToText(raw: unknown): string {
  if (raw === undefined || raw === null) return ''
  let s = String(raw)
  if (/&lt;|&gt;/.test(s)) s = decodeEntities(s)
  if (/<[a-z/!]/i.test(s)) {
    s = s.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '').replace(/<\s*li\b[^>]*>/gi, '\n・').replace(/<\s*(br|\/p|\/ul|\/ol|p|ul|ol)\b[^>]*>/gi, '\n').replace(/<[^>]*>/g, '')
  }
  s = decodeEntities(s).replace(/\\n/g, '\n').replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').replace(/\n+・/g, '\n・').replace(/\n{3,}/g, '\n\n')
  return s.trim()
}

/** Text from one language into `{ ja, en }`: the other language stays empty and the portal marks the fallback. */
export const inLang = (lang: 'ja' | 'en', text: string): Localized => (lang === 'ja' ? { ja: text, en: '' } : { ja: '', en: text })

/**
 * A source's date: ISO 8601 with or without seconds (`2025-04-11T23:52+09:00`), a date alone, or
 * nothing. Returns null for nothing; throws for a date that cannot be read.
 */
export function readDate(raw: unknown, what: string): Date | null {
  if (raw === undefined || raw === null) return null
  const s = String(raw).trim()
  if (!s) return null
  const fixed = s.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|[+-]\d{2}:?\d{2})?$/, '$1:00$2')
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(fixed) ? `${fixed}T00:00:00Z` : fixed)
  if (Number.isNaN(d.getTime())) fail(`${what}: unreadable date "${s}"`)
  return d
}

const V3_BASE = new Set(['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'])
const V4_BASE = new Set(['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'])

/** The vector's base metrics: a source's temporal, threat or environmental metrics are not what keikai publishes. */
const baseOnly = (vector: string, base: Set<string>): string => {
  const [prefix, ...metrics] = vector.split('/')
  return [prefix, ...metrics.filter((m) => base.has(m.split(':')[0]!))].join('/')
}

/**
 * A CVSS 3.x vector scored as 3.1: keikai keeps 3.1 and 4.0. CVSS 3.0's base metrics are the
 * same as 3.1's, so a 3.0 vector (JVN iPedia's) is read as 3.1; a malformed vector is left out.
 */
export const cvss3 = (vector: unknown): CvssScore | null => scored(vector, (v) => scoreCvss31(baseOnly(v.replace(/^CVSS:3\.0\//, 'CVSS:3.1/'), V3_BASE)))

export const cvss4 = (vector: unknown): CvssScore | null => scored(vector, (v) => scoreCvss40(baseOnly(v, V4_BASE)))

/** Scores by vector, remembered: a national database uses a few thousand distinct vectors, and scoring 4.0 is slow. */
const scores = new Map<string, CvssScore | null>()
function scored(vector: unknown, score: (v: string) => CvssScore): CvssScore | null {
  if (typeof vector !== 'string' || !vector.trim()) return null
  const v = vector.trim()
  let s = scores.get(v)
  if (s === undefined) {
    try {
      s = score(v)
    } catch {
      s = null
    }
    if (scores.size >= 50_000) scores.clear()
    scores.set(v, s)
  }
  return s && { ...s }
}

const CVE = /^CVE-\d{4}-\d{4,}$/
const CWE = /^CWE-\d+$/
export const cveOrNull = (s: unknown): string | null => (typeof s === 'string' && CVE.test(s.trim()) ? s.trim() : null)
export const cweOrNull = (s: unknown): string | null => (typeof s === 'string' && CWE.test(s.trim()) ? s.trim() : null)

/** An http(s) URL as given, or null: references with anything else (javascript:, relative) are dropped. */
export const urlOrNull = (s: unknown): string | null => {
  const u = typeof s === 'string' ? s.trim() : ''
  return /^https?:\/\/\S+$/i.test(u) ? u : null
}

export const emptyText: Localized = { ja: '', en: '' }

/** The stored content, with the severity the portal filters on. */
export function content(c: Omit<AdvisoryContent, 'severity' | 'credits' | 'creditsChosen'> & { credits?: AdvisoryContent['credits'] }): AdvisoryContent {
  return { ...c, credits: c.credits ?? [], creditsChosen: false, severity: highestSeverity(c.vulnerabilities) }
}

/** Each value once, in first-seen order. */
export function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>()
  return items.filter((t) => {
    const k = key(t)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

export const asArray = <T>(v: T | T[] | undefined | null): T[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])

import { createHash } from 'node:crypto'
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { sql } from 'kysely'
import type { Deps } from '../platform/http/context.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import { identifierSlug } from '../advisories/index.js'
import { monthOf } from './archive.repository.js'

/**
 * The static export (`npm run export -- DIR`): the whole public portal written as files that nginx
 * or any CDN serves as they are (layout and nginx config: nginx.example.conf). Every file is the
 * app's own answer to an anonymous request, rendered in process through the caller's `app.request`,
 * so the bytes equal what the server sends; nothing is rendered here that the app would not show
 * the public — the app's visibility rule decides, and a non-200 answer writes nothing.
 *
 * Layout: `DIR/ja/<file>` and `DIR/en/<file>`, one complete tree per language (a file whose bytes
 * are the same in both is one inode, hard-linked). A URL's file: the path itself (decoded), plus
 * `index.html` when it ends in `/`, plus `.html` for a page without that ending (`/advisories/JVN…`
 * → `advisories/JVN….html`). `DIR/.keikai-export.json` is the manifest: the last run's time, each
 * public advisory's stamp (a digest of its identifiers and its publication, update and revision
 * times), month and files, and the other pages' files.
 *
 * Incremental: an advisory is rendered again only when its stamp differs from the manifest's (new,
 * revised, republished, renumbered); the pages that list advisories (home, index, feeds, sitemaps,
 * CSAF listings, alerts …) are rendered every run; archive months, JVNDB year feeds and CSAF year
 * folders only where an advisory came, changed or went. A file is written only when its bytes differ from the file on disk (compared
 * byte for byte: exact, and right even after someone touched the tree), through a temp file and a
 * rename, so a reader never sees half a file; the files of an advisory no longer public, and of a
 * page no longer served, are deleted. `full` renders everything (after an upgrade of keikai itself).
 */

export const MANIFEST = '.keikai-export.json'
const MANIFEST_VERSION = 2
export const LANGS = ['ja', 'en'] as const
type Lang = (typeof LANGS)[number]

/** What renders a path: the app's own `request` (createApp(deps).request). */
export type Render = (path: string, init: { headers: Record<string, string> }) => Response | Promise<Response>

export type ExportOptions = {
  app: { request: Render }
  deps: Pick<Deps, 'db' | 'clock' | 'config'>
  dir: string
  full?: boolean
  /** Advisories rendered at once (each is a few requests; PostgreSQL answers them in parallel). */
  concurrency?: number
  progress?: (line: string) => void
}

export type ExportSummary = {
  full: boolean
  advisories: number
  rendered: number
  /** Files (one per language) written, left as they were, deleted. */
  written: number
  unchanged: number
  deleted: number
  /** Pages with a form for visitors (a per-visitor CSRF token): left to the live server. */
  dynamic: string[]
  errors: string[]
  seconds: number
}

type Manifest = {
  version: number
  lastRun: string
  publicUrl: string
  /** Advisory id → [stamp, month, …its files]. */
  entries: Record<string, string[]>
  /** URL path → its file, for every page that is not an advisory's own. */
  pages: Record<string, string>
}

/**
 * The pages every run renders: everything public that lists advisories or stands alone. Their
 * links to single alerts, listings, statistics quarters, sitemaps and the key are followed (FOLLOW).
 */
export const GLOBAL_PAGES = [
  '/', '/advisories', '/archive', '/alerts', '/uncontactable', '/statistics', '/statistics/report.css',
  '/rss/advisories.rdf', '/rss/alerts.rdf', '/rss/jvndb.rdf', '/rss/jvndb_new.rdf',
  '/sitemap.xml', '/robots.txt', '/.well-known/security.txt', '/.well-known/openpgp-key.asc',
  '/favicon.svg', '/favicon.ico', '/static/app.css',
  '/.well-known/csaf/', '/.well-known/csaf/provider-metadata.json', '/.well-known/csaf/service.json', '/.well-known/csaf/openpgp/',
  '/.well-known/csaf/white/', '/.well-known/csaf/white/index.txt', '/.well-known/csaf/white/changes.csv',
  '/.well-known/csaf/white/csaf-feed-tlp-white.json', '/.well-known/csaf/white/category-white.json',
]

/** Links from the global pages that are pages of their own (never an advisory's: those come from the database). */
const FOLLOW = [
  /^\/alerts\/[^/]+$/,
  /^\/uncontactable\/[^/]+$/,
  /^\/statistics\/\d{4}Q[1-4](\.[a-z]+)?$/,
  /^\/sitemaps\/[^/]+\.xml$/,
  /^\/\.well-known\/csaf\/openpgp\/[^/]+\.asc$/,
  /^\/\.well-known\/csaf\/white\/\d{4}\/$/,
]
const ARCHIVE_MONTH = /^\/archive\/(\d{4}-\d{2})$/
/** Pages of one year's advisories: rendered again only when an advisory of that year came, changed or went. */
const YEAR_PAGE = /^\/(?:rss\/years\/jvndb_(\d{4})\.rdf|\.well-known\/csaf\/white\/(\d{4})\/)$/

/** An advisory's own format files (its alternates) that are plain files: no query string, no feed. */
const ENTRY_FORMAT = (href: string) => href.startsWith('/') && !href.includes('?') && !href.startsWith('/rss/')
const CSAF_DOCUMENT = /^\/\.well-known\/csaf\/white\/\d{4}\/[^/]+\.json$/
/** Answers that speak the reader's language; every other file is the same in both. */
const IN_LANGUAGE = /^(text\/html|application\/rss\+xml)/

/** The file (relative to a language tree) that holds a URL path's answer. */
export function fileFor(path: string, contentType: string): string {
  const decoded = path.split('/').map((s) => decodeURIComponent(s)).join('/')
  if (decoded.split('/').some((s) => s === '..' || s === '.')) throw new Error(`refusing path ${path}`)
  if (decoded.endsWith('/')) return `${decoded.slice(1)}index.html`
  if (contentType.startsWith('text/html') && !decoded.endsWith('.html')) return `${decoded.slice(1)}.html`
  return decoded.slice(1)
}

const stampOf = (parts: string[]) => createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 16)

function readManifest(dir: string): Manifest | null {
  const file = join(dir, MANIFEST)
  if (!existsSync(file)) return null
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest
    return m.version === MANIFEST_VERSION ? m : null
  } catch {
    return null
  }
}

/** Whether `file` already holds exactly `bytes`. */
function holds(file: string, bytes: Uint8Array): boolean {
  try {
    if (statSync(file).size !== bytes.byteLength) return false
    return readFileSync(file).equals(bytes)
  } catch {
    return false
  }
}

/** Writes bytes so that a reader sees the old file or the new one, never half of one. */
function writeAtomic(file: string, bytes: Uint8Array) {
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.tmp-${process.pid}`
  writeFileSync(temp, bytes)
  renameSync(temp, file)
}

/** Makes `file` another name of `existing` (same bytes, one inode), atomically. */
function linkAtomic(existing: string, file: string) {
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.tmp-${process.pid}`
  try {
    unlinkSync(temp)
  } catch { /* no leftover */ }
  linkSync(existing, temp)
  renameSync(temp, file)
}

/** The links a page at `path` names (`href="…"` attributes, sitemap `<loc>`s), as site paths; relative ones resolved. */
function linksIn(text: string, path: string, publicUrl: string): string[] {
  const found = [
    ...[...text.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]!),
    ...[...text.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!),
  ]
  const base = new URL(path, 'http://export.invalid')
  return found.map((h) => h.replaceAll('&amp;', '&')).flatMap((h) => {
    if (h.startsWith(publicUrl + '/')) return [h.slice(publicUrl.length)]
    if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(h)) return []
    const url = new URL(h, base)
    return url.search || url.host !== base.host ? [] : [url.pathname]
  })
}

/** The `<link rel="alternate" … href>` targets of a page's head. */
function alternatesIn(html: string): string[] {
  const head = html.slice(0, html.indexOf('</head>'))
  return [...head.matchAll(/<link\b[^>]*>/g)].flatMap((m) => {
    const tag = m[0]
    if (!/\brel="alternate"/.test(tag)) return []
    const href = /\bhref="([^"]*)"/.exec(tag)?.[1]
    return href ? [href.replaceAll('&amp;', '&')] : []
  })
}

type Rendered = { path: string; contentType: string; bytes: Record<Lang, Uint8Array> }

/** Runs `work` over `items`, at most `limit` at a time. */
async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!)
  }))
}

export async function exportSite(options: ExportOptions): Promise<ExportSummary> {
  const started = performance.now()
  const { app, deps, dir } = options
  const say = options.progress ?? (() => {})
  const publicUrl = deps.config.publicUrl
  const previous = readManifest(dir)
  const full = Boolean(options.full) || !previous || previous.publicUrl !== publicUrl
  const now = deps.clock.now()
  const next: Manifest = { version: MANIFEST_VERSION, lastRun: now.toISOString(), publicUrl, entries: {}, pages: {} }
  const summary: ExportSummary = { full, advisories: 0, rendered: 0, written: 0, unchanged: 0, deleted: 0, dynamic: [], errors: [], seconds: 0 }
  mkdirSync(dir, { recursive: true })

  /**
   * Both languages' answers for a path; null when the public gets no page there (or a form for
   * visitors). An answer that is not a page or a feed (JSON, text, XML, a key) is asked once: it
   * reads the same in both languages (the tests compare both with the app).
   */
  async function render(path: string): Promise<Rendered | null> {
    const bytes = {} as Record<Lang, Uint8Array>
    let contentType = ''
    for (const lang of LANGS) {
      const res = await app.request(path, { headers: { 'accept-language': lang } })
      if (res.status !== 200) {
        if (res.status !== 404) summary.errors.push(`${path} (${lang}): HTTP ${res.status}`)
        return null
      }
      contentType = res.headers.get('content-type') ?? ''
      bytes[lang] = new Uint8Array(await res.arrayBuffer())
      if (!IN_LANGUAGE.test(contentType)) {
        bytes.en = bytes.ja
        break
      }
    }
    // A page with a form for visitors carries a CSRF token made for one visitor: it cannot be a file.
    if (contentType.startsWith('text/html') && new TextDecoder().decode(bytes.ja).includes('name="_csrf"')) {
      summary.dynamic.push(path)
      return null
    }
    return { path, contentType, bytes }
  }

  /** Writes both languages' files of a rendered answer where their bytes changed; returns the file's name. */
  function store(r: Rendered): string {
    const file = fileFor(r.path, r.contentType)
    const same = r.bytes.ja === r.bytes.en || Buffer.from(r.bytes.ja).equals(Buffer.from(r.bytes.en))
    for (const lang of LANGS) {
      const target = join(dir, lang, file)
      if (holds(target, r.bytes[lang])) {
        summary.unchanged++
        continue
      }
      if (lang === 'en' && same) linkAtomic(join(dir, 'ja', file), target)
      else writeAtomic(target, r.bytes[lang])
      summary.written++
    }
    return file
  }

  // ---- the public advisories, from the one visibility rule ----
  const rows = await publicAdvisories(deps.db, now)
    .where('advisories.identifier', 'is not', null)
    .select([
      'advisories.id', 'advisories.identifier', 'advisories.jvndb_id', 'advisories.publish_at', 'advisories.updated_at',
      sql<Date | string | null>`(select max(r.revised_at) from advisory_revisions r where r.advisory_id = advisories.id)`.as('revised'),
    ])
    .execute()
  summary.advisories = rows.length
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : '')
  const touchedMonths = new Set<string>()
  const touchedYears = new Set<string>()
  /** The years an advisory's files name (its CSAF folder), besides its month's and its JVNDB number's. */
  const touchYearsOf = (files: string[]) => {
    for (const f of files) {
      const y = /^\.well-known\/csaf\/white\/(\d{4})\//.exec(f)?.[1]
      if (y) touchedYears.add(y)
    }
  }
  const toRender: Array<{ id: string; identifier: string }> = []
  for (const r of rows) {
    const stamp = stampOf([r.identifier!, r.jvndb_id ?? '', iso(r.publish_at), iso(r.updated_at), iso(r.revised)])
    const month = monthOf(new Date(r.publish_at!))
    const before = previous?.entries[r.id]
    if (!full && before && before[0] === stamp) {
      next.entries[r.id] = before
      continue
    }
    touchedMonths.add(month)
    touchedYears.add(month.slice(0, 4))
    if (r.jvndb_id) touchedYears.add(r.jvndb_id.slice(6, 10))
    if (before) {
      touchedMonths.add(before[1]!)
      touchedYears.add(before[1]!.slice(0, 4))
      touchYearsOf(before.slice(2))
    }
    next.entries[r.id] = [stamp, month]
    toRender.push({ id: r.id, identifier: r.identifier! })
  }
  for (const [id, before] of Object.entries(previous?.entries ?? {})) {
    if (next.entries[id]) continue
    touchedMonths.add(before[1]!)
    touchedYears.add(before[1]!.slice(0, 4))
    touchYearsOf(before.slice(2))
  }

  say(`${rows.length.toLocaleString('en')} public advisories, ${toRender.length.toLocaleString('en')} to render${full ? ' (full export)' : ` (changed since ${previous!.lastRun})`}`)
  let done = 0
  const phaseStart = performance.now()
  await inPool(toRender, options.concurrency ?? 4, async (r) => {
    const page = await render(`/advisories/${identifierSlug(r.identifier)}`)
    const files: string[] = []
    if (page) {
      files.push(store(page))
      const formats = alternatesIn(new TextDecoder().decode(page.bytes.ja)).filter(ENTRY_FORMAT)
      const paths = formats.flatMap((p) => (CSAF_DOCUMENT.test(p) ? [p, `${p}.sha256`, `${p}.sha512`, `${p}.asc`] : [p]))
      for (const p of [...new Set(paths)]) {
        const format = await render(p)
        if (format) files.push(store(format))
      }
    }
    next.entries[r.id]!.push(...files)
    touchYearsOf(files)
    summary.rendered++
    if (++done % 500 === 0) {
      const rate = done / ((performance.now() - phaseStart) / 1000)
      say(`advisories ${done.toLocaleString('en')}/${toRender.length.toLocaleString('en')} (${Math.round(rate)}/s, ${Math.round((toRender.length - done) / rate)} s left)`)
    }
  })

  // ---- the pages that list them, and the rest of the public portal ----
  const seen = new Set<string>()
  const queue = [...GLOBAL_PAGES, ...(await jvndbYearFeeds(deps, now))]
  while (queue.length > 0) {
    const path = queue.shift()!
    if (seen.has(path)) continue
    seen.add(path)
    const month = ARCHIVE_MONTH.exec(path)?.[1]
    const year = YEAR_PAGE.exec(path)?.slice(1).find(Boolean)
    const kept = previous?.pages[path]
    if (!full && kept && ((month && !touchedMonths.has(month)) || (year && !touchedYears.has(year)))) {
      next.pages[path] = kept
      continue
    }
    const page = await render(path)
    if (!page) continue
    next.pages[path] = store(page)
    for (const lang of LANGS) {
      const text = new TextDecoder().decode(page.bytes[lang])
      for (const link of linksIn(text, path, publicUrl)) {
        if (!seen.has(link) && (FOLLOW.some((f) => f.test(link)) || ARCHIVE_MONTH.test(link))) queue.push(link)
      }
    }
  }

  // ---- what is no longer public goes ----
  const current = new Set([...Object.values(next.entries).flatMap((e) => e.slice(2)), ...Object.values(next.pages)])
  const before = [...Object.values(previous?.entries ?? {}).flatMap((e) => e.slice(2)), ...Object.values(previous?.pages ?? {})]
  for (const name of new Set(before)) {
    if (current.has(name)) continue
    for (const lang of LANGS) {
      try {
        unlinkSync(join(dir, lang, name))
        summary.deleted++
      } catch { /* already gone */ }
    }
  }
  writeAtomic(join(dir, MANIFEST), new TextEncoder().encode(JSON.stringify(next)))
  summary.seconds = Math.round((performance.now() - started) / 100) / 10
  return summary
}

/** The JVNDB per-year feeds (`/rss/years/jvndb_YYYY.rdf`) of the years that hold a public numbered entry. */
async function jvndbYearFeeds(deps: Pick<Deps, 'db'>, now: Date): Promise<string[]> {
  const year = sql<string>`substr(advisories.jvndb_id, 7, 4)`
  const rows = await publicAdvisories(deps.db, now).where('advisories.jvndb_id', 'is not', null)
    .select(year.as('year')).groupBy(year).execute()
  return rows.map((r) => `/rss/years/jvndb_${r.year}.rdf`).sort()
}

import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { MiddlewareHandler } from 'hono'
import { sql } from 'kysely'
import type { DB } from '../db/database.js'
import type { Clock } from '../clock.js'
import { log } from '../log.js'
import { negotiateLang } from '../i18n/index.js'
import type { AppEnv } from './context.js'
import { LANG_COOKIE, SESSION_COOKIE } from './cookies.js'
import { staticAssets } from './static-assets.js'
import { saneRequestId } from './request-id.js'

/**
 * The portal's page cache (issue 12): a public page, feed or format file is rendered once and then
 * served from memory to every anonymous reader, until what the public may see changes.
 *
 * What may enter: the 200 answer of a GET route marked `publicCache`, asked anonymously (no session
 * cookie, no bearer token, no `?lang=` switch), that sets no cookie. Everything else passes through.
 *
 * When it is dropped, all at once:
 * - `public_changes.generation` moved (statement triggers on advisories, their revisions and alerts,
 *   migration 0023): every process polls it, and on PostgreSQL also LISTENs, so another process's
 *   publication reaches this one within the poll interval or at once;
 * - the next scheduled public change came (the earliest time any feature's `publicSchedule` names,
 *   e.g. a scheduled advisory's publication second): pages are public from that second, before the
 *   publication worker has even run;
 * - an entry is older than `maxAgeMs` (a safety net for anything else that moves with time).
 * Between a change and the drop, at most one poll interval passes; a write made through this
 * process refreshes before its answer goes out, so whoever publishes sees it at once.
 *
 * Cache hits skip the whole request pipeline (logging, sessions, CSRF, language middleware): the
 * server's request listener answers them before Hono sees the request (`cachedListener`).
 */

/** When the next scheduled public change comes (a feature's answer; null: none scheduled). */
export type PublicSchedule = (db: DB, now: Date) => Promise<Date | null>

let schedules: readonly PublicSchedule[] = []

/** Hands the features' schedules over at start-up (`PlatformFeature.publicSchedule`). */
export function installPublicSchedules(list: readonly PublicSchedule[]): void {
  schedules = list
}

type Entry = {
  body: Buffer
  /** The stored headers, without Cache-Control (computed per answer). */
  headers: Record<string, string>
  /** The same with Vary and Content-Length, flat as Node's `writeHead` takes them fastest. */
  raw: string[]
  etag: string
  storedAt: number
}

export type PageCacheOptions = {
  db: DB
  clock: Clock
  /** Upper bound on the bytes of bodies held; the least recently used go first. */
  maxBytes?: number
  /** No entry is served older than this, whatever else happens. */
  maxAgeMs?: number
  /** Re-read the generation before every lookup (tests: every change is seen at once, as without a cache). */
  syncEveryRequest?: boolean
  /** A read replica answers the cached routes: an entry is stored only once the replica has replayed up to the last change. */
  readDb?: DB
}

/**
 * How long a shared cache (a CDN in front) may keep a page without asking again: `s-maxage`,
 * shortened so that it never reaches past the next scheduled publication. A browser asks every
 * time (`max-age=0, must-revalidate`) and mostly gets a 304, so a reader sees a publication at once.
 */
const SHARED_MAX_AGE_S = 60

export class PageCache {
  readonly db: DB
  readonly readDb: DB | undefined
  readonly clock: Clock
  private readonly maxBytes: number
  private readonly maxAgeMs: number
  readonly syncEveryRequest: boolean
  private entries = new Map<string, Entry>()
  private bytes = 0
  /** Bumped by every drop: a render begun before it must not be stored after it. */
  private epoch = 0
  private generation = -1
  /** Entries may be stored only while this is true: the generation and the next change time are known. */
  private ready = false
  private validUntil = Number.POSITIVE_INFINITY
  private lastModified = new Date(0)
  /** The primary's WAL position at the last change (PostgreSQL with a replica only). */
  private requiredLsn: string | null = null
  private refreshing: Promise<void> | null = null
  /** The Cache-Control of the current second, written once. */
  private lastMaxAge = -1
  /** The clock at the last read of the generation: a clock set back means the next change time must be read again. */
  private lastReadAt = 0
  private lastCacheControl = ''
  hits = 0
  misses = 0

  constructor(o: PageCacheOptions) {
    this.db = o.db
    this.readDb = o.readDb
    this.clock = o.clock
    this.maxBytes = o.maxBytes ?? 256 * 1024 * 1024
    this.maxAgeMs = o.maxAgeMs ?? 10 * 60_000
    this.syncEveryRequest = o.syncEveryRequest ?? false
  }

  /** The key of a request: path and query as sent, and the language it is answered in. */
  static key(pathAndQuery: string, lang: string): string {
    return `${lang} ${pathAndQuery}`
  }

  /** A stored answer, if it is still right; also drops everything when a scheduled change has come. */
  lookup(key: string): Entry | undefined {
    if (!this.ready) return undefined
    const now = this.clock.now().getTime()
    if (now >= this.validUntil) {
      this.drop(new Date(this.validUntil))
      void this.refresh()
      return undefined
    }
    const entry = this.entries.get(key)
    if (!entry) return undefined
    // An entry from the future is one a clock set back (tests; a corrected system clock) must not serve.
    if (now - entry.storedAt > this.maxAgeMs || now < entry.storedAt) {
      this.remove(key, entry)
      return undefined
    }
    this.hits++
    return entry
  }

  /** What a render must present to `store` afterwards: the epoch it began in. */
  begin(): number {
    this.misses++
    return this.epoch
  }

  /** Keeps a rendered answer, unless anything changed since its render began. */
  async store(key: string, began: number, body: Buffer, headers: Record<string, string>): Promise<Entry | undefined> {
    if (!this.ready || began !== this.epoch || body.length > this.maxBytes / 8) return undefined
    if (this.readDb && this.requiredLsn && !await this.replicaCaughtUp()) return undefined
    if (began !== this.epoch) return undefined
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`
    const old = this.entries.get(key)
    if (old) this.remove(key, old)
    const stored = { ...headers, etag, 'last-modified': this.lastModified.toUTCString(), vary: VARY }
    const raw = Object.entries({ ...stored, 'content-length': String(body.length) }).flat()
    const entry = { body, headers: stored, raw, etag, storedAt: this.clock.now().getTime() }
    this.entries.set(key, entry)
    this.bytes += body.length
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.remove(k, e)
    }
    return entry
  }

  /** Cache-Control for an answer now: browsers ask again each time; a CDN keeps it briefly, never past the next scheduled change. */
  cacheControl(): string {
    const untilChange = Math.floor((this.validUntil - this.clock.now().getTime()) / 1000)
    const maxAge = Math.max(0, Math.min(SHARED_MAX_AGE_S, untilChange))
    if (maxAge !== this.lastMaxAge) {
      this.lastMaxAge = maxAge
      this.lastCacheControl = `public, max-age=0, must-revalidate, s-maxage=${maxAge}`
    }
    return this.lastCacheControl
  }

  /** Every answer held now, as text: what an audit (or the never-public test) searches. */
  *storedBodies(): Generator<{ key: string; body: string }> {
    for (const [key, e] of this.entries) yield { key, body: e.body.toString('utf8') }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes }
  }

  /**
   * Reads the generation (and the next scheduled change, when it moved): drops everything if it
   * moved. Poll it, call it after a write, or on a NOTIFY. Concurrent calls share one read.
   */
  refresh(): Promise<void> {
    this.refreshing ??= this.read().finally(() => { this.refreshing = null })
    return this.refreshing
  }

  private async read(): Promise<void> {
    try {
      const row = await this.db.selectFrom('public_changes').select(['generation', 'changed_at']).where('id', '=', 1).executeTakeFirst()
      const generation = row?.generation ?? 0
      const now = this.clock.now()
      const clockWentBack = now.getTime() < this.lastReadAt
      this.lastReadAt = now.getTime()
      if (generation === this.generation && this.ready && now.getTime() < this.validUntil && !clockWentBack) return
      if (this.generation !== -1 && generation !== this.generation) this.drop(row?.changed_at ?? now)
      else if (now.getTime() >= this.validUntil || clockWentBack) this.drop(now.getTime() >= this.validUntil ? new Date(this.validUntil) : now)
      const began = this.epoch
      const next = await this.nextScheduledChange(now)
      const lsn = this.readDb ? await this.primaryLsn() : null
      if (began !== this.epoch) return
      this.generation = generation
      this.validUntil = next ? next.getTime() : Number.POSITIVE_INFINITY
      this.requiredLsn = lsn
      if (row?.changed_at && row.changed_at > this.lastModified) this.lastModified = new Date(Math.floor(row.changed_at.getTime() / 1000) * 1000)
      this.ready = true
    } catch (error) {
      // No database, no certainty: serve nothing from memory until a read succeeds.
      this.drop(this.clock.now())
      this.ready = false
      log.error('page cache could not read public changes', { error: error instanceof Error ? error.message : String(error) })
    }
  }

  private async nextScheduledChange(now: Date): Promise<Date | null> {
    let earliest: Date | null = null
    for (const schedule of schedules) {
      const at = await schedule(this.db, now)
      if (at && at > now && (!earliest || at < earliest)) earliest = at
    }
    return earliest
  }

  private async primaryLsn(): Promise<string | null> {
    const r = await sql<{ lsn: string | null }>`select pg_current_wal_lsn()::text as lsn`.execute(this.db).catch(() => null)
    return r?.rows[0]?.lsn ?? null
  }

  private async replicaCaughtUp(): Promise<boolean> {
    const r = await sql<{ ok: boolean | null }>`select coalesce(pg_last_wal_replay_lsn() >= ${this.requiredLsn}::pg_lsn, true) as ok`
      .execute(this.readDb!).catch(() => null)
    return r?.rows[0]?.ok === true
  }

  private drop(at: Date): void {
    this.epoch++
    this.entries.clear()
    this.bytes = 0
    this.validUntil = Number.POSITIVE_INFINITY
    const second = new Date(Math.floor(at.getTime() / 1000) * 1000)
    if (second > this.lastModified) this.lastModified = second
    this.ready = false
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key)
    this.bytes -= entry.body.length
  }
}

/**
 * Marks a public GET route whose anonymous answer is the same for everyone (per language): its 200
 * answer goes into the page cache. Apply it only to routes that read through the visibility rule
 * and show nothing that depends on who asks: `routes.get('/path', publicCache, handler)`. Such a
 * route reads from the read replica when one is configured (`DATABASE_READ_URL`).
 */
export const publicCache: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('publicCache', true)
  const { deps } = c.var
  if (deps.readDb) c.set('deps', { ...deps, db: deps.readDb })
  await next()
}

/** Headers never stored with an answer: per request, or computed per answer. */
/** A route's own Cache-Control is kept (feeds and format files say theirs); pages get the cache's. */
const UNSTORED = new Set(['set-cookie', 'x-request-id', 'etag', 'last-modified', 'content-length', 'vary'])

const SAFE = new Set(['GET', 'HEAD'])

const VARY = 'Accept-Language, Cookie'

/** Whether a request may be answered from the cache: anonymous, no language switch. */
function cacheable(method: string, cookie: string | undefined, authorization: string | undefined, pathAndQuery: string): boolean {
  if (!SAFE.has(method) || authorization) return false
  if (cookie && cookie.includes(`${SESSION_COOKIE}=`)) return false
  return !/[?&]lang=/.test(pathAndQuery)
}

function cookieValue(cookie: string | undefined, name: string): string | undefined {
  if (!cookie) return undefined
  const at = cookie.indexOf(`${name}=`)
  if (at < 0) return undefined
  const end = cookie.indexOf(';', at)
  return cookie.slice(at + name.length + 1, end < 0 ? undefined : end).trim()
}

function keyOf(pathAndQuery: string, cookie: string | undefined, acceptLanguage: string | undefined): string {
  return PageCache.key(pathAndQuery, negotiateLang(undefined, cookieValue(cookie, LANG_COOKIE), acceptLanguage))
}

function notModified(entry: Entry, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
  if (ifNoneMatch) return ifNoneMatch.split(',').some((t) => t.trim() === entry.etag || t.trim() === `W/${entry.etag}`)
  if (ifModifiedSince) return Date.parse(ifModifiedSince) >= Date.parse(entry.headers['last-modified']!)
  return false
}

/**
 * The Hono side: answers from the cache when it can, and stores the answers of `publicCache`
 * routes. Runs first, so a hit pays for nothing else. After a write, waits for the cache to see it.
 */
export function pageCacheMiddleware(cache: PageCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = c.req.url
    const pathAndQuery = url.slice(url.indexOf('/', url.indexOf('//') + 2))
    const cookie = c.req.header('cookie')
    if (!cacheable(c.req.method, cookie, c.req.header('authorization'), pathAndQuery)) {
      await next()
      // Whoever changes something sees it at once, in this process; the others within a poll.
      if (!SAFE.has(c.req.method)) await cache.refresh()
      return
    }
    if (cache.syncEveryRequest) await cache.refresh()
    const key = keyOf(pathAndQuery, cookie, c.req.header('accept-language'))
    const hit = cache.lookup(key)
    if (hit) {
      const headers = { 'cache-control': cache.cacheControl(), ...hit.headers }
      if (notModified(hit, c.req.header('if-none-match'), c.req.header('if-modified-since'))) return c.body(null, 304, headers)
      return c.req.method === 'HEAD' ? c.body(null, 200, headers) : c.body(new Uint8Array(hit.body), 200, headers)
    }
    const began = cache.begin()
    await next()
    const res = c.res
    if (!c.get('publicCache') || res.status !== 200 || res.headers.has('set-cookie') || c.req.method !== 'GET') return
    const body = Buffer.from(await res.clone().arrayBuffer())
    const headers: Record<string, string> = {}
    res.headers.forEach((v, k) => { if (!UNSTORED.has(k)) headers[k] = v })
    const stored = await cache.store(key, began, body, headers)
    if (!stored) return
    const answer = { 'cache-control': cache.cacheControl(), ...stored.headers }
    // A conditional request answered by a fresh render is a 304 too, when the bytes are the same.
    if (notModified(stored, c.req.header('if-none-match'), c.req.header('if-modified-since'))) c.res = c.body(null, 304, answer)
    else c.res = new Response(new Uint8Array(body), { status: 200, headers: answer })
  }
}

/**
 * The server side: a Node request listener that answers cache hits itself and hands everything
 * else to `next` (Hono's listener). This is what makes a cached page cost about what a static file does.
 */
export function cachedListener(cache: PageCache, next: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const h = req.headers
    const pathAndQuery = req.url ?? '/'
    const asset = staticAssets.get(pathAndQuery)
    if (asset && (req.method === 'GET' || req.method === 'HEAD')) {
      if (h['if-none-match'] === asset.etag) res.writeHead(304, { etag: asset.etag }).end()
      else res.writeHead(200, asset.raw).end(req.method === 'HEAD' ? undefined : asset.body)
      return
    }
    if (!cache.syncEveryRequest && cacheable(req.method ?? '', h.cookie, h.authorization, pathAndQuery)) {
      const hit = cache.lookup(keyOf(pathAndQuery, h.cookie, h['accept-language']))
      if (hit) {
        const ifNoneMatch = h['if-none-match']
        const ifModifiedSince = h['if-modified-since']
        if ((ifNoneMatch || ifModifiedSince) && notModified(hit, ifNoneMatch, ifModifiedSince)) {
          res.writeHead(304, { 'cache-control': cache.cacheControl(), ...hit.headers }).end()
          return
        }
        const raw = 'cache-control' in hit.headers ? hit.raw : [...hit.raw, 'cache-control', cache.cacheControl()]
        // A load balancer's id comes back; none is made up, and a hit writes no log line.
        const requestId = saneRequestId(h['x-request-id'] as string | undefined)
        res.writeHead(200, requestId ? [...raw, 'x-request-id', requestId] : raw)
        res.end(req.method === 'HEAD' ? undefined : hit.body)
        return
      }
    }
    next(req, res)
  }
}

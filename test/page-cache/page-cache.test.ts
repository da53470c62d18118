import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { manualClock } from '../../src/platform/clock.js'
import { loadConfig } from '../../src/platform/config.js'
import { listen, startPageCache } from '../../src/platform/http/server.js'
import { publishDueAdvisories } from '../../src/advisories/publication.usecases.js'
import { draftBody, jsonRequest, seedProductCase, type SeededCase } from '../../src/advisories/test-factories.js'
import { freshDatabase } from '../support/database.js'

/**
 * The page cache as a server runs it (issue 12): a real HTTP server whose cache hits are answered
 * before Hono, kept right by the public-changes watcher (polling, and LISTEN on PostgreSQL), and a
 * clock the test moves. Every change must show on pages that were already cached: at once when made
 * through this server, within a second when made behind its back (another process).
 */

const START = '2026-05-01T01:00:00Z'
let handle: Awaited<ReturnType<typeof freshDatabase>>
let server: Server
let base: string
let stopCache: () => Promise<void>
let cache: Awaited<ReturnType<typeof startPageCache>>['cache']
const clock = manualClock(START)

beforeAll(async () => {
  handle = await freshDatabase()
  const config = loadConfig({ PUBLIC_URL: 'http://keikai.test' })
  const started = await startPageCache({ db: handle.db, clock, databaseUrl: handle.url })
  cache = started.cache
  stopCache = started.stop
  const app = createApp({ db: handle.db, clock, config }, { pageCache: cache })
  server = listen({ fetch: app.fetch, cache, port: 0, hostname: '127.0.0.1' }, () => {})
  await new Promise((r) => server.once('listening', r))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(async () => {
  await new Promise((r) => server.close(r))
  await stopCache()
  await handle.close()
})

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(base + path, { headers })
  return { status: res.status, body: await res.text(), headers: res.headers }
}
const api = (path: string, method: string, body: unknown, token: string) => fetch(base + path, jsonRequest(method, body, token))
const slugOf = (identifier: string) => identifier.replace('#', '')

/** Reads `path` until `done` holds, for at most `ms`: how long a change took to reach a cached page. */
async function within(ms: number, path: string, done: (body: string, status: number) => boolean): Promise<number> {
  const started = performance.now()
  for (;;) {
    const { body, status } = await get(path)
    if (done(body, status)) return performance.now() - started
    if (performance.now() - started > ms) throw new Error(`${path} did not change within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Serves `path` twice: the second answer must come from memory (a hit). */
async function cached(path: string) {
  await get(path)
  const hits = cache.hits
  const again = await get(path)
  expect(cache.hits, `${path} is served from the cache`).toBe(hits + 1)
  return again
}

describe('the page cache', () => {
  let seed: SeededCase
  let identifier: string
  const publishAt = '2026-05-20T10:00:00+09:00'
  const title = 'サンプルルータ WR-1000 におけるクロスサイト・スクリプティングの脆弱性'

  it('keeps a scheduled advisory out of every cached page until its publication second, then shows it at once', async () => {
    seed = await seedProductCase(handle.db, clock.now())
    const token = seed.coordinator.token
    expect((await api(`/api/v1/cases/${seed.caseId}/advisory`, 'PUT', draftBody(seed), token)).status).toBe(200)
    const scheduled = await api(`/api/v1/cases/${seed.caseId}/advisory/schedule`, 'POST', { publishAt }, token)
    identifier = (await scheduled.json() as { identifier: string }).identifier

    clock.set(new Date(Date.parse(publishAt) - 1000))
    for (const path of ['/', '/advisories', '/rss/advisories.rdf', '/api/v1/advisories']) {
      expect((await cached(path)).body).not.toContain(slugOf(identifier))
    }
    expect((await get(`/advisories/${slugOf(identifier)}`)).status).toBe(404)

    clock.set(publishAt)
    expect((await get('/')).body).toContain(title)
    expect((await get('/advisories')).body).toContain(title)
    expect((await get('/rss/advisories.rdf')).body).toContain(slugOf(identifier))
    expect((await get(`/advisories/${slugOf(identifier)}`)).status).toBe(200)
  })

  it('answers with validators a CDN can use: ETag, Last-Modified, a short s-maxage, Vary, and 304 for a conditional request', async () => {
    await publishDueAdvisories({ db: handle.db, clock, config: loadConfig({ PUBLIC_URL: 'http://keikai.test' }) })
    await cache.refresh()
    const page = await cached(`/advisories/${slugOf(identifier)}`)
    const etag = page.headers.get('etag')!
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    // Browsers ask again each time (a 304 mostly); a CDN may keep it a minute.
    expect(page.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate, s-maxage=60')
    expect(page.headers.get('vary')).toBe('Accept-Language, Cookie')
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(page.headers.get('set-cookie')).toBeNull()
    expect(Date.parse(page.headers.get('last-modified')!)).not.toBeNaN()
    expect((await fetch(`${base}/advisories/${slugOf(identifier)}`, { headers: { 'if-none-match': etag } })).status).toBe(304)
    expect((await fetch(`${base}/advisories/${slugOf(identifier)}`, { headers: { 'if-modified-since': page.headers.get('last-modified')! } })).status).toBe(304)
    expect((await fetch(`${base}/advisories/${slugOf(identifier)}`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200)
  })

  it('keeps Japanese and English apart and never caches a language switch', async () => {
    const en = await cached('/advisories?page=1')
    const enAgain = await get('/advisories?page=1', { 'accept-language': 'en' })
    expect(enAgain.body).toContain('Sample Router WR-1000')
    expect(en.body).not.toBe(enAgain.body)
    const switched = await get('/advisories?lang=en')
    expect(switched.headers.get('set-cookie')).toContain('keikai_lang=en')
    expect((await get('/advisories', { cookie: 'keikai_lang=en' })).body).toContain('lang="en"')
  })

  it('shows a revision on every cached page at once', async () => {
    await cached(`/advisories/${slugOf(identifier)}`)
    await cached('/advisories')
    const revised = { ...draftBody(seed), title: { ja: 'サンプルルータ WR-1000 改訂版タイトル', en: 'Sample Router WR-1000 revised title' } }
    const res = await api(`/api/v1/cases/${seed.caseId}/advisory/revisions`, 'POST', { note: { ja: '対策情報を更新', en: 'Solution updated' }, advisory: revised }, seed.coordinator.token)
    expect(res.status).toBe(201)
    expect((await get(`/advisories/${slugOf(identifier)}`)).body).toContain('改訂版タイトル')
    expect((await get('/advisories')).body).toContain('改訂版タイトル')
  })

  it('sees a change made behind its back (another process, straight in the database) within a second', async () => {
    await cached('/advisories')
    await handle.db.updateTable('advisories').set({ content: JSON.stringify({ ...draftBody(seed), title: { ja: '別プロセスが書いた題名', en: 'Written elsewhere' } }) })
      .where('case_id', '=', seed.caseId).execute()
    const ms = await within(1000, '/advisories', (body) => body.includes('別プロセスが書いた題名'))
    expect(ms).toBeLessThan(1000)
  })

  it('moves a page with a moved publication date, and keeps a withdrawn schedule off every page', async () => {
    const other = await seedProductCase(handle.db, clock.now())
    const token = other.coordinator.token
    const draft = { ...draftBody(other), title: { ja: '日程が動く勧告', en: 'An advisory whose date moves' } }
    expect((await api(`/api/v1/cases/${other.caseId}/advisory`, 'PUT', draft, token)).status).toBe(200)
    const first = new Date('2026-06-01T01:00:00Z')
    const moved = new Date('2026-06-03T01:00:00Z')
    const res = await api(`/api/v1/cases/${other.caseId}/advisory/schedule`, 'POST', { publishAt: first.toISOString() }, token)
    const otherId = (await res.json() as { identifier: string }).identifier
    await cached('/advisories')
    expect((await api(`/api/v1/cases/${other.caseId}/advisory/schedule`, 'POST', { publishAt: moved.toISOString(), reason: '開発者の依頼' }, token)).status).toBe(200)

    clock.set(first)
    expect((await cached('/advisories')).body).not.toContain('日程が動く勧告')
    expect((await get(`/advisories/${slugOf(otherId)}`)).status).toBe(404)
    clock.set(moved)
    expect((await get('/advisories')).body).toContain('日程が動く勧告')

    const third = await seedProductCase(handle.db, clock.now())
    const thirdDraft = { ...draftBody(third), title: { ja: '取り下げられる勧告', en: 'An advisory taken off the schedule' } }
    await api(`/api/v1/cases/${third.caseId}/advisory`, 'PUT', thirdDraft, third.coordinator.token)
    const at = new Date('2026-06-10T01:00:00Z')
    const scheduled = await api(`/api/v1/cases/${third.caseId}/advisory/schedule`, 'POST', { publishAt: at.toISOString() }, third.coordinator.token)
    const thirdId = (await scheduled.json() as { identifier: string }).identifier
    await cached('/advisories')
    expect((await api(`/api/v1/cases/${third.caseId}/advisory/unschedule`, 'POST', { reason: '修正版の不具合' }, third.coordinator.token)).status).toBe(200)
    clock.set(at)
    expect((await get('/advisories')).body).not.toContain('取り下げられる勧告')
    expect((await get(`/advisories/${slugOf(thirdId)}`)).status).toBe(404)
    expect((await get('/rss/advisories.rdf')).body).not.toContain(slugOf(thirdId))
  })

  it('never holds anything of a draft advisory, a not-yet-due one or a website case, whatever is asked', async () => {
    const draftSeed = await seedProductCase(handle.db, clock.now())
    const secretDraft = { ...draftBody(draftSeed), title: { ja: '未公開下書きの秘密題名', en: 'Secret unpublished draft title' } }
    expect((await api(`/api/v1/cases/${draftSeed.caseId}/advisory`, 'PUT', secretDraft, draftSeed.coordinator.token)).status).toBe(200)
    const dueSeed = await seedProductCase(handle.db, clock.now())
    const secretDue = { ...draftBody(dueSeed), title: { ja: '予定日前の秘密題名', en: 'Secret scheduled title' } }
    await api(`/api/v1/cases/${dueSeed.caseId}/advisory`, 'PUT', secretDue, dueSeed.coordinator.token)
    const res = await api(`/api/v1/cases/${dueSeed.caseId}/advisory/schedule`, 'POST', { publishAt: new Date(clock.now().getTime() + 86_400_000).toISOString() }, dueSeed.coordinator.token)
    const dueId = (await res.json() as { identifier: string }).identifier
    await handle.db.insertInto('cases').values({ id: 'website-secret', kind: 'website', status: 'received', source: 'finder', title: 'ウェブサイトの秘密案件', created_at: clock.now(), updated_at: clock.now() }).execute()
    for (const q of ['秘密', '未公開下書き', '予定日前', 'Secret', 'ウェブサイト']) {
      for (const path of [`/advisories?q=${encodeURIComponent(q)}`, `/api/v1/advisories?q=${encodeURIComponent(q)}`]) await get(path)
    }
    for (const path of ['/', '/advisories', '/rss/advisories.rdf', '/api/v1/advisories', `/advisories/${slugOf(dueId)}`, `/api/v1/advisories/${slugOf(dueId)}`]) {
      await get(path)
      await get(path, { 'accept-language': 'en' })
    }
    let held = 0
    for (const { key, body } of cache.storedBodies()) {
      held++
      for (const secret of ['秘密題名', 'Secret unpublished', 'Secret scheduled', slugOf(dueId), 'ウェブサイトの秘密案件']) expect(body, key).not.toContain(secret)
    }
    expect(held).toBeGreaterThan(10)
  })

  it('never serves a signed-in reader the anonymous page, nor a form page from memory', async () => {
    await cached('/')
    const signedIn = await fetch(`${base}/`, { headers: { authorization: `Bearer ${seed.coordinator.token}` } })
    expect(signedIn.headers.get('etag')).toBeNull()
    const hits = cache.hits
    await get('/login')
    const login = await get('/login')
    expect(cache.hits).toBe(hits)
    expect(login.headers.get('set-cookie')).toContain('keikai_csrf=')
  })
})

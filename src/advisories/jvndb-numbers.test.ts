import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { publishDueAdvisories } from './publication.usecases.js'
import { scheduleSeeded, seedProductCase } from './test-factories.js'
import { identifierSlug, jstYear } from './identifiers.js'

/**
 * JVN iPedia numbers (issue 10): every advisory gets `JVNDB-YYYY-NNNNNN` when it is scheduled —
 * the year of its publication in Japan time, the next number of that year, never given twice —
 * shown on its page, in the API, findable by search and as an address of its page.
 */
let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-01T01:00:00Z' }) })
afterAll(async () => { await t.close() })

const jvndbOf = async (caseId: string) =>
  (await t.db.selectFrom('advisories').select('jvndb_id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).jvndb_id

describe('numbering', () => {
  it('numbers advisories as they are published, in publication order, per year of publication in Japan time', async () => {
    const a = await seedProductCase(t.db, t.clock.now())
    const b = await seedProductCase(t.db, t.clock.now())
    const c = await seedProductCase(t.db, t.clock.now())
    await scheduleSeeded(t.deps, a, new Date('2026-05-01T01:00:00Z'))
    await scheduleSeeded(t.deps, b, new Date('2026-04-15T01:00:00Z'))
    // 2026-12-31 15:30 UTC is 2027-01-01 00:30 in Japan: a 2027 entry.
    await scheduleSeeded(t.deps, c, new Date('2026-12-31T15:30:00Z'))
    // Scheduled is not published: no number yet, so none can hint at what is waiting.
    expect(await jvndbOf(a.caseId)).toBeNull()
    t.clock.set(new Date('2027-01-02T00:00:00Z'))
    expect(await publishDueAdvisories(t.deps)).toBe(3)
    expect(await jvndbOf(b.caseId)).toBe('JVNDB-2026-000001')
    expect(await jvndbOf(a.caseId)).toBe('JVNDB-2026-000002')
    expect(await jvndbOf(c.caseId)).toBe('JVNDB-2027-000001')
    expect(jstYear(new Date('2026-12-31T14:59:59Z'))).toBe(2026)
    // Published once, numbered once: the next round leaves the numbers alone.
    expect(await publishDueAdvisories(t.deps)).toBe(0)
    expect(await jvndbOf(b.caseId)).toBe('JVNDB-2026-000001')
  })

  it('numbers an advisory scheduled for "now" as it is scheduled, since it is public at once', async () => {
    const a = await seedProductCase(t.db, t.clock.now())
    await scheduleSeeded(t.deps, a, new Date(t.clock.now().getTime() - 30_000))
    expect(await jvndbOf(a.caseId)).toMatch(/^JVNDB-2027-\d{6}$/)
  })

  it('gives advisories published at the same moment by two workers different numbers', async () => {
    const seeds = await Promise.all([1, 2, 3, 4].map(() => seedProductCase(t.db, t.clock.now())))
    for (const s of seeds) await scheduleSeeded(t.deps, s, new Date(t.clock.now().getTime() + 60_000))
    t.clock.advance(120_000)
    await Promise.all([publishDueAdvisories(t.deps), publishDueAdvisories(t.deps)])
    const ids = await Promise.all(seeds.map((s) => jvndbOf(s.caseId)))
    expect(ids.every((id) => id?.startsWith('JVNDB-2027-'))).toBe(true)
    expect(new Set(ids).size).toBe(4)
  })
})

describe('where the number shows', () => {
  it('is on the public page, in the API, found by search, and leads to the page as an address', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    const { identifier } = await scheduleSeeded(t.deps, seed, new Date(t.clock.now().getTime() - 30_000))
    const jvndb = (await jvndbOf(seed.caseId))!
    const slug = identifierSlug(identifier)

    const page = await (await t.app.request(`/advisories/${slug}`)).text()
    expect(page).toContain('JVN iPedia 番号')
    expect(page).toContain(jvndb)
    // The page lists its machine-readable forms and announces them to feed readers and tools.
    expect(page).toMatch(new RegExp(`<link rel="alternate" type="application/json"[^>]*href="/api/v1/advisories/${encodeURIComponent(identifier)}"`))
    expect(page).toContain('この情報の形式')
    // Among them the JVN iPedia entry in the MyJVN API's forms, by its number.
    expect(page).toContain(`/myjvn?method=getVulnDetailInfo&amp;feed=hnd&amp;vulnId=${jvndb}`)
    expect(page).toContain(`/myjvn?method=getVulnDetailInfo&amp;feed=oka&amp;vulnId=${jvndb}`)

    const api = await (await t.app.request(`/api/v1/advisories/${encodeURIComponent(identifier)}`)).json() as { jvndbId: string }
    expect(api.jvndbId).toBe(jvndb)
    const byNumber = await t.app.request(`/api/v1/advisories/${jvndb}`)
    expect(byNumber.status).toBe(200)
    expect((await byNumber.json() as { identifier: string }).identifier).toBe(identifier)

    const redirect = await t.app.request(`/advisories/${jvndb}?lang=en`)
    expect(redirect.status).toBe(301)
    expect(redirect.headers.get('location')).toBe(`/advisories/${slug}?lang=en`)

    const search = await (await t.app.request(`/advisories?q=${jvndb.toLowerCase()}`)).text()
    expect(search).toContain(`/advisories/${slug}`)
  })

  it('is not given out for an advisory that is not public yet', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    const { identifier } = await scheduleSeeded(t.deps, seed, new Date(t.clock.now().getTime() + 86_400_000))
    expect(await jvndbOf(seed.caseId)).toBeNull()
    // The next number of the year answers nothing: it belongs to no public advisory yet.
    const { last_number } = await t.db.selectFrom('jvndb_sequences').select('last_number').where('year', '=', 2027).executeTakeFirstOrThrow()
    const next = `JVNDB-2027-${String(last_number + 1).padStart(6, '0')}`
    expect((await t.app.request(`/advisories/${next}`)).status).toBe(404)
    expect((await t.app.request(`/api/v1/advisories/${next}`)).status).toBe(404)
    expect(await (await t.app.request(`/advisories?q=${encodeURIComponent(identifier)}`)).text()).not.toContain(`href="/advisories/${identifierSlug(identifier)}"`)
  })
})

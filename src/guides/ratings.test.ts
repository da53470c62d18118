import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient } from '../../test/support/clients.js'

let t: TestApp
const CHOOSING = '/guides/consumers/choosing'

/**
 * A visitor with their own browser (its user agent is half of what marks a visitor, the address
 * is the same for all here), who opened a guide page and may rate it with the page's form.
 */
async function visitor(agent = 'Mozilla/5.0 (visitor one)', path = CHOOSING) {
  const jar = new Map<string, string>()
  const request = async (p: string, init: { method?: string; body?: URLSearchParams } = {}) => {
    const headers: Record<string, string> = { 'user-agent': agent, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') }
    if (init.body) headers['content-type'] = 'application/x-www-form-urlencoded'
    const res = await t.app.request(p, { ...init, headers })
    for (const sc of res.headers.getSetCookie()) { const [k, ...v] = sc.split(';')[0]!.split('='); jar.set(k!, v.join('=')) }
    return { status: res.status, text: await res.text(), location: res.headers.get('location'), headers: res.headers }
  }
  const page = await request(path)
  const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)![1]!
  const rate = (fields: Record<string, string>, opts: { csrf?: boolean } = {}) =>
    request('/guides/ratings', { method: 'POST', body: new URLSearchParams({ ...(opts.csrf === false ? {} : { _csrf: csrf }), ...fields }) })
  return { page, rate, get: (p: string) => request(p) }
}

const ratings = () => t.db.selectFrom('guide_ratings').selectAll().orderBy('updated_at').execute()

beforeAll(async () => {
  t = await setupTestApp()
  await t.db.insertInto('guide_channels').values({ tag: 'leaflet-2026-10', kind: 'leaflet', name_ja: '10月のチラシ', name_en: 'October leaflet', created_by: null, created_at: t.clock.now(), archived_at: null }).execute()
})
afterAll(async () => { await t.close() })
beforeEach(async () => {
  await t.db.deleteFrom('guide_ratings').execute()
  await t.db.deleteFrom('rate_limits').execute()
})

describe('rating a guide page with the form', () => {
  it('offers five stars named in words, a comment, the page and the channel, on the page itself', async () => {
    const v = await visitor('ua', `${CHOOSING}?ch=leaflet-2026-10`)
    expect(v.page.text).toContain('action="/guides/ratings"')
    for (let n = 1; n <= 5; n++) expect(v.page.text).toMatch(new RegExp(`<input type="radio" name="stars" value="${n}"`))
    expect(v.page.text).toContain('星 4 つ：役に立った')
    expect(v.page.text).toContain(`<input type="hidden" name="page" value="${CHOOSING}"/>`)
    expect(v.page.text).toContain('<input type="hidden" name="ch" value="leaflet-2026-10"/>')
  })

  it('stores the stars, the trimmed comment, the channel and the language, and thanks the visitor', async () => {
    const v = await visitor()
    const r = await v.rate({ page: CHOOSING, stars: '4', comment: '  わかりやすかったです  ', ch: 'leaflet-2026-10' })
    expect(r.status).toBe(303)
    expect(r.location).toBe(`/guides/ratings/thanks?page=${encodeURIComponent(CHOOSING)}&stars=4`)
    const [row] = await ratings()
    expect(row).toMatchObject({ page: CHOOSING, stars: 4, comment: 'わかりやすかったです', channel: 'leaflet-2026-10', language: 'ja' })
    const thanks = await v.get(r.location!)
    expect(thanks.status).toBe(200)
    expect(thanks.text).toContain('「ネットにつながる製品の選び方」への評価（星 4 つ）を受け付けました。')
    expect(thanks.text).toContain(`href="${CHOOSING}"`)
    expect(thanks.text).not.toContain('置き換えました')
  })

  it('counts a visitor once per page: rating again replaces the earlier rating, and says so', async () => {
    const v = await visitor()
    await v.rate({ page: CHOOSING, stars: '2', comment: 'first' })
    const again = await v.rate({ page: CHOOSING, stars: '5', comment: 'second' })
    expect(again.location).toContain('replaced=1')
    expect((await v.get(again.location!)).text).toContain('前回の評価は、今回の評価に置き換えました')
    const rows = await ratings()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ stars: 5, comment: 'second' })
    // Another page, and another visitor, are ratings of their own.
    await v.rate({ page: '/guides/consumers/using', stars: '3' })
    await (await visitor('Mozilla/5.0 (visitor two)')).rate({ page: CHOOSING, stars: '1' })
    expect(await ratings()).toHaveLength(3)
  })

  it('stores a forged or archived channel as none', async () => {
    const v = await visitor()
    await v.rate({ page: CHOOSING, stars: '3', ch: 'forged-channel' })
    await v.rate({ page: '/guides/consumers/using', stars: '3', ch: '<script>' })
    expect((await ratings()).map((r) => r.channel)).toEqual(['', ''])
  })

  it('refuses stars out of range, not whole or missing, saying why and keeping what was entered', async () => {
    const v = await visitor()
    for (const stars of ['0', '6', 'abc', '2.5', '', '-1']) {
      const r = await v.rate({ page: CHOOSING, stars, comment: 'コメント<b>残す</b>' })
      expect(r.status, stars).toBe(400)
      expect(r.text).toContain('星の数を 1〜5 から選んでください。')
      expect(r.text).toContain('コメント&lt;b&gt;残す&lt;/b&gt;</textarea>')
      expect(r.text).toContain(`href="${CHOOSING}"`)
    }
    expect(await ratings()).toEqual([])
  })

  it('refuses a rating of a page that is not a guide page', async () => {
    const v = await visitor()
    for (const page of ['/admin', '/guides/nowhere', '', 'https://evil.example/']) {
      const r = await v.rate({ page, stars: '5' })
      expect(r.status, page).toBe(400)
      expect(r.text).toContain('評価できるのはガイドのページだけです。')
      expect(r.text).not.toContain('action="/guides/ratings"')
    }
    expect(await ratings()).toEqual([])
  })

  it('refuses a comment over 1000 characters and takes one of 1000', async () => {
    const v = await visitor()
    const long = await v.rate({ page: CHOOSING, stars: '4', comment: 'あ'.repeat(1001) })
    expect(long.status).toBe(400)
    expect(long.text).toContain('1000文字以内で入力してください。')
    expect(long.text).toMatch(/value="4"[^>]*checked/)
    expect(long.text).not.toMatch(/value="[1235]"[^>]*checked/)
    expect(await ratings()).toEqual([])
    expect((await v.rate({ page: CHOOSING, stars: '4', comment: `  ${'あ'.repeat(1000)}  ` })).status).toBe(303)
    expect((await ratings())[0]!.comment).toHaveLength(1000)
  })

  it('refuses a form without its CSRF token', async () => {
    const v = await visitor()
    const r = await v.rate({ page: CHOOSING, stars: '5' }, { csrf: false })
    expect(r.status).toBe(403)
    expect(await ratings()).toEqual([])
  })

  it('limits a flood from one address to 20 an hour, then answers 429 with Retry-After', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 21; i++) statuses.push((await (await visitor(`agent ${i % 3}`)).rate({ page: CHOOSING, stars: '5' })).status)
    expect(statuses.slice(0, 20).every((s) => s === 303)).toBe(true)
    expect(statuses[20]).toBe(429)
    const blocked = await (await visitor()).rate({ page: CHOOSING, stars: '5' })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    // Three browsers, rated over and over: three ratings.
    expect(await ratings()).toHaveLength(3)
  })

  it('shows what a visitor typed back to them as text, never as markup', async () => {
    const payload = '<script>alert("x1")</script>"><img src=x onerror=alert("x2")>'
    const v = await visitor()
    const refused = await v.rate({ page: CHOOSING, stars: '9', comment: payload, ch: payload })
    const forged = await v.rate({ page: payload, stars: '3', comment: payload })
    const thanks = await v.get(`/guides/ratings/thanks?page=${encodeURIComponent(payload)}&stars=${encodeURIComponent(payload)}`)
    for (const html of [refused.text, forged.text, thanks.text]) {
      expect(html).not.toMatch(/<script>alert|<img src=x onerror/)
    }
    expect(refused.text).toContain('&lt;script&gt;alert(&quot;x1&quot;)&lt;/script&gt;')
    expect(refused.text).toContain('<input type="hidden" name="ch" value=""/>')
  })

  it('never shows a rating or comment to other visitors', async () => {
    await (await visitor()).rate({ page: CHOOSING, stars: '1', comment: 'ひみつのコメント' })
    for (const path of [CHOOSING, '/guides', `/guides/ratings/thanks?page=${CHOOSING}`]) {
      expect((await (await visitor('someone else')).get(path)).text).not.toContain('ひみつのコメント')
    }
  })
})

describe('rating a guide page through the API', () => {
  it('stores a rating and answers whether it replaced the caller’s earlier one', async () => {
    const api = apiClient(t)
    const first = await api.post('/api/v1/guides/ratings', { page: CHOOSING, stars: 3, comment: 'ok', ch: 'leaflet-2026-10' })
    expect(first.status).toBe(200)
    expect(first.json).toEqual({ page: CHOOSING, stars: 3, replaced: false })
    const second = await api.post('/api/v1/guides/ratings', { page: CHOOSING, stars: 4 })
    expect(second.json).toEqual({ page: CHOOSING, stars: 4, replaced: true })
    const rows = await ratings()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ stars: 4, comment: '', channel: '' })
  })

  it('refuses bad stars, pages and comments with 400 and the field that is wrong', async () => {
    const api = apiClient(t)
    for (const body of [
      { page: CHOOSING, stars: 0 }, { page: CHOOSING, stars: 6 }, { page: CHOOSING, stars: 'abc' }, { page: CHOOSING, stars: 2.5 },
      { page: '/admin', stars: 3 }, { page: CHOOSING, stars: 3, comment: 'x'.repeat(1001) }, {},
    ]) {
      const r = await api.post('/api/v1/guides/ratings', body)
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400)
      expect(r.json.error.code).toBe('request.invalid')
    }
    const r = await api.post('/api/v1/guides/ratings', { page: CHOOSING, stars: 9 })
    expect(r.json.error.details.fields).toEqual({ stars: 'Choose from 1 to 5 stars.' })
    expect(await ratings()).toEqual([])
  })
})

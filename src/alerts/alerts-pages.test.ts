import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser, type BrowserClient, type TestUser } from '../../test/support/clients.js'
import { assertWellFormedXml } from '../portal/xml-check.js'
import { publicGet, publishedAlert } from './alerts.test-support.js'

let t: TestApp
let intake: TestUser
let browser: BrowserClient
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  intake = await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
  browser = browserClient(t)
  await signInBrowser(t, browser, intake)
})
afterAll(async () => { await t.close() })

const form = (overrides: Record<string, string | string[]> = {}) => ({
  title_ja: 'SQLインジェクションに関する注意喚起', title_en: 'Alert on SQL injection', vulnerability_type: 'sql_injection',
  body_ja: 'SQLインジェクションの届出が続いています。\n\nプレースホルダを使ってください。', body_en: 'SQL injection reports keep arriving.\n\nUse placeholders.',
  r_title: ['安全なSQLの呼び出し方', ''], r_url: ['https://www.ipa.go.jp/security/vuln/websecurity/sql.html', ''],
  ...overrides,
})

describe('intake staff write an alert through the pages', () => {
  let path: string

  it('drafts from the form and keeps what was typed when the form is refused', async () => {
    const newPage = await browser.get('/staff/alerts/new')
    expect(newPage.status).toBe(200)
    expect(newPage.text).toContain('name="_csrf"')
    const refused = await browser.post('/staff/alerts', form({ title_en: '' }))
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('role="alert"')
    expect(refused.text).toContain('SQLインジェクションの届出が続いています。')
    expect(await t.db.selectFrom('alerts').select('id').execute()).toEqual([])
    const created = await browser.post('/staff/alerts', form())
    expect(created.status).toBe(303)
    path = created.location!.split('?')[0]!
    const page = await browser.get(created.location!)
    expect(page.text).toContain('下書きを保存しました。')
    expect(page.text).toContain('https://www.ipa.go.jp/security/vuln/websecurity/sql.html')
    expect((await browser.get('/staff/alerts')).text).toContain('SQLインジェクションに関する注意喚起')
  })

  it('refuses a form without its CSRF token', async () => {
    const res = await browser.post(`${path}`, form(), { csrf: null })
    expect(res.status).toBe(403)
  })

  it('edits, publishes and revises the alert, which the public then reads', async () => {
    const edited = await browser.post(path, form({ title_ja: 'SQLインジェクション対策のお願い' }))
    expect(edited.status).toBe(303)
    t.clock.set('2026-04-01T02:00:00Z') // sessions last 12 hours: the story stays within the day
    const published = await browser.post(`${path}/publish`, {})
    expect(published.status).toBe(303)
    const page = await browser.get(published.location!)
    expect(page.text).toContain('注意喚起を公表しました。')
    expect(page.text).toContain('KKA-2026-0001')
    expect(page.text).not.toContain(`action="${path}/publish"`)
    const publicPage = await publicGet(t, '/alerts/KKA-2026-0001')
    expect(publicPage.text).toContain('SQLインジェクション対策のお願い')
    expect(publicPage.text).toContain('プレースホルダを使ってください。')

    t.clock.set('2026-04-01T05:00:00Z')
    const noNote = await browser.post(`${path}/revisions`, form({ body_ja: '改訂した本文' }))
    expect(noNote.status).toBe(400)
    expect(noNote.text).toContain('改訂した本文')
    const revised = await browser.post(`${path}/revisions`, form({ title_ja: 'SQLインジェクション対策のお願い', body_ja: '改訂した本文', note_ja: '本文を改訂', note_en: 'Body revised' }))
    expect(revised.status).toBe(303)
    const after = await publicGet(t, '/alerts/KKA-2026-0001')
    expect(after.text).toContain('改訂した本文')
    expect(after.text).toContain('本文を改訂')
    expect(after.text).toContain('<span class="meta">2026/04/01</span> 本文を改訂')
    expect((await browser.get(`${path}`)).text).toContain('本文を改訂')
  })

  it('shows a refused publication on the page rather than failing', async () => {
    const created = await browser.post('/staff/alerts', form({ body_en: '' }))
    const draftPath = created.location!.split('?')[0]!
    const res = await browser.post(`${draftPath}/publish`, {})
    expect(res.status).toBe(409)
    expect(res.text).toContain('公表には本文（日本語・英語）が必要です。')
  })

  it('links the public list to the feed, newest first', async () => {
    const list = await publicGet(t, '/alerts')
    expect(list.text).toContain('href="/rss/alerts.rdf"')
    expect(list.text).toContain('href="/alerts/KKA-2026-0001"')
  })
})

describe('alert text is always escaped', () => {
  const SCRIPT = '<script>alert("kka")</script>'
  const IMG = '"><img src=x onerror=alert(1)>'
  let slug: string
  let alertId: string

  beforeAll(async () => {
    const published = await publishedAlert(intake, {
      title: { ja: `注意${SCRIPT}${IMG}`, en: `Alert${SCRIPT}${IMG}` },
      body: { ja: `本文${SCRIPT}\n\n${IMG}`, en: `Body${SCRIPT}${IMG}` },
      references: [{ title: `文書${SCRIPT}`, url: 'https://example.test/?a=1&b=2' }],
    })
    slug = published.identifier
    alertId = published.alertId
    await intake.api.post(`/api/v1/staff/alerts/${alertId}/revisions`, { noteJa: `更新${SCRIPT}`, noteEn: `Revised${IMG}` })
  })

  const expectNoLivePayload = (html: string) => {
    expect(html).not.toContain(SCRIPT)
    expect(html).not.toContain('<img src=x')
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\sonerror\s*=/i)
  }

  it('on the public pages and the staff pages, in both languages', async () => {
    for (const path of ['/alerts', '/alerts?lang=en', `/alerts/${slug}`, `/alerts/${slug}?lang=en`]) {
      const res = await publicGet(t, path)
      expect(res.status, path).toBe(200)
      expectNoLivePayload(res.text)
      expect(res.text, path).toContain('&lt;script&gt;')
    }
    for (const path of ['/staff/alerts', `/staff/alerts/${alertId}`, `/staff/alerts/${alertId}/cases`]) {
      const res = await browser.get(path)
      expect(res.status, path).toBe(200)
      expectNoLivePayload(res.text)
    }
  })

  it('in the RSS feed, which stays well-formed', async () => {
    for (const path of ['/rss/alerts.rdf', '/rss/alerts.rdf?lang=en']) {
      const rss = (await publicGet(t, path)).text
      assertWellFormedXml(rss)
      expect(rss).not.toContain('<script>')
      expect(rss).not.toContain('<img')
      expect(rss).toContain('&lt;script&gt;')
    }
  })

  it('in the JSON API, as data', async () => {
    const res = await publicGet(t, `/api/v1/alerts/${slug}`)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(res.json.title.ja).toBe(`注意${SCRIPT}${IMG}`)
  })
})

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient } from '../../test/support/clients.js'

/** Downloads of the guides: an optional one-question survey, counted once per visitor and day, and a complete printable file. */

let t: TestApp
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-10-05T01:00:00Z' })
  await t.db.insertInto('guide_channels').values({ tag: 'leaflet-2026-10', kind: 'leaflet', name_ja: '10月のリーフレット', name_en: 'October leaflet', created_at: t.clock.now() }).execute()
})
afterAll(async () => { await t.close() })
beforeEach(async () => {
  await t.db.deleteFrom('guide_downloads').execute()
  await t.db.deleteFrom('guide_visitor_marks').execute()
  await t.db.deleteFrom('rate_limits').execute()
})

const downloads = () => t.db.selectFrom('guide_downloads').select(['document', 'language', 'purpose', 'channel']).orderBy('created_at').execute()

/** A visitor with their own browser string (visitors are told apart by address and browser, never by a cookie). */
async function visitor(agent: string, path = '/guides/downloads/checklist') {
  const b = browserClient(t)
  const page = await b.get(path)
  const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? ''
  const post = (doc: string, fields: Record<string, string>) => t.app.request(`/guides/downloads/${doc}`, {
    method: 'POST', body: new URLSearchParams({ _csrf: csrf, ...fields }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': agent, cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  })
  return { page, post }
}

describe('the download survey', () => {
  it('offers the one optional question with an answer and a skip button, carrying the channel', async () => {
    const { page } = await visitor('A', '/guides/downloads/choosing?ch=leaflet-2026-10')
    expect(page.status).toBe(200)
    for (const p of ['development', 'procurement', 'education', 'personal', 'other']) expect(page.text).toContain(`value="${p}"`)
    expect(page.text).toContain('name="survey" value="answer"')
    expect(page.text).toContain('name="survey" value="skip"')
    expect(page.text).toContain('name="ch" value="leaflet-2026-10"')
  })

  it('refuses documents that do not exist', async () => {
    expect((await t.app.request('/guides/downloads/secret')).status).toBe(404)
    expect((await t.app.request('/guides/downloads/secret', { method: 'POST' })).status).toBe(404)
  })

  it('records a skipped survey as no purpose and an answered one with its purpose, by channel', async () => {
    const a = await visitor('A')
    expect((await a.post('checklist', { survey: 'skip', purpose: 'education', ch: 'leaflet-2026-10' })).status).toBe(200)
    const b = await visitor('B')
    expect((await b.post('using', { survey: 'answer', purpose: 'procurement', ch: 'forged-tag', lang: 'en' })).status).toBe(200)
    const c = await visitor('C')
    expect((await c.post('using', { survey: 'skip', ch: 'x'.repeat(5000), lang: 'fr' })).status).toBe(200)
    expect(await downloads()).toEqual([
      { document: 'checklist', language: 'ja', purpose: null, channel: 'leaflet-2026-10' },
      { document: 'using', language: 'en', purpose: 'procurement', channel: '' },
      { document: 'using', language: 'ja', purpose: null, channel: '' },
    ])
  })

  it('refuses an answer without a valid purpose with a clear message and the form again, recording nothing', async () => {
    const a = await visitor('A')
    for (const purpose of ['', 'spying', '<script>alert(1)</script>']) {
      const res = await a.post('checklist', { survey: 'answer', purpose })
      expect(res.status).toBe(400)
      const html = await res.text()
      expect(html).toContain('利用目的を一覧から選ぶか')
      expect(html).toContain('name="survey" value="skip"')
      expect(html).not.toContain('<script>alert(1)</script>')
    }
    expect(await downloads()).toEqual([])
  })

  it('counts a visitor once per document and day however often they download, and gives the file each time', async () => {
    const a = await visitor('A')
    for (let i = 0; i < 5; i++) expect((await a.post('checklist', { survey: 'answer', purpose: 'development' })).status).toBe(200)
    expect((await a.post('choosing', { survey: 'skip' })).status).toBe(200)
    expect(await downloads()).toHaveLength(2)
    t.clock.advance(24 * 3600_000)
    expect((await a.post('checklist', { survey: 'skip' })).status).toBe(200)
    expect(await downloads()).toHaveLength(3)
  })
})

describe('the downloaded document', () => {
  it('is a complete, self-contained HTML file sent as an attachment named by document and language', async () => {
    const a = await visitor('A')
    const res = await a.post('choosing', { survey: 'skip', lang: 'en' })
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="keikai-choosing-en\.html"/)
    const html = await res.text()
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/)
    expect(html).toContain('<meta charset="utf-8"/>')
    expect(html).toMatch(/<title>[^<]+<\/title>/)
    expect(html).toContain('@page { size: A4')
    expect(html).toContain('<svg')
    expect(html).toContain('http://keikai.test/guides/consumers/choosing?via=qr')
    expect(html).toMatch(/2026-10-0\d/)
    expect(html).not.toMatch(/<script|<link |src="http/)
    // Links inside a saved file name the site: a relative one would lead nowhere.
    expect(html).not.toMatch(/href="\//)
    expect(html.trimEnd()).toMatch(/<\/html>$/)
  })

  it('holds the checklist in Japanese by default', async () => {
    const a = await visitor('A')
    const res = await a.post('checklist', { survey: 'skip' })
    expect(res.headers.get('content-disposition')).toMatch(/filename="keikai-checklist-ja\.html"/)
    const html = await res.text()
    expect(html).toContain('<html lang="ja">')
    expect(html).toContain('guide-document')
  })
})

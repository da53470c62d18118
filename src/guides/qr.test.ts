import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient } from '../../test/support/clients.js'
import { qrFilename, qrTarget } from './qr.js'

let t: TestApp

async function get(path: string) {
  const res = await t.app.request(path)
  const bytes = new Uint8Array(await res.arrayBuffer())
  return { status: res.status, headers: res.headers, bytes, text: new TextDecoder().decode(bytes) }
}

/** A PNG's width and height, from its IHDR chunk (the first, right after the 8-byte signature). */
function pngSize(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(new TextDecoder().decode(bytes.slice(12, 16))).toBe('IHDR')
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

beforeAll(async () => {
  t = await setupTestApp()
  const now = t.clock.now()
  await t.db.insertInto('guide_channels').values([
    { tag: 'leaflet-2026-10', kind: 'leaflet', name_ja: '10月のチラシ', name_en: 'October leaflet', created_by: null, created_at: now, archived_at: null },
    { tag: 'expo-2025', kind: 'event', name_ja: '2025年の展示会', name_en: 'Expo 2025', created_by: null, created_at: now, archived_at: now },
  ]).execute()
})
afterAll(async () => { await t.close() })

describe('the link a QR code carries', () => {
  it('names the page on the public site, the channel and the way in', () => {
    expect(qrTarget('https://keikai.example.jp/', '/guides/consumers/choosing', 'leaflet-2026-10')).toBe('https://keikai.example.jp/guides/consumers/choosing?ch=leaflet-2026-10&via=qr')
    expect(qrTarget('https://keikai.example.jp', '/guides/consumers/using', '')).toBe('https://keikai.example.jp/guides/consumers/using?via=qr')
  })

  it('is shown as text under the code on the guide page, and the image asks for the same channel', async () => {
    const html = (await browserClient(t).get('/guides/consumers/choosing?ch=leaflet-2026-10')).text
    expect(html).toContain('http://keikai.test/guides/consumers/choosing?ch=leaflet-2026-10&amp;via=qr')
    expect(html).toContain('src="/guides/qr.svg?page=%2Fguides%2Fconsumers%2Fchoosing&amp;ch=leaflet-2026-10"')
    for (const size of [300, 600, 1200]) expect(html).toContain(`/guides/qr.png?page=%2Fguides%2Fconsumers%2Fchoosing&amp;ch=leaflet-2026-10&amp;size=${size}&amp;download=1`)
  })

  it('has no channel when the visitor came by none, or by a forged tag', async () => {
    const html = (await browserClient(t).get('/guides/consumers/using?ch=made-up-tag')).text
    expect(html).toContain('http://keikai.test/guides/consumers/using?via=qr')
    expect(html).toContain('src="/guides/qr.svg?page=%2Fguides%2Fconsumers%2Fusing"')
  })
})

describe('QR code images', () => {
  it('are an SVG for the page, shown inline and cacheable', async () => {
    const r = await get('/guides/qr.svg?page=/guides/consumers/choosing&ch=leaflet-2026-10')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
    expect(r.text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(r.headers.get('content-disposition')).toMatch(/^inline/)
    expect(r.headers.get('cache-control')).toBe('public, max-age=3600')
  })

  it('are a PNG of the asked size, 300 px when none is asked', async () => {
    for (const [query, size] of [['', 300], ['&size=300', 300], ['&size=600', 600], ['&size=1200', 1200]] as const) {
      const r = await get(`/guides/qr.png?page=/guides/consumers/using${query}`)
      expect(r.status).toBe(200)
      expect(r.headers.get('content-type')).toBe('image/png')
      expect(pngSize(r.bytes)).toEqual({ width: size, height: size })
    }
  })

  it('download as a file named after the page, the channel and the size', async () => {
    const png = await get('/guides/qr.png?page=/guides/consumers/choosing&ch=leaflet-2026-10&size=600&download=1')
    expect(png.headers.get('content-disposition')).toContain('attachment; filename="keikai-qr-consumers-choosing-leaflet-2026-10-600.png"')
    const svg = await get('/guides/qr.svg?page=/guides/developers/checklist&download=1')
    expect(svg.headers.get('content-disposition')).toContain('attachment; filename="keikai-qr-developers-checklist.svg"')
    expect(qrFilename('/guides', '', 'svg', 300)).toBe('keikai-qr-guides.svg')
  })

  it('are drawn for every guide page, checklist items too', async () => {
    expect((await get('/guides/qr.svg?page=/guides/developers/checklist/items/12')).status).toBe(200)
    expect((await get('/guides/qr.svg?page=/guides')).status).toBe(200)
  })

  it('are not found for a page that is not a guide page', async () => {
    for (const page of ['/admin', '/guides/consumers/choosing?ch=x', 'https://evil.example/', '/guides/consumers']) {
      expect((await get(`/guides/qr.svg?page=${encodeURIComponent(page)}`)).status, page).toBe(404)
    }
    expect((await get('/guides/qr.png?page=/login')).status).toBe(404)
  })

  it('are refused without a page', async () => {
    expect((await get('/guides/qr.svg')).status).toBe(400)
  })

  it('are refused, saying why, for a channel staff never created or have archived: a printed leaflet must not carry a dead tag', async () => {
    for (const tag of ['no-such-channel', 'expo-2025', 'BAD TAG']) {
      const r = await get(`/guides/qr.png?page=/guides/consumers/choosing&ch=${encodeURIComponent(tag)}`)
      expect(r.status, tag).toBe(400)
      expect(r.text).toContain('チャネル')
    }
    const forged = await get(`/guides/qr.svg?page=/guides/consumers/choosing&ch=${encodeURIComponent('<script>alert(1)</script>')}`)
    expect(forged.text).not.toContain('<script>alert(1)')
    expect(forged.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    const en = await get('/guides/qr.svg?page=/guides/consumers/choosing&ch=expo-2025&lang=en')
    expect(en.text).toContain('There is no active channel tagged “expo-2025”')
  })

  it('are refused at a size not drawn for print', async () => {
    for (const size of ['100', '301', '5000', 'abc', '']) {
      const r = await get(`/guides/qr.png?page=/guides/consumers/choosing&size=${size}`)
      expect(r.status, size).toBe(400)
      expect(r.text).toContain('300, 600, 1200')
    }
  })
})

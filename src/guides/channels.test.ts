import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { createUser, type TestUser } from '../../test/support/clients.js'
import { GUIDE_PAGES } from './guide-pages.js'

/** Outreach channels: staff create and archive them, and print each guide page's QR code with the channel's tag. */

let t: TestApp
let intake: TestUser
let developer: TestUser
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-10-05T01:00:00Z' })
  intake = await createUser(t, { roles: ['intake'] })
  developer = await createUser(t)
})
afterAll(async () => { await t.close() })

const postForm = (user: TestUser, path: string, fields: Record<string, string> = {}) => t.app.request(path, {
  method: 'POST', body: new URLSearchParams(fields), headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/x-www-form-urlencoded' },
})

describe('outreach channels', () => {
  it('are created by staff and listed with their kind, names and date', async () => {
    const res = await postForm(intake, '/guides/channels', { tag: 'leaflet-2026-10', kind: 'leaflet', nameJa: '10月のリーフレット', nameEn: 'October leaflet' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/guides/channels/leaflet-2026-10')
    const list = await intake.api.get('/guides/channels')
    expect(list.status).toBe(200)
    expect(list.text).toContain('leaflet-2026-10')
    expect(list.text).toContain('10月のリーフレット')
    expect(list.text).toContain('リーフレット・印刷物')
    expect(list.text).toContain('2026/10/05')
    expect(await t.db.selectFrom('guide_channels').select(['tag', 'kind', 'name_en', 'created_by']).execute()).toEqual([{ tag: 'leaflet-2026-10', kind: 'leaflet', name_en: 'October leaflet', created_by: intake.id }])
  })

  it('refuse a taken tag with a clear conflict and a bad tag with 400, keeping what was entered', async () => {
    const taken = await postForm(intake, '/guides/channels', { tag: 'leaflet-2026-10', kind: 'event', nameJa: '別の催し' })
    expect(taken.status).toBe(409)
    const html = await taken.text()
    expect(html).toContain('このタグはすでに使われています')
    expect(html).toContain('value="別の催し"')
    for (const tag of ['Leaflet!', 'a', '-starts-with-hyphen', 'x'.repeat(80)]) {
      const bad = await postForm(intake, '/guides/channels', { tag, kind: 'event', nameJa: '催し' })
      expect(bad.status, tag).toBe(400)
      expect(await bad.text()).toContain('value="催し"')
    }
    expect((await postForm(intake, '/guides/channels', { tag: 'ok-tag', kind: 'nonsense', nameJa: '催し' })).status).toBe(400)
  })

  it('show a QR code for every guide page with the link it carries and print downloads', async () => {
    const res = await intake.api.get('/guides/channels/leaflet-2026-10')
    expect(res.status).toBe(200)
    for (const p of GUIDE_PAGES) {
      expect(res.text).toContain(`http://keikai.test${p.path}?ch=leaflet-2026-10&amp;via=qr`)
      expect(res.text).toContain(`/guides/qr.svg?page=${encodeURIComponent(p.path)}&amp;ch=leaflet-2026-10`)
    }
    expect(res.text).toContain('&amp;size=1200&amp;download=1')
    const image = await t.app.request(`/guides/qr.svg?page=${encodeURIComponent('/guides')}&ch=leaflet-2026-10`)
    expect(image.status).toBe(200)
  })

  it('are archived: their QR codes are no longer offered and their tag counts as no channel', async () => {
    expect((await postForm(intake, '/guides/channels/leaflet-2026-10/archive')).status).toBe(303)
    expect((await postForm(intake, '/guides/channels/leaflet-2026-10/archive')).status).toBe(303)
    const page = await intake.api.get('/guides/channels/leaflet-2026-10')
    expect(page.text).toContain('アーカイブされました')
    expect(page.text).not.toContain('/guides/qr.svg')
    await t.app.request('/guides?ch=leaflet-2026-10')
    expect((await t.db.selectFrom('guide_visits').select('channel').execute()).map((r) => r.channel)).toEqual([''])
    expect((await intake.api.get('/guides/channels/no-such-channel')).status).toBe(404)
  })

  it('are for staff only: others get 404', async () => {
    expect((await developer.api.get('/guides/channels')).status).toBe(404)
    expect((await postForm(developer, '/guides/channels', { tag: 'dev-tag', kind: 'event', nameJa: 'x' })).status).toBe(404)
    expect((await developer.api.get('/guides/channels/leaflet-2026-10')).status).toBe(404)
  })
})

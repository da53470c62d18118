import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { catalogue } from '../platform/i18n/catalog.js'
import { CHOOSING_FIRST, CHOOSING_MORE, USING, pointKeys } from './consumer-guides.content.js'

let t: TestApp

const get = async (path: string, agent = 'a phone') => {
  const res = await t.app.request(path, { headers: { 'user-agent': agent } })
  return { status: res.status, text: await res.text(), headers: res.headers }
}
const visits = () => t.db.selectFrom('guide_visits').select(['page', 'channel', 'via', 'views', 'visitors']).orderBy('page').orderBy('channel').orderBy('via').execute()
/** The headings of the points, in order. */
const pointTitles = (html: string) => [...html.matchAll(/<li class="guide-point"[\s\S]*?<h3><span class="guide-point-number">([^<]*)<\/span>([^<]*)<\/h3>/g)].map((m) => `${m[1]} ${m[2]}`)

beforeAll(async () => {
  t = await setupTestApp()
  await t.db.insertInto('guide_channels').values({ tag: 'leaflet-2026-10', kind: 'leaflet', name_ja: '10月のチラシ', name_en: 'October leaflet', created_by: null, created_at: t.clock.now(), archived_at: null }).execute()
})
afterAll(async () => { await t.close() })

describe('the consumer guides', () => {
  it('have every point in Japanese and English', () => {
    const keys = ['guides.choosing.title', 'guides.using.title', ...pointKeys(CHOOSING_FIRST), ...pointKeys(CHOOSING_MORE), ...pointKeys(USING)]
    for (const lang of ['ja', 'en'] as const) expect(keys.filter((k) => !catalogue[lang][k]?.trim()), lang).toEqual([])
  })

  it('"Choosing" gives the 3 purchase points first, then the 4 further ones, in both languages', async () => {
    const ja = await get('/guides/consumers/choosing')
    expect(ja.status).toBe(200)
    expect(ja.text).toContain('<h1>ネットにつながる製品の選び方</h1>')
    expect(ja.text).toContain('<html lang="ja">')
    expect(pointTitles(ja.text)).toEqual([
      'ポイント 1 アップデートの機能がありますか？',
      'ポイント 2 メーカーのウェブサイトにセキュリティの情報がありますか？',
      'ポイント 3 問い合わせの窓口がありますか？',
      'ポイント 4 セキュリティの方針を公開していますか？',
      'ポイント 5 セキュリティの機能や設定が説明されていますか？',
      'ポイント 6 サポートの情報（サポート期間）が示されていますか？',
      'ポイント 7 工場出荷時の状態に戻せますか？',
    ])
    expect(ja.text.indexOf('買う前に確かめたい 3 つのポイント')).toBeLessThan(ja.text.indexOf('さらに確かめたい 4 つのポイント'))
    expect(ja.text).toContain('/guides/statements/')
    const en = await get('/guides/consumers/choosing?lang=en')
    expect(en.text).toContain('<html lang="en">')
    expect(pointTitles(en.text)).toEqual([
      'Point 1 Can it be updated?',
      'Point 2 Does the maker’s website have security information?',
      'Point 3 Is there a contact point?',
      'Point 4 Does the maker publish a security policy?',
      'Point 5 Are its security functions and settings explained?',
      'Point 6 Does it say how long it will be supported?',
      'Point 7 Can it be reset to its factory state?',
    ])
    expect(en.text).toContain('3 points to check before you buy')
    expect(en.text).not.toMatch(/[ぁ-んァ-ン]/)
  })

  it('"Using" gives its 7 points with how to check each, in both languages', async () => {
    const ja = await get('/guides/consumers/using')
    expect(pointTitles(ja.text)).toHaveLength(7)
    expect(pointTitles(ja.text)[0]).toBe('ポイント 1 初期パスワードを変える')
    expect(ja.text.match(/<p class="guide-how">確かめ方<\/p>/g)).toHaveLength(7)
    const en = await get('/guides/consumers/using?lang=en')
    expect(pointTitles(en.text).map((s) => s.replace(/^Point \d /, ''))).toEqual([
      'Change the initial password', 'Keep it updated (turn on automatic updates)', 'Use only the functions you need, and check the settings',
      'Know when support ends, and replace the product when it does', 'Watch for the maker’s notices', 'Reset it before you give it away or throw it out',
      'When unsure, ask the maker’s contact point',
    ])
    expect(en.text).not.toMatch(/[ぁ-んァ-ン]/)
  })

  it('draw each point’s picture as decoration hidden from screen readers', async () => {
    const html = (await get('/guides/consumers/using')).text
    const icons = html.match(/<svg class="guide-icon"[^>]*>/g) ?? []
    expect(icons.length).toBeGreaterThanOrEqual(7)
    for (const icon of icons) expect(icon).toContain('aria-hidden="true"')
  })

  it('end with the frame: the QR code, the rating form and the links to download and register', async () => {
    const html = (await get('/guides/consumers/choosing')).text
    expect(html).toContain('<img src="/guides/qr.svg?page=%2Fguides%2Fconsumers%2Fchoosing"')
    expect(html).toContain('action="/guides/ratings"')
    expect(html).toContain('href="/guides/downloads/choosing"')
    expect(html).toContain('href="/guides/updates"')
    expect(html.indexOf('guide-point')).toBeLessThan(html.indexOf('guide-qr'))
  })
})

describe('visits of the consumer guides', () => {
  it('are counted by channel and way in: a staff-made channel by its tag, a forged one as none, a QR scan as qr', async () => {
    await t.db.deleteFrom('guide_visits').execute()
    await get('/guides/consumers/choosing?ch=leaflet-2026-10&via=qr', 'scanner one')
    await get('/guides/consumers/choosing?ch=leaflet-2026-10&via=qr', 'scanner two')
    await get('/guides/consumers/choosing?ch=leaflet-2026-10&via=qr', 'scanner two')
    await get('/guides/consumers/choosing?ch=forged-tag', 'reader')
    await get('/guides/consumers/using', 'reader')
    expect(await visits()).toEqual([
      { page: '/guides/consumers/choosing', channel: '', via: 'web', views: 1, visitors: 1 },
      { page: '/guides/consumers/choosing', channel: 'leaflet-2026-10', via: 'qr', views: 3, visitors: 2 },
      { page: '/guides/consumers/using', channel: '', via: 'web', views: 1, visitors: 1 },
    ])
  })

  it('carry the channel on to the rating form, the QR code and the links', async () => {
    const html = (await get('/guides/consumers/using?ch=leaflet-2026-10&via=qr')).text
    expect(html).toContain('<input type="hidden" name="ch" value="leaflet-2026-10"/>')
    expect(html).toContain('href="/guides/downloads/using?ch=leaflet-2026-10"')
    expect(html).toContain('href="/guides/updates?ch=leaflet-2026-10"')
  })
})

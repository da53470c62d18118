import type { DB } from '../platform/db/database.js'
import { hashSecret, newId, newSecret } from '../platform/secrets.js'

type Ago = (days: number) => string

/**
 * Issue 13's outreach in the demo: two channels (a leaflet handed out at an event and a partner
 * site), twelve weeks of guide visits, QR scans, downloads with survey answers, ratings and
 * update-notice subscriptions — counts only, as the programme would have gathered them — and a
 * published product statement of the demo developer. Everything is synthetic and repeatable
 * (a fixed pattern, no randomness), so the effect dashboard shows the same picture each time.
 */
export async function seedOutreach(db: DB, developerOrgId: string, today: Date, ago: Ago): Promise<void> {
  const now = today
  await db.insertInto('guide_channels').values([
    { tag: 'leaflet-expo', kind: 'leaflet', name_ja: '展示会で配布したリーフレット', name_en: 'Leaflet handed out at the expo', created_at: new Date(`${ago(90)}T01:00:00Z`) },
    { tag: 'partner-consumer-centre', kind: 'partner', name_ja: '消費生活センターのサイト', name_en: "Consumer centre's website", created_at: new Date(`${ago(80)}T01:00:00Z`) },
  ]).execute()
  const pages = ['/guides', '/guides/developers/checklist', '/guides/consumers/choosing', '/guides/consumers/using', '/guides/developers/checklist/items/4']
  const visits = []
  for (let d = 83; d >= 0; d--) {
    const day = ago(d)
    const wave = 1 + ((84 - d) % 7 === 2 ? 2 : 0) + Math.floor((84 - d) / 21)
    for (const [i, page] of pages.entries()) {
      const base = (5 - i) * wave
      visits.push({ day, page, channel: '', via: 'web' as const, views: base + 3, visitors: base + 1 })
      if (page.startsWith('/guides/consumers') && d < 60) visits.push({ day, page, channel: 'leaflet-expo', via: 'qr' as const, views: wave + i, visitors: wave + i - 1 })
      if (page === '/guides/consumers/choosing' && d < 50) visits.push({ day, page, channel: 'partner-consumer-centre', via: 'web' as const, views: wave * 2, visitors: wave * 2 - 1 })
    }
  }
  await db.insertInto('guide_visits').values(visits).execute()
  const purposes = ['development', 'procurement', 'education', 'personal', 'other', null] as const
  const documents = ['checklist', 'choosing', 'using'] as const
  const downloads = Array.from({ length: 60 }, (_, n) => ({
    id: newId(), document: documents[n % 3]!, language: n % 4 === 0 ? 'en' as const : 'ja' as const,
    purpose: purposes[(n * 5) % purposes.length]!, channel: n % 5 === 0 ? 'leaflet-expo' : '', created_at: new Date(`${ago(80 - n)}T03:00:00Z`),
  }))
  await db.insertInto('guide_downloads').values(downloads).execute()
  const comments = ['わかりやすかったです。', '図がもう少しあると助かります。', '', 'Clear and practical.', '']
  await db.insertInto('guide_ratings').values(Array.from({ length: 20 }, (_, n) => ({
    page: pages[(n % 4) + 1]!, visitor: newSecret(), stars: 3 + (n % 3), comment: comments[n % comments.length]!,
    channel: n % 4 === 0 ? 'leaflet-expo' : '', language: n % 5 === 3 ? 'en' as const : 'ja' as const,
    created_at: new Date(`${ago(70 - n * 3)}T04:00:00Z`), updated_at: new Date(`${ago(70 - n * 3)}T04:00:00Z`),
  }))).execute()
  await db.insertInto('guide_subscriptions').values(Array.from({ length: 8 }, (_, n) => ({
    id: newId(), email: `reader${n + 1}@example.jp`, language: n % 3 === 2 ? 'en' as const : 'ja' as const,
    topics: JSON.stringify(n % 2 === 0 ? ['checklist'] : ['choosing', 'using']),
    status: n === 7 ? 'unsubscribed' as const : n === 6 ? 'pending' as const : 'confirmed' as const,
    confirm_token_hash: n === 6 ? hashSecret(newSecret()) : null, unsubscribe_token_hash: hashSecret(newSecret()), channel: n % 3 === 0 ? 'leaflet-expo' : '',
    created_at: new Date(`${ago(60 - n * 7)}T05:00:00Z`), confirmed_at: n < 6 || n === 7 ? new Date(`${ago(60 - n * 7)}T06:00:00Z`) : null,
    unsubscribed_at: n === 7 ? new Date(`${ago(3)}T06:00:00Z`) : null,
  }))).execute()
  await db.insertInto('guide_statements').values({
    id: newId(), organization_id: developerOrgId, slug: 'sample-router-wr1000', product_name: 'Sample Router WR-1000',
    support_ends_on: `${Number(ago(0).slice(0, 4)) + 5}-03-31`,
    support_note_ja: '販売終了後も 5 年間、セキュリティ更新を提供します。', support_note_en: 'Security updates for five years after the end of sale.',
    contact_url: 'https://sample.example/security', contact_email: 'psirt@sample.example',
    update_method_ja: '自動更新（初期設定で有効）。管理画面の「ファームウェア更新」からも更新できます。', update_method_en: 'Automatic updates (on by default); also from "Firmware update" in the admin screen.',
    published_at: now, created_at: now, updated_at: now,
  }).execute()
}

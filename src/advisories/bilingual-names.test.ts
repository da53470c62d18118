import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Migrator, sql } from 'kysely'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { emptyDatabase } from '../../test/support/database.js'
import { migrations } from '../platform/db/migrations/index.js'
import type { DatabaseHandle } from '../platform/db/database.js'
import { bearer, draftBody, jsonRequest, scheduleSeeded, seedProductCase, type SeededCase } from './test-factories.js'

/**
 * English complete (issue 9): names in advisories have ja and en; the English page shows the
 * Japanese only where the editor left a name in Japanese alone, marked as such.
 */

/** Hiragana, Katakana, CJK ideographs, CJK punctuation and full-width forms. */
const JAPANESE = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/

/** The page's `<main>` without the elements marked `lang="ja"` (the names left in Japanese alone). */
function mainOutsideJapanese(html: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? ''
  return main.replace(/<(span|div)\b[^>]*\blang="ja"[^>]*>[\s\S]*?<\/\1>/g, '')
}

/** Every field in both languages, except the parts maker's name, left Japanese-only on purpose. */
const bilingualDraft = (seed: SeededCase) => draftBody(seed, {
  affectedProducts: [
    { developer: { ja: 'サンプル電機株式会社', en: 'Sample Electric Co., Ltd.' }, product: { ja: '無線ルーター WR-1000', en: 'Wireless router WR-1000' }, versions: { ja: '1.2.3 以前', en: '1.2.3 and earlier' } },
    { developer: { ja: '部品工房', en: '' }, product: { ja: 'HTTP ライブラリ', en: 'HTTP library' }, versions: { ja: '2.x 系', en: '2.x' } },
  ],
})

let t: TestApp
let seed: SeededCase
let slug: string
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  seed = await seedProductCase(t.db, t.clock.now())
  const scheduled = await scheduleSeeded(t.deps, seed, new Date('2026-04-15T01:00:00Z'), bilingualDraft(seed))
  slug = scheduled.identifier.replace('#', '')
  t.clock.set('2026-04-16T00:00:00Z')
})
afterAll(async () => { await t.close() })

describe('the English advisory page', () => {
  it('has no Japanese outside the names the editor left in Japanese alone, and marks those "Japanese only"', async () => {
    const res = await t.app.request(`/advisories/${slug}?lang=en`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Sample Electric Co., Ltd.')
    expect(html).toContain('Wireless router WR-1000')
    expect(html).toContain('1.2.3 and earlier')
    expect(html).toContain('A fixed version is available.')
    expect(html).toContain('<span lang="ja">部品工房</span> <small class="meta lang-fallback">(Japanese only)</small>')
    const rest = mainOutsideJapanese(html)
    expect(rest).toContain('Products affected')
    expect(rest.match(JAPANESE), rest.slice(Math.max(0, rest.search(JAPANESE) - 200), rest.search(JAPANESE) + 50)).toBeNull()
  })

  it('shows the Japanese page in Japanese, with no marks', async () => {
    const html = await (await t.app.request(`/advisories/${slug}`)).text()
    expect(html).toContain('部品工房')
    expect(html).toContain('1.2.3 以前')
    expect(html).not.toContain('lang-fallback')
  })

  it('marks a Japanese statement shown on the English page when the developer gave no English one', async () => {
    const other = await seedProductCase(t.db, t.clock.now(), { statement: { ja: '対応を検討中です。', en: '' } })
    const scheduled = await scheduleSeeded(t.deps, other, new Date('2026-04-16T01:00:00Z'))
    t.clock.set('2026-04-17T00:00:00Z')
    const html = await (await t.app.request(`/advisories/${scheduled.identifier.replace('#', '')}?lang=en`)).text()
    expect(html).toMatch(/<div lang="ja"><p>対応を検討中です。<\/p><small class="meta lang-fallback">\(Japanese only\)<\/small><\/div>/)
    expect(mainOutsideJapanese(html).match(JAPANESE)).toBeNull()
  })

  it('gives the English names in the English RSS feed', async () => {
    const rss = await (await t.app.request('/rss/advisories.rdf?lang=en')).text()
    expect(rss).toContain('vendor="Sample Electric Co., Ltd." product="WR-1000"')
  })
})

describe('names in the JSON API', () => {
  it('takes and gives { ja, en } names, and still takes a bare string (the Japanese; the English too when ASCII)', async () => {
    const kase = await seedProductCase(t.db, t.clock.now())
    const body = draftBody(kase, {
      affectedProducts: [
        { developer: { ja: '例示株式会社', en: 'Example Corp.' }, product: { ja: 'カメラ', en: 'Camera' }, versions: { ja: '全版', en: 'All versions' }, cpe: null },
        { developer: '旧形式電機', product: 'NAS-9', versions: '3.0' },
      ],
    })
    const put = await t.app.request(`/api/v1/cases/${kase.caseId}/advisory`, jsonRequest('PUT', body, kase.coordinator.token))
    expect(put.status, await put.clone().text()).toBe(200)
    const got = await (await t.app.request(`/api/v1/cases/${kase.caseId}/advisory`, { headers: bearer(kase.coordinator.token) })).json()
    expect(got.advisory.content.affectedProducts).toEqual([
      { developer: { ja: '例示株式会社', en: 'Example Corp.' }, product: { ja: 'カメラ', en: 'Camera' }, versions: { ja: '全版', en: 'All versions' }, cpe: null },
      { developer: { ja: '旧形式電機', en: '' }, product: { ja: 'NAS-9', en: 'NAS-9' }, versions: { ja: '3.0', en: '3.0' }, cpe: null },
    ])
  })

  it('refuses a product row without a Japanese name, naming the field', async () => {
    const kase = await seedProductCase(t.db, t.clock.now())
    const body = draftBody(kase, { affectedProducts: [{ developer: { ja: '', en: 'Example Corp.' }, product: { ja: 'X', en: 'X' } }] })
    const res = await t.app.request(`/api/v1/cases/${kase.caseId}/advisory`, jsonRequest('PUT', body, kase.coordinator.token))
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toContain('affectedProducts.0.developer.ja')
  })
})

describe('the advisory editor', () => {
  const form = (kase: SeededCase, fields: Record<string, string>) => {
    const params = new URLSearchParams({
      title_ja: 'タイトル', title_en: 'Title', overview_ja: '', overview_en: '', description_ja: '', description_en: '', impact_ja: '', impact_en: '',
      solution_ja: '', solution_en: '', v_id: kase.vulnerabilityId, v_title_ja: 'XSS', v_title_en: 'XSS', v_cve: '', v_cwe: '', v_cvss31: '', v_cvss40: '',
      p_developer_ja: '部品工房', p_developer_en: '', p_product_ja: 'ルーター', p_product_en: 'Router', p_versions_ja: '1.0 以前', p_versions_en: '1.0 and earlier', p_cpe: '',
      credits_shown: '1', ...fields,
    })
    return t.app.request(`/cases/${kase.caseId}/advisory`, { method: 'POST', headers: { ...bearer(kase.coordinator.token), 'content-type': 'application/x-www-form-urlencoded' }, body: params })
  }

  it('puts Japanese and English side by side, saves both, and returns to the section saved from, saying so', async () => {
    const kase = await seedProductCase(t.db, t.clock.now())
    const page = await (await t.app.request(`/cases/${kase.caseId}/advisory`, { headers: bearer(kase.coordinator.token) })).text()
    expect(page).toMatch(/<div class="lang-pair"><div class="field"><label for="title_ja">[\s\S]*?<label for="title_en">/)
    expect(page).toContain('name="p_developer_ja"')
    expect(page).toContain('name="p_developer_en"')

    const saved = await form(kase, { at: 'products' })
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe(`/cases/${kase.caseId}/advisory?saved=products#advisory-products`)
    const back = await (await t.app.request(saved.headers.get('location')!.split('#')[0]!, { headers: bearer(kase.coordinator.token) })).text()
    const products = /<fieldset id="advisory-products">[\s\S]*?<\/fieldset>/.exec(back)?.[0] ?? ''
    expect(products).toContain('role="status">下書きを保存しました。</span>')
    expect(products).toContain('value="部品工房"')
    expect(products).toContain('value="1.0 and earlier"')
    // Both languages previewed: the English one marks the name left in Japanese.
    expect(back).toContain('<section class="card" lang="ja"><h3>日本語版</h3>')
    expect(back).toContain('<section class="card" lang="en"><h3>English version</h3>')
    expect(back).toContain('<span lang="ja">部品工房</span> <small class="meta lang-fallback">(Japanese only)</small>')
  })

  it('returns to the top without a section, and ignores a section it does not know', async () => {
    const kase = await seedProductCase(t.db, t.clock.now())
    expect((await form(kase, {})).headers.get('location')).toBe(`/cases/${kase.caseId}/advisory?saved`)
    expect((await form(kase, { at: '"><script>' })).headers.get('location')).toBe(`/cases/${kase.caseId}/advisory?saved`)
  })
})

describe('migration 0018', () => {
  let h: DatabaseHandle
  afterAll(async () => { await h?.close() })

  it('moves single names to Japanese, and to English too when ASCII, in advisories and uncontactable listings', async () => {
    h = await emptyDatabase()
    const migrator = new Migrator({ db: h.db, provider: { getMigrations: async () => migrations } })
    expect((await migrator.migrateTo('0017-account-admin')).error).toBeUndefined()
    const db = h.db
    await sql`insert into organizations (id, kind, name_ja, name_en) values ('org-1', 'developer', 'サンプル電機', 'Sample Electric')`.execute(db)
    await sql`insert into cases (id, kind, status, title) values ('c1', 'product', 'developer_notified', '案件')`.execute(db)
    await sql`insert into case_parties (id, case_id, organization_id) values ('p1', 'c1', 'org-1')`.execute(db)
    const old = { title: { ja: 'タイトル', en: 'Title' }, affectedProducts: [
      { developer: 'サンプル電機', product: 'WR-1000', versions: '1.2.3 以前', cpe: null },
      { developer: 'Example Corp', product: 'カメラ', versions: '2.0', cpe: 'cpe:/h:example:camera' },
    ] }
    await sql`insert into advisories (id, case_id, content) values ('a1', 'c1', ${JSON.stringify(old)}::jsonb)`.execute(db)
    await sql`insert into uncontactable_listings (id, case_id, party_id, organization_id, developer_name_ja, developer_name_en, product_name, product_versions, reason, listed_at)
      values ('l1', 'c1', 'p1', 'org-1', 'サンプル電機', 'Sample Electric', 'WR-1000', '1.2.3 以前', '理由', now())`.execute(db)

    expect((await migrator.migrateToLatest()).error).toBeUndefined()

    const { rows: [advisory] } = await sql<{ content: { title: unknown; affectedProducts: unknown } }>`select content from advisories where id = 'a1'`.execute(db)
    expect(advisory!.content.title).toEqual({ ja: 'タイトル', en: 'Title' })
    expect(advisory!.content.affectedProducts).toEqual([
      { developer: { ja: 'サンプル電機', en: '' }, product: { ja: 'WR-1000', en: 'WR-1000' }, versions: { ja: '1.2.3 以前', en: '' }, cpe: null },
      { developer: { ja: 'Example Corp', en: 'Example Corp' }, product: { ja: 'カメラ', en: '' }, versions: { ja: '2.0', en: '2.0' }, cpe: 'cpe:/h:example:camera' },
    ])
    const { rows: [listing] } = await sql`select product_name_ja, product_name_en, product_versions_ja, product_versions_en from uncontactable_listings where id = 'l1'`.execute(db)
    expect(listing).toEqual({ product_name_ja: 'WR-1000', product_name_en: 'WR-1000', product_versions_ja: '1.2.3 以前', product_versions_en: '' })
  })
})

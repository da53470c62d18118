import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { composeContent, normalizeForSearch, searchColumnsOf, searchGramsOf } from './advisory-content.js'
import { listPublicAdvisories, type PublicFilters } from './public-advisories.repository.js'
import { parseSearch } from './search.js'
import { saveAdvisoryDraft } from './advisories.usecases.js'
import { advisoryDraftSchema } from './advisories.schemas.js'
import { parseWith } from '../platform/http/validate.js'
import { draftBody, scheduleSeeded, seedProductCase } from './test-factories.js'
import type { CvssSeverity } from './cvss.js'

describe('search normalisation', () => {
  it('treats full-width and half-width forms, case, and katakana and hiragana alike', () => {
    expect(normalizeForSearch('ＷＲ－１０００')).toBe('wr-1000')
    expect(normalizeForSearch('ﾙｰﾀ')).toBe(normalizeForSearch('ルータ'))
    expect(normalizeForSearch('ルータ')).toBe(normalizeForSearch('るーた'))
    expect(normalizeForSearch('ヴァ')).toBe('ゔぁ')
    expect(normalizeForSearch('Sample ROUTER')).toBe('sample router')
  })

  it('indexes single letters and pairs of Japanese text only', () => {
    const grams = searchGramsOf(normalizeForSearch('電機 WR-1000 ルータ'))
    expect(grams).toEqual(expect.arrayContaining(['電', '機', '電機', 'る', 'ー', 'た', 'るー', 'ーた']))
    expect(grams).not.toContain('機る') // across a space
    expect(grams.some((g) => /[a-z0-9]/.test(g))).toBe(false)
  })

  it('reads identifiers as exact terms and everything else as substrings', () => {
    expect(parseSearch('JVN12345678 jvn#12345678 ＪＶＮＶＵ＃１２３４５６７８')).toEqual([
      { kind: 'id', column: 'search_ids', value: 'jvn#12345678' }, { kind: 'id', column: 'search_ids', value: 'jvnvu#12345678' },
    ])
    expect(parseSearch('JVNDB-2026-000001 CVE-2026-1234')).toEqual([
      { kind: 'id', column: 'jvndb_id', value: 'JVNDB-2026-000001' }, { kind: 'id', column: 'search_ids', value: 'cve-2026-1234' },
    ])
    expect(parseSearch('電機 os')).toEqual([
      { kind: 'text', text: '電機', grams: ['電機'], indexed: true }, { kind: 'text', text: 'os', grams: [], indexed: false },
    ])
  })
})

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-01T01:00:00Z' }) })
afterAll(async () => { await t.close() })

type Entry = {
  id: string; title: string; overview?: string; developer?: string; product?: string; cve?: string; cwe?: string; severity?: CvssSeverity; at: string
}
const SCORES: Record<CvssSeverity, number> = { critical: 9.8, high: 7.5, medium: 5.3, low: 3.1, none: 0 }

/** Public entries as the importer writes them (no case behind them), through `searchColumnsOf`. */
async function insertEntries(entries: Entry[]) {
  const rows = entries.map((e) => {
    const content = composeContent({
      draft: {
        title: { ja: e.title, en: '' }, overview: { ja: e.overview ?? '', en: '' }, description: { ja: '', en: '' }, impact: { ja: '', en: '' },
        solution: { ja: '', en: '' }, references: [],
        affectedProducts: [{ developer: { ja: e.developer ?? '例示株式会社', en: '' }, product: { ja: e.product ?? '製品', en: '' }, versions: { ja: '', en: '' } }],
      },
      vulnerabilities: [{
        title: { ja: e.title, en: '' }, cveId: e.cve ?? null, cweId: e.cwe ?? null, cvss40: null,
        cvss31: e.severity ? { vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: SCORES[e.severity], severity: e.severity } : null,
      }],
      vendorStatements: [], credits: [], creditsChosen: false,
    })
    const at = new Date(e.at)
    return {
      id: `test-${e.id}`, case_id: null, identifier: e.id, jvndb_id: e.id.startsWith('JVNDB-') ? e.id : null, status: 'published' as const, publish_at: at,
      published_at: at, content: JSON.stringify(content), created_at: at, updated_at: at, source: 'jvn' as const, source_key: e.id, ...searchColumnsOf(e.id, content),
    }
  })
  for (let i = 0; i < rows.length; i += 500) await t.db.insertInto('advisories').values(rows.slice(i, i + 500)).execute()
}

const ids = async (f: Partial<PublicFilters>) =>
  (await listPublicAdvisories(t.db, t.clock.now(), { limit: 50, offset: 0, ...f })).items.map((a) => a.identifier)

describe('searching public advisories', () => {
  beforeAll(async () => {
    await insertEntries([
      { id: 'JVNDB-2026-000001', title: 'サンプル電機製ルータ WR-1000 におけるクロスサイト・スクリプティングの脆弱性', developer: 'サンプル電機株式会社', product: 'ルータ WR-1000',
        cve: 'CVE-2026-10001', cwe: 'CWE-79', severity: 'high', at: '2026-01-10T01:00:00Z' },
      { id: 'JVNDB-2025-000002', title: 'Example Corp. のウェブメールにおける SQL インジェクションの脆弱性', developer: 'Example Corp.', product: 'ウェブメール',
        cve: 'CVE-2025-20002', cwe: 'CWE-89', severity: 'critical', at: '2025-06-10T01:00:00Z' },
      { id: 'JVNDB-2026-000003', title: '東西技研製ファイル共有ソフトにおける認証回避', overview: 'ルータとしても動作する構成で影響を受けます。', developer: '東西技研',
        product: 'ファイル共有', cve: 'CVE-2026-100011', cwe: 'CWE-287', severity: 'medium', at: '2026-02-10T01:00:00Z' },
      { id: 'JVNDB-2024-000004', title: '鑰管理ツールにおける情報漏えい', developer: 'ﾃｽﾄ ｿﾌﾄ', product: 'ｷｰ ﾏﾈｰｼﾞｬ', cwe: 'CWE-200', severity: 'low', at: '2024-03-10T01:00:00Z' },
    ])
  })

  it('finds Japanese substrings of one, two and more characters, every word required', async () => {
    expect(await ids({ q: '鑰' })).toEqual(['JVNDB-2024-000004'])
    expect(await ids({ q: '東西' })).toEqual(['JVNDB-2026-000003'])
    expect(await ids({ q: '電機' })).toEqual(['JVNDB-2026-000001'])
    expect(await ids({ q: 'インジェクション' })).toEqual(['JVNDB-2025-000002'])
    expect(await ids({ q: 'ルータ' })).toEqual(['JVNDB-2026-000003', 'JVNDB-2026-000001'])
    expect(await ids({ q: 'ルータ 電機' })).toEqual(['JVNDB-2026-000001'])
    expect(await ids({ q: 'ルータ 鑰' })).toEqual([])
    expect(await ids({ q: '50%_' })).toEqual([])
  })

  it('matches across full/half width, kana and case', async () => {
    expect(await ids({ q: 'ＷＲ－１０００' })).toEqual(['JVNDB-2026-000001'])
    expect(await ids({ q: 'ﾙｰﾀ でんき' })).toEqual([]) // でんき is not 電機: kana fold, no reading
    expect(await ids({ q: 'ﾙｰﾀ' })).toHaveLength(2)
    expect(await ids({ q: 'るーた wr-1000' })).toEqual(['JVNDB-2026-000001'])
    expect(await ids({ q: 'てすと' })).toEqual(['JVNDB-2024-000004']) // stored half-width ﾃｽﾄ
    expect(await ids({ q: 'EXAMPLE corp' })).toEqual(['JVNDB-2025-000002'])
  })

  it('matches identifiers exactly, not as a prefix', async () => {
    expect(await ids({ q: 'CVE-2026-10001' })).toEqual(['JVNDB-2026-000001']) // not CVE-2026-100011
    expect(await ids({ q: 'cve-2026-100011' })).toEqual(['JVNDB-2026-000003'])
    expect(await ids({ q: 'JVNDB-2025-000002' })).toEqual(['JVNDB-2025-000002'])
    expect(await ids({ q: 'jvndb-2025-000002 ウェブメール' })).toEqual(['JVNDB-2025-000002'])
    expect(await ids({ q: 'JVNDB-2025-000009' })).toEqual([])
  })

  it('filters by developer, product, severity, CWE and year of publication', async () => {
    expect(await ids({ developer: 'サンプル電機' })).toEqual(['JVNDB-2026-000001'])
    expect(await ids({ developer: 'example CORP.' })).toEqual(['JVNDB-2025-000002'])
    expect(await ids({ developer: 'テスト' })).toEqual(['JVNDB-2024-000004'])
    expect(await ids({ developer: 'ルータ' })).toEqual([]) // a product, not a developer
    expect(await ids({ product: 'ルータ' })).toEqual(['JVNDB-2026-000001'])
    expect(await ids({ severity: 'critical' })).toEqual(['JVNDB-2025-000002'])
    expect(await ids({ cwe: 'CWE-287' })).toEqual(['JVNDB-2026-000003'])
    expect(await ids({ year: 2026 })).toEqual(['JVNDB-2026-000003', 'JVNDB-2026-000001'])
    expect(await ids({ year: 2026, q: 'ルータ', severity: 'high' })).toEqual(['JVNDB-2026-000001'])
  })

  it('sorts by date or by relevance (title matches first, newest first within each)', async () => {
    expect(await ids({ q: 'ルータ' })).toEqual(['JVNDB-2026-000003', 'JVNDB-2026-000001'])
    expect(await ids({ q: 'ルータ', sort: 'relevance' })).toEqual(['JVNDB-2026-000001', 'JVNDB-2026-000003'])
    expect(await ids({ sort: 'relevance' })).toEqual(['JVNDB-2026-000003', 'JVNDB-2026-000001', 'JVNDB-2025-000002', 'JVNDB-2024-000004'])
  })

  it('counts exactly up to 1,000 and says 1,000+ beyond, paging through the matches', async () => {
    await insertEntries(Array.from({ length: 1003 }, (_, i) => ({
      id: `JVNDB-2023-${String(i + 1).padStart(6, '0')}`, title: `一括登録の製品 ${i} における脆弱性`, at: new Date(Date.UTC(2023, 0, 1) + i * 3600_000).toISOString(),
      ...(i < 12 ? { developer: '少数精鋭電算' } : {}),
    })))
    const broad = await listPublicAdvisories(t.db, t.clock.now(), { q: '一括', limit: 20, offset: 0, count: true })
    expect(broad.total).toEqual({ count: 1000, capped: true })
    expect(broad.hasMore).toBe(true)
    const few = await listPublicAdvisories(t.db, t.clock.now(), { q: '一括', developer: '少数精鋭', limit: 5, offset: 10, count: true })
    expect(few.total).toEqual({ count: 12, capped: false })
    expect(few.items.map((a) => a.identifier)).toEqual(['JVNDB-2023-000002', 'JVNDB-2023-000001'])
    expect(few.hasMore).toBe(false)
    const last = await listPublicAdvisories(t.db, t.clock.now(), { q: '一括', limit: 20, offset: 1000, count: true })
    expect(last.items.map((a) => a.identifier)).toEqual(['JVNDB-2023-000003', 'JVNDB-2023-000002', 'JVNDB-2023-000001'])
  })
})

describe('relevance across pages', () => {
  it('lists every title hit before the other matches, newest first within each, page after page', async () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({
      id: `JVNDB-2022-${String(i + 1).padStart(6, '0')}`, at: new Date(Date.UTC(2022, 0, 1 + i)).toISOString(),
      ...(i % 3 === 0 ? { title: `横断検索の製品 ${i}` } : { title: `別の製品 ${i}`, overview: '横断検索に対応します。' }),
    }))
    await insertEntries(entries)
    const newest = (xs: typeof entries) => [...xs].sort((a, b) => b.at.localeCompare(a.at)).map((e) => e.id)
    const expected = [...newest(entries.filter((e) => e.title.startsWith('横断'))), ...newest(entries.filter((e) => !e.title.startsWith('横断')))]
    const pages: string[] = []
    for (let offset = 0; offset < 40; offset += 8) {
      const r = await listPublicAdvisories(t.db, t.clock.now(), { q: '横断', sort: 'relevance', limit: 8, offset, count: true })
      expect(r.total).toEqual({ count: 30, capped: false })
      expect(r.hasMore).toBe(offset + 8 < 30)
      pages.push(...r.items.map((a) => a.identifier!))
    }
    expect(pages).toEqual(expected)
  })
})

describe('the search pages', () => {
  const page = async (path: string) => { const res = await t.app.request(path); return { status: res.status, body: await res.text() } }
  const api = async (query: string) => { const res = await t.app.request(`/api/v1/advisories?${query}`); return { status: res.status, body: await res.json() as any } }

  it('shows the count, the filters kept and the pages', async () => {
    const first = await page(`/advisories?q=${encodeURIComponent('一括')}&sort=relevance`)
    expect(first.status).toBe(200)
    expect(first.body).toContain('1,000+ 件')
    expect(first.body).toContain('<option value="relevance" selected="">')
    expect(first.body).toContain(`href="/advisories?q=${encodeURIComponent('一括')}&amp;sort=relevance&amp;page=2"`)
    const few = await page(`/advisories?developer=${encodeURIComponent('少数精鋭')}&lang=en`)
    expect(few.body).toContain('12 advisories')
    expect(few.body).toContain('value="少数精鋭"')
    const json = await api(`q=${encodeURIComponent('電機')}&severity=high&year=2026`)
    expect(json.body.total).toEqual({ count: 1, capped: false })
    expect(json.body.items.map((i: { identifier: string }) => i.identifier)).toEqual(['JVNDB-2026-000001'])
    expect((await api(`developer=${encodeURIComponent('東西技研')}&cwe=cwe-287`)).body.items).toHaveLength(1)
  })

  it('refuses a bad parameter with 400, keeping what was typed in the form', async () => {
    const bad = await page(`/advisories?q=${encodeURIComponent('ルータ')}&year=${encodeURIComponent('二〇二六')}&sort=best`)
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('value="ルータ"')
    expect(bad.body).toContain('value="二〇二六"')
    expect(bad.body).toContain('aria-invalid="true"')
    expect(bad.body).toContain('公表年')
    const json = await api('sort=best&year=1800')
    expect(json.status).toBe(400)
    expect(Object.keys(json.body.error.details.fields).sort()).toEqual(['sort', 'year'])
  })

  it('shows the query escaped', async () => {
    const res = await page(`/advisories?q=${encodeURIComponent('<script>alert(1)</script> "x')}`)
    expect(res.status).toBe(200)
    expect(res.body).not.toContain('<script>alert(1)')
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('never finds a draft or a scheduled advisory before its time, on the page or in the API', async () => {
    const draft = await seedProductCase(t.db, t.clock.now())
    await saveAdvisoryDraft(t.deps, { caseId: draft.caseId, actor: { user: null, label: 'test' }, draft: parseWith(advisoryDraftSchema, draftBody(draft, {
      title: { ja: '秘匿下書き蘂の脆弱性', en: 'Secret draft zyzzyva' },
    })) })
    const scheduled = await seedProductCase(t.db, t.clock.now())
    const publishAt = new Date('2026-04-10T01:00:00Z')
    const { identifier } = await scheduleSeeded(t.deps, scheduled, publishAt, draftBody(scheduled, { title: { ja: '予定公表蘂の脆弱性', en: 'Scheduled zyzzyva' } }))
    const queries = ['蘂', '秘匿', '予定公表', 'zyzzyva', identifier!, identifier!.replace('#', ''), 'CVE-2026-10001 サンプル']
    const found = async () => {
      const out: string[] = []
      for (const q of queries) {
        const html = (await page(`/advisories?q=${encodeURIComponent(q)}`)).body
        const json = JSON.stringify((await api(`q=${encodeURIComponent(q)}`)).body)
        for (const s of ['秘匿下書き蘂の脆弱性', '予定公表蘂の脆弱性']) if (html.includes(s) || json.includes(s)) out.push(`${q}: ${s}`)
      }
      return out
    }
    expect(await found()).toEqual([])
    t.clock.set(publishAt)
    const after = await found()
    expect(after.some((s) => s.endsWith('予定公表蘂の脆弱性'))).toBe(true)
    expect(after.filter((s) => s.endsWith('秘匿下書き蘂の脆弱性'))).toEqual([])
  })
})

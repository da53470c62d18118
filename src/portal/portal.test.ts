import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'
import { draftBody, jsonRequest, scheduleSeeded, seedProductCase, type SeededCase } from '../advisories/test-factories.js'
import { assertWellFormedXml } from './xml-check.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-01T01:00:00Z' }) })
afterAll(async () => { await t.close() })

const text = async (path: string) => {
  const res = await t.app.request(path)
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') }
}
const slugOf = (identifier: string) => identifier.replace('#', '')

describe('publication on the portal', () => {
  let seed: SeededCase
  let identifier: string
  const publishAt = new Date('2026-04-15T01:00:00Z') // 10:00 in Japan

  it('schedules an advisory through the coordinator API', async () => {
    seed = await seedProductCase(t.db, t.clock.now())
    const token = seed.coordinator.token
    const put = await t.app.request(`/api/v1/cases/${seed.caseId}/advisory`, jsonRequest('PUT', draftBody(seed), token))
    expect(put.status).toBe(200)
    const res = await t.app.request(`/api/v1/cases/${seed.caseId}/advisory/schedule`,
      jsonRequest('POST', { publishAt: '2026-04-15T10:00:00+09:00' }, token))
    expect(res.status).toBe(200)
    const body = await res.json() as { identifier: string; publishAt: string }
    expect(body.identifier).toMatch(/^JVN#\d{8}$/)
    expect(body.publishAt).toBe(publishAt.toISOString())
    identifier = body.identifier
  })

  it('shows nothing of it anywhere before its time', async () => {
    t.clock.set(new Date(publishAt.getTime() - 1000))
    const title = 'サンプルルータ WR-1000'
    expect((await text('/')).body).not.toContain(title)
    expect((await text('/advisories')).body).not.toContain(title)
    expect((await text(`/advisories?q=${encodeURIComponent('サンプル')}`)).body).not.toContain(title)
    expect((await text(`/advisories?q=${encodeURIComponent(slugOf(identifier))}`)).body).not.toContain(title)
    expect((await text(`/advisories/${slugOf(identifier)}`)).status).toBe(404)
    const rss = await text('/rss/advisories.rdf')
    expect(rss.body).not.toContain(slugOf(identifier))
    assertWellFormedXml(rss.body)
    const api = await text('/api/v1/advisories')
    expect(JSON.parse(api.body).items).toEqual([])
    expect((await text(`/api/v1/advisories/${slugOf(identifier)}`)).status).toBe(404)
  })

  it('shows it everywhere from the second of its publication, before the worker has run', async () => {
    t.clock.set(publishAt)
    const title = 'サンプルルータ WR-1000 におけるクロスサイト・スクリプティングの脆弱性'
    expect((await text('/')).body).toContain(title)
    expect((await text('/advisories')).body).toContain(title)
    const detail = await text(`/advisories/${slugOf(identifier)}`)
    expect(detail.status).toBe(200)
    expect(detail.body).toContain(identifier)
    const rss = await text('/rss/advisories.rdf')
    expect(rss.type).toContain('application/rss+xml')
    expect(rss.body).toContain(`<sec:identifier>${identifier}</sec:identifier>`)
    expect(rss.body).toContain('<dcterms:issued>2026-04-15T10:00:00+09:00</dcterms:issued>')
    assertWellFormedXml(rss.body)
    const list = JSON.parse((await text('/api/v1/advisories')).body)
    expect(list.items.map((i: { identifier: string }) => i.identifier)).toEqual([identifier])
    const one = JSON.parse((await text(`/api/v1/advisories/${encodeURIComponent(identifier)}`)).body)
    expect(one).toMatchObject({ identifier, severity: 'medium', credits: ['Taro Yamada'] })
    expect(JSON.stringify(one)).not.toContain(seed.caseId)
  })

  it('records the publication when the worker runs', async () => {
    const kase = await t.db.selectFrom('cases').select('status').where('id', '=', seed.caseId).executeTakeFirstOrThrow()
    expect(kase.status).toBe('publication_scheduled')
    expect(await publishDueAdvisories(t.deps)).toBe(1)
    expect(await publishDueAdvisories(t.deps)).toBe(0)
    const after = await t.db.selectFrom('cases').select('status').where('id', '=', seed.caseId).executeTakeFirstOrThrow()
    expect(after.status).toBe('published')
    const events = await t.db.selectFrom('case_events').selectAll().where('case_id', '=', seed.caseId).where('type', '=', 'publish').execute()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ from_status: 'publication_scheduled', to_status: 'published', actor_user_id: null, actor_label: 'system' })
    const advisory = await t.db.selectFrom('advisories').selectAll().where('case_id', '=', seed.caseId).executeTakeFirstOrThrow()
    expect(advisory.status).toBe('published')
    expect(advisory.published_at).toEqual(publishAt)
  })

  it('shows the detail page with every section, in Japanese by default and English on request', async () => {
    const ja = (await text(`/advisories/${slugOf(identifier)}`)).body
    for (const s of ['概要', '影響を受けるシステム', '詳細情報', '想定される影響', '対策方法', 'ベンダ情報', '関連文書', '謝辞', '更新履歴',
      'CVE-2026-10001', 'CWE-79', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', '6.1', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N',
      'WR-1000', '1.0.0 から 1.2.3 まで', '修正版を公開しました。', 'Taro Yamada', 'https://sample.example/security/2026-001', '2026/04/15']) {
      expect(ja, s).toContain(s)
    }
    expect(ja).not.toContain('匿名希望の発見者') // reported, but did not consent to be credited
    const en = (await text(`/advisories/${slugOf(identifier)}?lang=en`)).body
    expect(en).toContain('<html lang="en">')
    expect(en).toContain('Sample Router WR-1000 vulnerable to cross-site scripting')
    expect(en).toContain('A fixed version is available.')
    expect(en).toContain('Products affected')
  })

  it('lists newer advisories first on every list', async () => {
    const second = await seedProductCase(t.db, t.clock.now(), { source: 'overseas', developer: { ja: '海外ソフト社', en: 'Overseas Soft Inc.' },
      vulnerability: { titleJa: '認証回避', titleEn: 'Authentication bypass', cveId: 'CVE-2026-20002', cweId: 'CWE-287' } })
    const scheduled = await scheduleSeeded(t.deps, second, new Date('2026-04-20T01:00:00Z'), draftBody(second, {
      title: { ja: '海外ソフト製品における認証回避の脆弱性', en: 'Overseas Soft product authentication bypass' },
      overview: { ja: '海外ソフト社の製品に認証回避の脆弱性があります。', en: 'An Overseas Soft product allows authentication bypass.' },
      affectedProducts: [{ developer: 'Overseas Soft Inc.', product: 'OS Gateway', versions: '2.x' }],
      vulnerabilities: [{ id: second.vulnerabilityId, title: { ja: '認証回避', en: 'Authentication bypass' }, cveId: 'CVE-2026-20002', cweId: 'CWE-287',
        cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    }))
    expect(scheduled.identifier).toMatch(/^JVNVU#\d{8}$/)
    expect((await text('/advisories')).body).not.toContain('海外ソフト製品')
    t.clock.set('2026-04-20T01:00:00Z')
    const order = (body: string) => [body.indexOf(slugOf(scheduled.identifier)), body.indexOf(slugOf(identifier))]
    for (const path of ['/', '/advisories', '/rss/advisories.rdf']) {
      const [newer, older] = order((await text(path)).body)
      expect(newer, path).toBeGreaterThan(-1)
      expect(newer, path).toBeLessThan(older!)
    }
    const list = JSON.parse((await text('/api/v1/advisories')).body)
    expect(list.items.map((i: { identifier: string }) => i.identifier)).toEqual([scheduled.identifier, identifier])
  })

  it('finds advisories by Japanese substrings of any length, NFKC-normalised', async () => {
    const hits = async (q: string) => (await text(`/advisories?q=${encodeURIComponent(q)}`)).body
    expect(await hits('電機')).toContain(slugOf(identifier)) // 2 characters: plain scan
    expect(await hits('電機')).not.toContain('海外ソフト製品')
    expect(await hits('サンプル')).toContain(slugOf(identifier)) // 4 characters: trigram index
    expect(await hits('認証回避')).toContain('海外ソフト製品')
    expect(await hits('ＷＲ－１０００')).toContain(slugOf(identifier)) // full-width → wr-1000
    expect(await hits('cve-2026-20002')).toContain('海外ソフト製品')
    expect(await hits(slugOf(identifier))).toContain(slugOf(identifier))
    expect(await hits('50%_')).toContain('該当する脆弱性対策情報はありません')
    const api = JSON.parse((await text(`/api/v1/advisories?q=${encodeURIComponent('ソフト')}`)).body)
    expect(api.items).toHaveLength(1)
  })

  it('filters by CWE and by severity', async () => {
    const ids = async (query: string) => JSON.parse((await text(`/api/v1/advisories?${query}`)).body).items.map((i: { identifier: string }) => i.identifier)
    expect(await ids('cwe=CWE-79')).toEqual([identifier])
    expect(await ids('cwe=cwe-287')).toHaveLength(1)
    expect(await ids('severity=critical')).toHaveLength(1)
    expect(await ids('severity=medium')).toEqual([identifier])
    expect(await ids('severity=low')).toEqual([])
    expect((await text('/advisories?severity=critical')).body).toContain('海外ソフト製品')
    expect((await text('/api/v1/advisories?cwe=79')).status).toBe(400)
  })

  it('answers 404 for identifiers that are malformed or not public', async () => {
    expect((await text('/advisories/JVN1234')).status).toBe(404)
    expect((await text('/advisories/JVN%2312345678')).status).toBe(404)
    expect((await text('/advisories/JVNTA12345678')).status).toBe(404)
    const draftOnly = await seedProductCase(t.db, t.clock.now())
    const put = await t.app.request(`/api/v1/cases/${draftOnly.caseId}/advisory`, jsonRequest('PUT', draftBody(draftOnly, {
      title: { ja: '未公開の下書き', en: 'Unpublished draft' },
    }), draftOnly.coordinator.token))
    expect(put.status).toBe(200)
    expect((await text(`/advisories?q=${encodeURIComponent('未公開')}`)).body).not.toContain('未公開の下書き')
    expect((await text('/rss/advisories.rdf')).body).not.toContain('未公開の下書き')
  })
})

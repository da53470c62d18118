import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { xmlSchemaErrors } from '../../test/support/xml-schema.js'
import { jsonSchemaErrors, myjvnSchema } from '../../test/support/json-schema.js'
import { newId } from '../platform/secrets.js'
import { listPublicAdvisories } from '../advisories/index.js'
import { scheduleSeeded, seedProductCase } from '../advisories/test-factories.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'
import { cvss31Of, insertImportedAdvisory, type ImportedInput } from './imported.test-support.js'

/**
 * MyJVN over a mixed database — keikai's own advisories, imported JVN iPedia entries (no case, their
 * own JVNDB numbers, some revised later) and imported CVE-only entries (no JVNDB number) — with the
 * filters, paging and counts done in SQL: every answer equals what filtering every entry in memory
 * (the way the API did before) gives, imported entries appear where a JVNDB entry belongs and the
 * CVE-only ones nowhere in the JVNDB-keyed methods.
 */
let t: TestApp
const NOW = '2026-04-01T01:00:00Z'
const ALL_DATES = 'rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n'
const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical', null] as const

type Model = { jvndbId: string; publishedAt: Date; modifiedAt: Date; severity: string | null; v3: string | null; v4: string | null; cwe: string | null; v3vector: string | null; v4vector: string[] }
let model: Model[] = []
const cveOnly = ['CVE-2025-90001', 'CVE-2025-90002']

const get = async (query: string) => (await t.app.request(`/myjvn?${query}`)).text()
const attr = (xml: string, name: string) => new RegExp(`<status:Status[^>]*\\s${name}="([^"]*)"`).exec(xml)?.[1]
const hndIds = (xml: string) => [...xml.matchAll(/<sec:identifier>([^<]+)<\/sec:identifier>/g)].map((m) => m[1]!)

/** The old in-memory order: last updated, newest first, then the number. */
const order = (a: Model, b: Model) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || (a.jvndbId < b.jvndbId ? 1 : -1)
const days = (n: number) => new Date(new Date(NOW).getTime() - n * 86400_000)

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-03-31T23:00:00Z' })
  const own = await seedProductCase(t.db, t.clock.now())
  await scheduleSeeded(t.deps, own, t.clock.now())
  await publishDueAdvisories(t.deps)
  // Imported JVN iPedia entries: spread over two years, every severity, some with a CWE, a 4.0 score, a revision.
  for (let i = 0; i < 18; i++) {
    const severity = SEVERITIES[i % SEVERITIES.length]!
    const input: ImportedInput = {
      source: 'jvn', identifier: `JVNDB-${i < 9 ? 2025 : 2026}-0${String(10000 + i)}`, jvndbId: `JVNDB-${i < 9 ? 2025 : 2026}-0${String(10000 + i)}`,
      publishAt: days(i * 37 % 400 + (i % 3)), title: { ja: `輸入エントリ${i} の脆弱性`, en: `Imported entry ${i} vulnerability` },
      developer: i % 2 ? { ja: '輸入電機', en: 'Imported Electric' } : { ja: '海外ソフト', en: 'Overseas Soft' },
      product: { ja: `製品${i % 4}`, en: `Product ${i % 4}` }, cpe: i % 4 === 0 ? `cpe:/a:overseas:product_${i % 4}` : null,
      cveId: `CVE-2025-${String(1000 + i)}`, cweId: i % 3 === 0 ? 'CWE-79' : i % 3 === 1 ? 'CWE-89' : null,
      cvss31: severity ? cvss31Of(severity, 5, i % 2 ? 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' : 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N') : null,
      cvss40: i % 5 === 0 ? { vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', score: 9.3, severity: 'critical' } : null,
    }
    const id = await insertImportedAdvisory(t.db, input)
    if (i % 4 === 1) await t.db.insertInto('advisory_revisions').values({ id: newId(), advisory_id: id, revised_at: days(i % 10), note_ja: '更新', note_en: 'Updated' }).execute()
  }
  for (const cve of cveOnly) await insertImportedAdvisory(t.db, { source: 'cve', identifier: cve, publishAt: days(2), title: { ja: `${cve} 輸入`, en: `${cve} imported` }, cveId: cve, cvss31: cvss31Of('high', 8) })
  // An imported entry not (yet) public: a draft row and one dated in the future.
  await insertImportedAdvisory(t.db, { source: 'jvn', identifier: 'JVNDB-2026-099998', jvndbId: 'JVNDB-2026-099998', status: 'draft', publishAt: days(3), title: { ja: '未公開輸入', en: 'Unpublished import' } })
  await insertImportedAdvisory(t.db, { source: 'jvn', identifier: 'JVNDB-2026-099999', jvndbId: 'JVNDB-2026-099999', publishAt: new Date('2026-05-01T00:00:00Z'), title: { ja: '将来輸入', en: 'Future import' } })
  t.clock.set(NOW)

  // The model: what the old code read (every public numbered entry with its last update), read back from the rows.
  const rows = await t.db.selectFrom('advisories').select(['id', 'jvndb_id', 'publish_at', 'content', 'status'])
    .where('jvndb_id', 'is not', null).where('status', 'in', ['scheduled', 'published']).where('publish_at', '<=', new Date(NOW)).execute()
  const revisions = await t.db.selectFrom('advisory_revisions').select(['advisory_id', 'revised_at']).execute()
  model = rows.map((r) => {
    const c = (typeof r.content === 'string' ? JSON.parse(r.content) : r.content) as { severity: string | null; vulnerabilities: Array<{ cweId: string | null; cvss31: { severity: string; vector: string } | null; cvss40: { severity: string; vector: string } | null }> }
    const publishedAt = new Date(r.publish_at as Date)
    const latest = revisions.filter((x) => x.advisory_id === r.id).map((x) => new Date(x.revised_at as Date)).sort((a, b) => b.getTime() - a.getTime())[0]
    const v = c.vulnerabilities[0]
    return {
      jvndbId: r.jvndb_id!, publishedAt, modifiedAt: latest && latest > publishedAt ? latest : publishedAt, severity: c.severity,
      v3: v?.cvss31?.severity ?? null, v4: v?.cvss40?.severity ?? null, cwe: v?.cweId ?? null,
      v3vector: v?.cvss31 ? v.cvss31.vector.replace(/^CVSS:3\.[01]\//, '') : null, v4vector: v?.cvss40 ? v.cvss40.vector.split('/') : [],
    }
  })
})
afterAll(async () => t?.close())

const expectedPage = (keep: (m: Model) => boolean, start = 1, max = 50) => {
  const all = model.filter(keep).sort(order)
  return { total: String(all.length), ids: all.slice(start - 1, start - 1 + max).map((m) => m.jvndbId) }
}

describe('getVulnOverviewList in SQL', () => {
  it('the mixed data set holds own and imported entries; the model is not trivial', () => {
    expect(model.length).toBe(19)
    expect(model.some((m) => m.modifiedAt > m.publishedAt)).toBe(true)
  })

  it('pages through every entry in the order and with the count the in-memory filtering gave', async () => {
    for (const start of [1, 6, 11, 16, 21]) {
      const xml = await get(`method=getVulnOverviewList&feed=hnd&${ALL_DATES}&maxCountItem=5&startItem=${start}`)
      const want = expectedPage(() => true, start, 5)
      expect({ total: attr(xml, 'totalRes'), ids: hndIds(xml) }).toEqual(want)
      expect(xmlSchemaErrors(xml, 'myjvn/schemas/hnd/jvnrss_3.2.xsd')).toEqual([])
    }
  })

  const hndCases: Array<[string, string, (m: Model) => boolean]> = [
    ['the default (the past week, each date kind)', '', (m) => m.publishedAt >= days(7) && m.modifiedAt >= days(7)],
    ['a severity', `${ALL_DATES}&severity=h`, (m) => m.severity === 'high'],
    ['a CVSS v3 vector', `${ALL_DATES}&vector=${encodeURIComponent('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')}`, (m) => m.v3vector === 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'],
    ['a publication range', `${ALL_DATES}&datePublicStartY=2025&datePublicStartM=6&datePublicEndY=2025&datePublicEndM=12`,
      (m) => m.publishedAt >= new Date('2025-05-31T15:00:00Z') && m.publishedAt < new Date('2025-12-31T15:00:00Z')],
    ['an update range (the past month)', 'rangeDatePublic=n&rangeDateFirstPublished=n&rangeDatePublished=m', (m) => m.modifiedAt >= new Date('2026-03-01T01:00:00Z')],
  ]
  for (const [what, query, keep] of hndCases) {
    it(`hnd: ${what} gives what the in-memory filter gave`, async () => {
      const xml = await get(`method=getVulnOverviewList&feed=hnd&${query}`)
      expect({ total: attr(xml, 'totalRes'), ids: hndIds(xml) }).toEqual(expectedPage(keep))
    })
  }

  const okaCases: Array<[string, string, (m: Model) => boolean]> = [
    ['no filter', '', () => true],
    ['CVSS v3 severity', 'cvssV3Severity=LOW', (m) => m.v3 === 'low'],
    ['CVSS v4 severity', 'cvssV4Severity=CRITICAL', (m) => m.v4 === 'critical'],
    ['CVSS v4 metrics', `cvssV4Metrics=${encodeURIComponent('AV:N/VC:H')}`, (m) => m.v4vector.includes('AV:N') && m.v4vector.includes('VC:H')],
    ['CVSS v2 (keikai scores none)', 'cvssV2Severity=HIGH', () => false],
    ['modified since', 'modifiedStartDate=20260101', (m) => m.modifiedAt >= new Date('2025-12-31T15:00:00Z')],
    ['public between', 'publicStartDate=20250401&publicEndDate=20251231', (m) => m.publishedAt >= new Date('2025-03-31T15:00:00Z') && m.publishedAt < new Date('2025-12-31T15:00:00Z')],
    ['the past week', 'modifiedRangeDate=WEEK', (m) => m.modifiedAt >= days(7)],
  ]
  for (const [what, query, keep] of okaCases) {
    it(`oka: ${what} gives what the in-memory filter gave`, async () => {
      const doc = JSON.parse(await get(`method=getVulnOverviewList&feed=oka&${query}`))
      expect(jsonSchemaErrors(myjvnSchema('myjvn_feed_1.0.json'), doc)).toEqual([])
      const want = expectedPage(keep)
      expect({ total: String(doc.status.totalRes), ids: doc.feed.entry.map((e: { id: string }) => e.id) }).toEqual(want)
    })
  }

  it('keyword is the portal\'s search: the same entries, JVNDB ones only', async () => {
    for (const keyword of ['輸入エントリ1', 'imported electric', 'cve-2025-1004']) {
      const portal = await listPublicAdvisories(t.db, t.clock.now(), { q: keyword, limit: 100, offset: 0 })
      const want = portal.items.filter((a) => a.jvndbId).map((a) => a.jvndbId!).sort()
      const xml = await get(`method=getVulnOverviewList&feed=hnd&${ALL_DATES}&keyword=${encodeURIComponent(keyword)}`)
      expect(want.length).toBeGreaterThan(0)
      expect(hndIds(xml).sort()).toEqual(want)
    }
  })

  it('a vendor number from getVendorList finds that vendor\'s entries, imported ones included', async () => {
    const vendors = JSON.parse(await get('method=getVendorList&feed=oka'))['jvn-product-dictionary'].vendors as Array<{ vid: number; vname: string }>
    const imported = vendors.find((v) => v.vname === '輸入電機')!
    expect(imported).toBeDefined()
    const xml = await get(`method=getVulnOverviewList&feed=hnd&${ALL_DATES}&vendorId=${imported.vid}`)
    expect(attr(xml, 'totalRes')).toBe('9')
    const oka = JSON.parse(await get(`method=getVulnOverviewList&feed=oka&nameType=vid&productName=${imported.vid}`))
    expect(oka.status.totalRes).toBe(9)
  })

  it('CVE-only imports and imports not yet public are in no JVNDB-keyed answer', async () => {
    const all = [
      await get(`method=getVulnOverviewList&feed=hnd&${ALL_DATES}`), await get('method=getVulnOverviewList&feed=oka'),
      await get(`method=getVulnOverviewList&feed=hnd&${ALL_DATES}&keyword=CVE-2025-9000`),
      await get('method=getVendorList&feed=oka'), await get('method=getProductList&feed=hnd'),
    ].join('\n')
    expect(attr(await get('method=getVulnDetailInfo&feed=hnd&vulnId=JVNDB-2026-099998+JVNDB-2026-099999'), 'errCd')).toBe('VD01030008')
    for (const mark of [...cveOnly, '未公開輸入', '将来輸入', 'Unpublished import', 'Future import', 'JVNDB-2026-099998', 'JVNDB-2026-099999']) expect(all).not.toContain(mark)
  })

  it('getVulnDetailInfo answers an imported entry by its own JVNDB number', async () => {
    const xml = await get('method=getVulnDetailInfo&feed=hnd&vulnId=JVNDB-2025-010001')
    expect(xml).toContain('<VulinfoID>JVNDB-2025-010001</VulinfoID>')
    expect(xml).toContain('輸入エントリ1 の脆弱性')
  })
})

describe('getStatistics in SQL', () => {
  const jstMonth = (d: Date) => { const j = new Date(d.getTime() + 9 * 3600_000); return { y: j.getUTCFullYear(), m: j.getUTCMonth() + 1 } }

  it('oka counts per month and CVSS v3 severity what the entries hold', async () => {
    const doc = JSON.parse(await get('method=getStatistics&feed=oka&pubStartDate=2025&pubEndDate=2026'))
    expect(jsonSchemaErrors(myjvnSchema('myjvn_statistics_1.0.json'), doc)).toEqual([])
    for (const year of [2025, 2026]) {
      const row = doc.data.find((d: { year: number }) => d.year === year)
      const inYear = model.filter((m) => jstMonth(m.publishedAt).y === year)
      expect(row.total_vulninfo).toBe(inYear.length)
      expect(row.total_severity_high).toBe(inYear.filter((m) => m.v3 === 'high').length)
      for (const [month, n] of Object.entries(row.vulninfo as Record<string, number>)) expect(n).toBe(inYear.filter((m) => jstMonth(m.publishedAt).m === Number(month)).length)
    }
    expect(doc.dataTotal.vulninfo).toBe(model.length)
  })

  it('hnd counts per quarter, by severity and for one CWE, as the entries hold', async () => {
    const xml = await get('method=getStatistics&feed=hnd&theme=sumAll&type=q&cweId=CWE-79&datePublicStartY=2025')
    const q = (m: Model) => { const j = jstMonth(m.publishedAt); return `${j.y}-${Math.floor((j.m - 1) / 3) + 1}Q` }
    const in2025on = model.filter((m) => jstMonth(m.publishedAt).y >= 2025)
    const section = (name: string) => xml.slice(xml.indexOf(`<mjstat:${name}`), xml.indexOf(`</mjstat:${name}>`))
    for (const key of [...new Set(in2025on.map(q))]) {
      const es = in2025on.filter((m) => q(m) === key)
      expect(section('sumJvnDb')).toContain(`date="${key}" cntAll="${es.length}"`)
      expect(section('sumCvss')).toContain(`date="${key}" cntAll="${es.length}" cntC="${es.filter((m) => m.v3 === 'critical').length}" cntH="${es.filter((m) => m.v3 === 'high').length}"`)
      expect(section('sumCwe')).toContain(`date="${key}" cntAll="${es.filter((m) => m.cwe === 'CWE-79').length}"`)
    }
  })
})

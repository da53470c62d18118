import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { xmlSchemaErrors } from '../../test/support/xml-schema.js'
import { jsonSchemaErrors, myjvnSchema } from '../../test/support/json-schema.js'
import { missingJsonPaths, missingXmlPaths } from '../../test/support/shape.js'
import { draftBody, scheduleSeeded, seedProductCase } from '../advisories/test-factories.js'

/**
 * The MyJVN-compatible API (MyJVN/np docs/) over keikai's public advisories: getVulnOverviewList
 * and getVulnDetailInfo in both feeds and languages, validated against the official schemas, with
 * the official examples' structure, paging, filters, and the documented error answer for bad input.
 */
let t: TestApp
const ids: { full: string; bare: string } = { full: '', bare: '' }
const example = (f: string) => readFileSync(new URL(`../../test/fixtures/myjvn/examples/${f}`, import.meta.url), 'utf8')

const get = async (query: string) => {
  const res = await t.app.request(`/myjvn?${query}`)
  return { status: res.status, type: res.headers.get('content-type') ?? '', cache: res.headers.get('cache-control'), body: await res.text() }
}
const attr = (xml: string, name: string) => new RegExp(`<status:Status[^>]*\\s${name}="([^"]*)"`).exec(xml)?.[1]
const ALL_DATES = 'rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n'

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T00:30:00Z' })
  // Every optional field filled: CPE, versions, references, CVE, CWE, CVSS 3.1 and 4.0, credits.
  const full = await seedProductCase(t.db, t.clock.now())
  await scheduleSeeded(t.deps, full, t.clock.now())
  t.clock.set('2026-04-01T00:40:00Z')
  // Every optional field empty.
  const bare = await seedProductCase(t.db, t.clock.now(), { developer: { ja: '空欄工業', en: 'Blank Works' }, vulnerability: { titleJa: '不備', titleEn: 'A flaw', cveId: null, cweId: null } })
  await scheduleSeeded(t.deps, bare, t.clock.now(), draftBody(bare, {
    title: { ja: '空欄工業製品の脆弱性', en: 'A vulnerability in a Blank Works product' },
    affectedProducts: [{ developer: { ja: '空欄工業', en: 'Blank Works' }, product: { ja: '製品X', en: 'Product X' }, versions: { ja: '', en: '' }, cpe: null }],
    references: [],
    vulnerabilities: [{ id: bare.vulnerabilityId, title: { ja: '不備', en: 'A flaw' }, cveId: null, cweId: null, cvss31Vector: null, cvss40Vector: null }],
  }))
  const rows = await t.db.selectFrom('advisories').select(['jvndb_id', 'case_id']).execute()
  ids.full = rows.find((r) => r.case_id === full.caseId)!.jvndb_id!
  ids.bare = rows.find((r) => r.case_id === bare.caseId)!.jvndb_id!
  t.clock.set('2026-04-01T01:00:00Z')
})
afterAll(async () => t?.close())

describe('getVulnOverviewList', () => {
  for (const lang of ['ja', 'en'] as const) {
    it(`feed=hnd (${lang}) is JVNRSS 3.2 with sec: items and a status that counts both advisories`, async () => {
      const r = await get(`method=getVulnOverviewList&feed=hnd&lang=${lang}&${ALL_DATES}`)
      expect(r.status).toBe(200)
      expect(r.type).toContain('xml')
      expect(r.cache).toBe('public, max-age=60')
      expect(xmlSchemaErrors(r.body, 'myjvn/schemas/hnd/jvnrss_3.2.xsd')).toEqual([])
      expect(attr(r.body, 'retCd')).toBe('0')
      expect(attr(r.body, 'totalRes')).toBe('2')
      expect(attr(r.body, 'totalResRet')).toBe('2')
      expect(r.body).toContain(`<sec:identifier>${ids.full}</sec:identifier>`)
      expect(r.body).toMatch(/<sec:references source="JVN" id="JVN#\d{8}"/)
      expect(r.body).toContain('<sec:cvss score="6.1" severity="Medium" vector="CVSS:3.1/')
      expect(r.body).toContain('version="4.0" type="Base"')
      expect(r.body).toContain(lang === 'ja' ? 'サンプルルータ WR-1000' : 'Sample Router WR-1000 vulnerable')
    })
    it(`feed=oka (${lang}) validates against myjvn_feed_1.0.json`, async () => {
      const r = await get(`method=getVulnOverviewList&feed=oka&lang=${lang}`)
      expect(r.type).toContain('json')
      const doc = JSON.parse(r.body)
      expect(jsonSchemaErrors(myjvnSchema('myjvn_feed_1.0.json'), doc)).toEqual([])
      expect(doc.status).toMatchObject({ method: 'getVulnOverviewList', feed: 'oka', lang, retCd: 0, retMax: 50, totalRes: 2, totalResRet: 2, firstRes: 1 })
      expect(doc.feed.entry.map((e: { id: string }) => e.id).sort()).toEqual([ids.full, ids.bare].sort())
    })
  }

  it('has the official example\'s structure, element by element and key by key', async () => {
    const hnd = await get(`method=getVulnOverviewList&feed=hnd&maxCountItem=50&${ALL_DATES}&keyword=WR-1000`)
    // dc:creator, dcterms:issued on the channel and the TLP marking namespaces are the real service's own; NVD references are not keikai's.
    expect(missingXmlPaths(example('hnd/getVulnOverviewList_hnd.xml'), hnd.body, ['/rdf:RDF/item/dc:creator', '/rdf:RDF/channel/dcterms:issued'])).toEqual([])
    const oka = JSON.parse((await get('method=getVulnOverviewList&feed=oka&keyword=WR-1000')).body)
    const expected = JSON.parse(example('oka/getVulnOverviewList_oka.json'))
    // CVSS v2, the ScoringSystem sample and the extra product identifiers (purl, swid…) are data keikai does not hold.
    const missing = missingJsonPaths(expected, oka).filter((p) => !/cvss_v2|ScoringSystem|id_refs|\.version:string$/.test(p) || /cvss_v[34]\.version/.test(p))
    expect(missing).toEqual([])
  })

  it('pages with startItem and maxCountItem, totalRes staying the whole count', async () => {
    const first = await get(`method=getVulnOverviewList&feed=hnd&${ALL_DATES}&maxCountItem=1`)
    const second = await get(`method=getVulnOverviewList&feed=hnd&${ALL_DATES}&maxCountItem=1&startItem=2`)
    const beyond = await get(`method=getVulnOverviewList&feed=hnd&${ALL_DATES}&startItem=3`)
    expect([attr(first.body, 'totalRes'), attr(first.body, 'totalResRet'), attr(first.body, 'firstRes')]).toEqual(['2', '1', '1'])
    expect([attr(second.body, 'totalRes'), attr(second.body, 'totalResRet'), attr(second.body, 'firstRes')]).toEqual(['2', '1', '2'])
    expect(first.body.match(/<sec:identifier>[^<]+/)![0]).not.toBe(second.body.match(/<sec:identifier>[^<]+/)![0])
    expect([attr(beyond.body, 'totalRes'), attr(beyond.body, 'totalResRet')]).toEqual(['2', '0'])
    expect(xmlSchemaErrors(beyond.body, 'myjvn/schemas/hnd/jvnrss_3.2.xsd')).toEqual([])
  })

  it('filters by keyword, severity, vector, CPE, date ranges and (oka) product, CVSS severity and dates', async () => {
    const total = async (q: string) => attr((await get(`method=getVulnOverviewList&feed=hnd&${q}`)).body, 'totalRes')
    expect(await total(`${ALL_DATES}&keyword=${encodeURIComponent('空欄工業')}`)).toBe('1')
    expect(await total(`${ALL_DATES}&severity=m`)).toBe('1')
    expect(await total(`${ALL_DATES}&severity=c`)).toBe('0')
    expect(await total(`${ALL_DATES}&vector=${encodeURIComponent('CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')}`)).toBe('1')
    expect(await total(`${ALL_DATES}&cpeName=${encodeURIComponent('cpe:/h:sample:*')}`)).toBe('1')
    expect(await total(`${ALL_DATES}&cpeName=${encodeURIComponent('cpe:/a:nobody')}`)).toBe('0')
    // The documented default: the past week (both were published an hour ago).
    expect(await total('')).toBe('2')
    expect(await total('rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n&datePublicStartY=2027')).toBe('0')
    expect(await total('rangeDatePublished=n&rangeDateFirstPublished=n&datePublicStartY=2026&datePublicStartM=4&datePublicEndY=2026&datePublicEndM=4&datePublicEndD=1')).toBe('2')
    const okaTotal = async (q: string) => JSON.parse((await get(`method=getVulnOverviewList&feed=oka&${q}`)).body).status.totalRes
    expect(await okaTotal('cvssV3Severity=MEDIUM')).toBe(1)
    expect(await okaTotal('cvssV4Severity=CRITICAL')).toBe(0)
    expect(await okaTotal(`nameType=cpe&productName=${encodeURIComponent('cpe:2.3:h:sample:wr-1000')}`)).toBe(1)
    expect(await okaTotal('publicStartDate=20260401&publicEndDate=20260401')).toBe(2)
    expect(await okaTotal('modifiedStartDate=20260402')).toBe(0)
    expect(await okaTotal(`keyword=${encodeURIComponent('blank works')}`)).toBe(1)
  })
})

describe('getVulnDetailInfo', () => {
  for (const lang of ['ja', 'en'] as const) {
    it(`feed=hnd (${lang}) is VULDEF 3.2 with status 3.3, filled and empty advisories alike`, async () => {
      const r = await get(`method=getVulnDetailInfo&feed=hnd&lang=${lang}&vulnId=${ids.full}+${ids.bare}`)
      expect(xmlSchemaErrors(r.body, 'myjvn/schemas/hnd/vuldef-wrapper.xsd')).toEqual([])
      expect([attr(r.body, 'retCd'), attr(r.body, 'totalRes'), attr(r.body, 'totalResRet'), attr(r.body, 'vulnId')]).toEqual(['0', '2', '2', `${ids.full} ${ids.bare}`])
      expect(r.body).toContain(`<VulinfoID>${ids.full}</VulinfoID>`)
      expect(r.body).toMatch(/<Name>JVN<\/Name>\s*<VulinfoID>JVN#\d{8}<\/VulinfoID>/)
      expect(r.body).toContain('<Cvss version="4.0">')
    })
    it(`feed=oka (${lang}) is the jvncsaf document, valid against myjvn_vuldef_1.0.csaf.json`, async () => {
      for (const id of [ids.full, ids.bare]) {
        const doc = JSON.parse((await get(`method=getVulnDetailInfo&feed=oka&lang=${lang}&vulnId=${id}`)).body)
        expect(jsonSchemaErrors(myjvnSchema('myjvn_vuldef_1.0.csaf.json'), doc)).toEqual([])
        expect(doc.document.tracking.id).toBe(id)
        expect(doc.status).toMatchObject({ retCd: 0, totalRes: 1, vulnId: id, ft: 'jvncsaf' })
      }
    })
  }

  it('has the official examples\' structure', async () => {
    const hnd = (await get(`method=getVulnDetailInfo&feed=hnd&vulnId=${ids.full}`)).body
    for (const f of ['JVNDB-2022-000097', 'JVNDB-2021-002774']) {
      // CVSS v2 is not scored in keikai; RelatedItem Title is written for CWEs only.
      expect(missingXmlPaths(example(`hnd/getVulnDetailInfo_hnd_${f}.xml`), hnd, [])).toEqual([])
    }
    const oka = JSON.parse((await get(`method=getVulnDetailInfo&feed=oka&vulnId=${ids.full}`)).body)
    const missing = missingJsonPaths(JSON.parse(example('oka/getVulnDetailInfo_oka_JVNDB-2022-000097.json')), oka)
      .filter((p) => !/cvss_v2|\.(accessVector|attackVector|attackComplexity|privilegesRequired|userInteraction|scope|confidentialityImpact|integrityImpact|availabilityImpact|accessComplexity|authentication|source|type|url|public_date):/.test(p))
    expect(missing).toEqual([])
  })
})

describe('errors', () => {
  it('a bad parameter is retCd=1 with the MyJVN error code and message, in the method\'s envelope, never an HTTP error', async () => {
    const r = await get('method=getVulnOverviewList&feed=hnd&startItem=-1')
    expect(r.status).toBe(200)
    expect([attr(r.body, 'retCd'), attr(r.body, 'errCd'), attr(r.body, 'errMsg'), attr(r.body, 'totalRes'), attr(r.body, 'startItem')])
      .toEqual(['1', 'VL01020003', 'startItemは正の整数値のみ指定可能です。', '', '-1'])
    expect(xmlSchemaErrors(r.body, 'myjvn/schemas/hnd/jvnrss_3.2.xsd')).toEqual([])
    const en = await get('method=getVulnOverviewList&feed=hnd&lang=en&maxCountItem=51')
    expect([attr(en.body, 'errCd'), attr(en.body, 'errMsg')]).toEqual(['VL01030004', 'maxCountItem must be between 1 and 50.'])
    const oka = JSON.parse((await get('method=getVulnDetailInfo&feed=oka&vulnId=JVN%2312345678')).body)
    expect(oka.status).toMatchObject({ retCd: 1, errCd: 'VD01030005' })
    expect(oka.status.totalRes).toBeUndefined()
    const unknown = await get(`method=getVulnDetailInfo&feed=hnd&vulnId=JVNDB-1999-000001`)
    expect([attr(unknown.body, 'retCd'), attr(unknown.body, 'errCd')]).toEqual(['1', 'VD01030008'])
  })

  it('a missing or unknown method, a missing or unknown feed, a bad lang: each its own code', async () => {
    expect(attr((await get('')).body, 'errCd')).toBe('MJ01000001')
    expect(attr((await get('method=getEverything&feed=hnd')).body, 'errCd')).toBe('MJ01000002')
    expect(attr((await get('method=getVulnOverviewList')).body, 'errCd')).toBe('VL01010001')
    expect(attr((await get('method=getVulnOverviewList&feed=xml')).body, 'errCd')).toBe('VL01010002')
    expect(attr((await get('method=getVulnOverviewList&feed=hnd&lang=fr')).body, 'errCd')).toBe('VL01040002')
    expect(attr((await get('method=getVulnOverviewList&feed=hnd&datePublicStartY=2026&datePublicStartM=2&datePublicStartD=30')).body, 'errCd')).toBe('VL01140006')
    expect(JSON.parse((await get('method=getVulnOverviewList&feed=oka&modifiedRangeDate=DAY&createdStartDate=20260101')).body).status.errCd).toBe('VL01220007')
  })

  it('random parameters never give anything but a 200 MyJVN answer', async () => {
    const names = ['method', 'feed', 'lang', 'startItem', 'maxCountItem', 'keyword', 'severity', 'vector', 'cpeName', 'vendorId', 'productId', 'vulnId',
      'rangeDatePublic', 'datePublicStartY', 'datePublicStartM', 'datePublicStartD', 'modifiedStartDate', 'nameType', 'productName', 'cvssV4Metrics', 'ft', '__proto__', 'constructor']
    const values = ['', '0', '-1', '99999999999999999999', 'getVulnOverviewList', 'getVulnDetailInfo', 'hnd', 'oka', 'en', 'x"<>&\'', '%00', 'cpe:/', 'JVNDB-2026-000001', '２', 'm', 'NONE', 'cpe']
    let seed = 7
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n }
    for (let i = 0; i < 60; i++) {
      const q = new URLSearchParams()
      q.set('method', rand(2) ? 'getVulnOverviewList' : 'getVulnDetailInfo')
      q.set('feed', rand(2) ? 'hnd' : 'oka')
      for (let k = rand(5); k > 0; k--) q.append(names[rand(names.length)]!, values[rand(values.length)]!)
      const r = await get(q.toString())
      expect(r.status, q.toString()).toBe(200)
      expect(r.body, q.toString()).toMatch(q.get('feed') === 'oka' && r.type.includes('json') ? /"retCd"/ : /<status:Status [^>]*retCd="[01]"/)
    }
  })
})

describe('GET and POST', () => {
  it('a form-encoded POST answers exactly as the GET with the same parameters', async () => {
    const query = `method=getVulnDetailInfo&feed=hnd&vulnId=${ids.full}`
    const viaGet = await get(query)
    const res = await t.app.request('/myjvn', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: query })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(viaGet.body)
  })
})

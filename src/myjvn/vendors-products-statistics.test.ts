import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { xmlSchemaErrors } from '../../test/support/xml-schema.js'
import { jsonSchemaErrors, myjvnSchema } from '../../test/support/json-schema.js'
import { missingJsonPaths, missingXmlPaths } from '../../test/support/shape.js'
import { draftBody, scheduleSeeded, seedProductCase } from '../advisories/test-factories.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'

/**
 * getVendorList, getProductList and getStatistics over public advisories, checked against the
 * official schemas (results_3.3 + statistics + status with xmllint; jvnpid / myjvn_statistics
 * with ajv) in both formats and languages, with an advisory whose optional fields are all filled
 * and one whose are empty, the official examples' structure, and the documented filters, paging
 * and refusals.
 */
let t: TestApp
const RESULTS = 'myjvn-results/results_3.3.xsd'
const example = (f: string) => readFileSync(new URL(`../../test/fixtures/myjvn/examples/${f}`, import.meta.url), 'utf8')

async function call(query: string) {
  const res = await t.app.request(`/myjvn?${query}`)
  expect(res.status).toBe(200)
  return res.text()
}
const okaJson = async (query: string) => JSON.parse(await call(query)) as Record<string, any>
const attr = (xml: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(xml.slice(xml.indexOf('<status:Status')))?.[1]

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-03-01T01:00:00Z' })
  const full = await seedProductCase(t.db, t.clock.now())
  const withPackage = draftBody(full)
  // A product named differently in English, with a package: the oka lists' pname_i18n and id_refs.
  withPackage.affectedProducts = withPackage.affectedProducts.map((p) => ({ ...p, product: { ja: 'WR-1000 ルータ', en: 'WR-1000 router' }, package: { purl: 'pkg:npm/%40sample/wr-admin' } }))
  await scheduleSeeded(t.deps, full, new Date('2026-03-02T01:00:00Z'), withPackage)
  const bare = await seedProductCase(t.db, t.clock.now(), { developer: { ja: '個人開発者', en: '' }, vulnerability: { titleJa: '情報漏えい', titleEn: 'Information exposure', cveId: null, cweId: null } })
  await scheduleSeeded(t.deps, bare, new Date('2026-05-10T01:00:00Z'), draftBody(bare, {
    affectedProducts: [{ developer: { ja: '個人開発者', en: '' }, product: { ja: 'ふりーそふと', en: '' }, versions: { ja: '全て', en: '' }, cpe: null }],
    references: [],
    vulnerabilities: [{ id: bare.vulnerabilityId, title: { ja: '情報漏えい', en: 'Information exposure' }, cveId: null, cweId: null }],
  }))
  t.clock.set('2026-06-01T00:00:00Z')
  // The worker's tick: both get their JVNDB numbers, without which no method lists them.
  await publishDueAdvisories(t.deps)
})
afterAll(async () => { await t.close() })

describe('the vendor and product lists', () => {
  for (const lang of ['ja', 'en']) {
    it(`validate against the official schemas in ${lang}, hnd and oka`, async () => {
      for (const method of ['getVendorList', 'getProductList']) {
        const hnd = await call(`method=${method}&feed=hnd&lang=${lang}`)
        expect(xmlSchemaErrors(hnd, RESULTS), hnd).toEqual([])
        expect(attr(hnd, 'totalRes')).toBe(method === 'getVendorList' ? '2' : '2')
        const oka = await okaJson(`method=${method}&feed=oka&lang=${lang}`)
        expect(jsonSchemaErrors(myjvnSchema('jvnpid_1.0.json'), oka)).toEqual([])
        expect(oka['jvn-product-dictionary'].lang).toBe(lang)
      }
    })
  }

  it('name each developer and product once with numbers that stay the same between calls', async () => {
    const a = await okaJson('method=getProductList&feed=oka')
    const b = await okaJson('method=getProductList&feed=oka&lang=en')
    const ids = (d: Record<string, any>) => d['jvn-product-dictionary'].vendors.map((v: any) => [v.vid, v.products.map((p: any) => p.pid)])
    expect(ids(a)).toEqual(ids(b))
    const sample = a['jvn-product-dictionary'].vendors.find((v: any) => v.vname === 'サンプル電機株式会社')
    expect(sample.cpe).toBe('cpe:2.3::sample')
    expect(sample.products[0].product_ids[0].cpe).toBe('cpe:2.3:h:sample:wr-1000:*:*:*:*:*:*:*:*')
    expect(b['jvn-product-dictionary'].vendors.find((v: any) => v.vid === sample.vid).vname).toBe('Sample Electric Co., Ltd.')
  })

  it('filter by CPE, keyword, vendor number and page as documented', async () => {
    expect(attr(await call('method=getVendorList&feed=hnd&cpeName=cpe:/:sample'), 'totalRes')).toBe('1')
    expect(attr(await call('method=getVendorList&feed=hnd&cpeName=cpe:/:nobody+cpe:/:SAM*'), 'totalRes')).toBe('1')
    expect(attr(await call(`method=getVendorList&feed=hnd&keyword=${encodeURIComponent('個人')}`), 'totalRes')).toBe('1')
    expect(attr(await call('method=getProductList&feed=hnd&cpeName=cpe:/h:sample:wr-*'), 'totalRes')).toBe('1')
    const vid = (await okaJson('method=getVendorList&feed=oka&nameType=cpe&vendorName=cpe:2.3::sample'))['jvn-product-dictionary'].vendors[0].vid
    expect(attr(await call(`method=getProductList&feed=hnd&vendorId=${vid}`), 'totalRes')).toBe('1')
    const page = await call('method=getVendorList&feed=hnd&startItem=2&maxCountItem=1')
    expect([attr(page, 'totalRes'), attr(page, 'totalResRet'), attr(page, 'firstRes')]).toEqual(['2', '1', '2'])
    const none = await call('method=getVendorList&feed=hnd&keyword=zzz')
    expect(none).not.toContain('<VendorInfo')
    expect(xmlSchemaErrors(none, RESULTS)).toEqual([])
  })

  it('refuse bad parameters with retCd=1 and an error code, never a 500', async () => {
    for (const q of ['method=getVendorList&feed=hnd&maxCountItem=10001', 'method=getVendorList&feed=hnd&cpeName=apache', 'method=getProductList&feed=hnd&vendorId=1&productId=2',
      'method=getProductList&feed=oka&nameType=cpe', 'method=getProductList&feed=oka&nameType=vid&productName=x', 'method=getVendorList&feed=oka&nameType=swid&vendorName=a']) {
      const body = await call(q)
      if (q.includes('feed=oka')) expect(JSON.parse(body).status, q).toMatchObject({ retCd: 1, errCd: expect.stringMatching(/^(VN|PR)01\d{6}$/) })
      else expect([attr(body, 'retCd'), attr(body, 'errCd')?.slice(0, 4)], q).toEqual(['1', q.includes('getVendorList') ? 'VN01' : 'PR01'])
    }
  })
})

describe('the statistics', () => {
  for (const lang of ['ja', 'en']) {
    it(`validate against the official schemas in ${lang}, every theme and period type`, async () => {
      for (const theme of ['sumAll', 'sumJvnDb', 'sumCvss', 'sumCwe']) {
        for (const type of ['y', 'q', 'm']) {
          const body = await call(`method=getStatistics&feed=hnd&lang=${lang}&theme=${theme}&type=${type}&cweId=CWE-79&datePublicStartY=2025`)
          expect(xmlSchemaErrors(body, RESULTS), `${theme} ${type}`).toEqual([])
        }
      }
      const oka = await okaJson(`method=getStatistics&feed=oka&lang=${lang}&pubStartDate=2025`)
      expect(jsonSchemaErrors(myjvnSchema('myjvn_statistics_1.0.json'), oka)).toEqual([])
    })
  }

  it('count public entries per period in Japan time, by severity and by CWE', async () => {
    const m = await call('method=getStatistics&feed=hnd&theme=sumAll&type=m&cweId=CWE-79&datePublicStartY=2026&datePublicStartM=3')
    expect(m).toContain('<mjstat:resData date="2026-03" cntAll="1" />')
    expect(m).toContain('<mjstat:resData date="2026-05" cntAll="1" />')
    expect(m).toContain('<mjstat:resData date="2026-03" cntAll="1" cntC="0" cntH="0" cntM="1" cntL="0" cntN="0" />')
    expect(m).toContain('<mjstat:resData date="2026-05" cntAll="1" cntC="0" cntH="0" cntM="0" cntL="0" cntN="0" />')
    expect(m).toMatch(/<mjstat:sumCwe [^>]*cweId="CWE-79">[\s\S]*date="2026-05" cntAll="0"/)
    expect([attr(m, 'totalRes'), attr(m, 'retMaxCnt')]).toEqual(['4', '1'])
    expect(m).toContain('vulinfo="2" vendor="2" product="2"')
    const q = await call('method=getStatistics&feed=hnd&theme=sumJvnDb&type=q&datePublicStartY=2026')
    expect(q).toContain('date="2026-1Q" cntAll="1"')
    expect(q).toContain('date="2026-2Q" cntAll="1"')
    const oka = await okaJson('method=getStatistics&feed=oka&cweId=CWE-79')
    expect(oka.data).toHaveLength(1)
    expect(oka.data[0]).toMatchObject({ year: 2026, total_vulninfo: 1, total_severity_medium: 1, vulninfo: { 3: 1, 5: 0, 6: 0 } })
    expect(oka.status).toMatchObject({ retCd: 0, totalRes: 1 })
  })

  it('refuse a missing theme, a bad CWE, a start after the end and a year before 1998', async () => {
    for (const q of ['method=getStatistics&feed=hnd', 'method=getStatistics&feed=hnd&theme=sumCwe', 'method=getStatistics&feed=hnd&theme=sumAll&cweId=79',
      'method=getStatistics&feed=hnd&theme=sumJvnDb&datePublicStartY=2026&datePublicEndY=2020', 'method=getStatistics&feed=hnd&theme=sumJvnDb&type=w']) {
      const body = await call(q)
      expect([attr(body, 'retCd'), attr(body, 'errCd')?.slice(0, 4)], q).toEqual(['1', 'ST01'])
    }
    for (const q of ['pubStartDate=1997', 'pubStartDate=26', 'metricType=cvssV5', 'pubStartDate=2026&pubEndDate=2020']) {
      expect((await okaJson(`method=getStatistics&feed=oka&${q}`)).status, q).toMatchObject({ retCd: 1, errCd: expect.stringMatching(/^ST01/) })
    }
  })
})

describe('the official examples\' structure (test/fixtures/myjvn/examples), element by element and key by key, both ways', () => {
  // Where an example disagrees with the official JSON schema keikai follows the schema; the example's key is read as the schema's.
  const SCHEMA_KEYS: Record<string, string> = {
    vname_i18: 'vname_i18n', // jvnpid_1.0.json: vendors[].vname_i18n (getProductList_oka.json writes vname_i18)
    pname_i18: 'pname_i18n', // jvnpid_1.0.json: products[].pname_i18n (getProductList_oka.json writes pname_i18)
    datePublicStart: 'pubStartDate', // myjvn_statistics_1.0.json dataFilter and the documented oka parameters are pubStartDate…
    datePublicEnd: 'pubEndDate', // …and pubEndDate (getStatistics_oka.json echoes datePublicStart/End)
  }
  const asSchema = (v: unknown): unknown => (Array.isArray(v) ? v.map(asSchema)
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [SCHEMA_KEYS[k] ?? k, asSchema(x)])) : v)
  // Example keys keikai deliberately does not write.
  const NOT_KEIKAI = [
    'jvn-product-dictionary.vendors[].products[].version:string', // a keikai product entry stands for all its versions: no per-version entries
  ]
  // Schema keys keikai writes that an example happens not to show.
  const ONLY_KEIKAI = [
    'jvn-product-dictionary.vendors[].vname_i18n.ja:string', // getVendorList_oka.json shows no translated vendor; getProductList_oka.json does
    'jvn-product-dictionary.vendors[].vname_i18n.en:string',
  ]
  // getStatistics_oka.json's `updated: ""` breaks the schema's date-time format: keikai writes the last change (same shape, a string).
  const compareJson = (exampleFile: string, doc: unknown) => ({
    missing: missingJsonPaths(asSchema(JSON.parse(example(exampleFile))), doc).filter((p) => !NOT_KEIKAI.includes(p)),
    extra: missingJsonPaths(doc, asSchema(JSON.parse(example(exampleFile)))).filter((p) => !ONLY_KEIKAI.includes(p)),
  })
  const compareXml = (exampleFile: string, doc: string) => ({ missing: missingXmlPaths(example(exampleFile), doc), extra: missingXmlPaths(doc, example(exampleFile)) })
  const NONE = { missing: [], extra: [] }

  it('getVendorList and getProductList, hnd (results 3.3) and oka (jvnpid 1.0)', async () => {
    const paging = 'startItem=1&maxCountItem=50'
    expect(compareXml('hnd/getVendorList_hnd.xml', await call(`method=getVendorList&feed=hnd&${paging}`))).toEqual(NONE)
    expect(compareXml('hnd/getProductList_hnd.xml', await call(`method=getProductList&feed=hnd&${paging}`))).toEqual(NONE)
    expect(compareJson('oka/getVendorList_oka.json', await okaJson(`method=getVendorList&feed=oka&${paging}`))).toEqual(NONE)
    const products = await okaJson(`method=getProductList&feed=oka&${paging}`)
    expect(compareJson('oka/getProductList_oka.json', products)).toEqual(NONE)
    // The deep keys are really compared: a product's translations and package identifiers are there.
    expect(JSON.stringify(products)).toContain('"pname_i18n"')
    expect(JSON.stringify(products)).toContain('"nameType":"purl"')
  })

  it('getStatistics, every hnd theme (with the examples\' parameters) and oka', async () => {
    for (const theme of ['sumAll', 'sumJvnDb', 'sumCvss', 'sumCwe']) {
      const cwe = theme === 'sumAll' || theme === 'sumCwe' ? '&cweId=CWE-79' : ''
      const body = await call(`method=getStatistics&feed=hnd&theme=${theme}${cwe}&type=y&datePublicStartY=1999`)
      expect(compareXml(`hnd/getStatistics_hnd_${theme}.xml`, body), theme).toEqual(NONE)
    }
    const oka = await okaJson('method=getStatistics&feed=oka&pubStartDate=2025')
    expect(compareJson('oka/getStatistics_oka.json', oka)).toEqual(NONE)
    expect(oka.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/)
  })

  it('a key missing from keikai\'s answer is found, however deep', async () => {
    const products = await okaJson('method=getProductList&feed=oka&startItem=1&maxCountItem=50')
    for (const v of products['jvn-product-dictionary'].vendors) for (const p of v.products) delete p.product_ids[0].id_refs
    expect(compareJson('oka/getProductList_oka.json', products).missing).toEqual([
      'jvn-product-dictionary.vendors[].products[].product_ids[].id_refs[].nameType:string',
      'jvn-product-dictionary.vendors[].products[].product_ids[].id_refs[].value:string',
    ])
  })
})

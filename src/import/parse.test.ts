import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDocument } from './parse.js'
import { htmlToText, readDate } from './entry.js'
import { quoteBareAttributes } from './jvn.js'

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/import')
const parse = (path: string) => parseDocument(path, readFileSync(join(FIXTURES, path)))
const only = (path: string) => {
  const r = parse(path)
  expect(r.bad).toEqual([])
  expect(r.entries).toHaveLength(1)
  return r.entries[0]!
}

describe('MyJVN VULDEF (getVulnDetailInfo, hnd)', () => {
  const e = only('myjvn/getVulnDetailInfo_hnd_JVNDB-2022-000097.xml')

  it('keeps the JVN iPedia number as identifier, source key and JVNDB id, with the JVN# and CVE ids it names', () => {
    expect(e).toMatchObject({ source: 'jvn', sourceKey: 'JVNDB-2022-000097', identifier: 'JVNDB-2022-000097', jvndbId: 'JVNDB-2022-000097', lang: 'ja', partial: false })
    expect(e.sourceIds).toEqual([
      { kind: 'JVNDB', id: 'JVNDB-2022-000097' }, { kind: 'JVN', id: 'JVN#96321933' },
      { kind: 'CVE', id: 'CVE-2022-41993' }, { kind: 'CVE', id: 'CVE-2022-46287' }, { kind: 'CVE', id: 'CVE-2022-46288' },
    ])
  })

  it('puts the Japanese title, overview, impact and solution on the Japanese side, as text without markup', () => {
    expect(e.content.title).toEqual({ ja: '電子入札コアシステムにおける複数の脆弱性', en: '' })
    expect(e.content.overview.ja).toContain('次の複数の脆弱性が存在します。\n・クロスサイトスクリプティング (CWE-79) - CVE-2022-41993\n・')
    expect(e.content.overview.ja).not.toMatch(/<|&lt;/)
    expect(e.content.impact.ja).toContain('任意のスクリプトを実行される - CVE-2022-41993')
    expect(e.content.solution.ja).toBe('[パッチを適用する] 開発者が提供する情報をもとにパッチを適用してください。')
  })

  it('reads the affected product with developer, versions and CPE', () => {
    expect(e.content.affectedProducts).toEqual([{
      developer: { ja: '一般財団法人日本建設情報総合センター', en: '' }, product: { ja: '電子入札コアシステム', en: '' },
      versions: { ja: 'v6 R4 およびそれ以前のバージョン', en: '' }, cpe: 'cpe:/a:jacic:electronic_bidding_core_system',
    }])
  })

  it('scores the CVSS 3.0 vector as 3.1 (same base metrics), one vulnerability per CVE, with the CWE', () => {
    expect(e.content.vulnerabilities.map((v) => v.cveId)).toEqual(['CVE-2022-41993', 'CVE-2022-46287', 'CVE-2022-46288'])
    expect(e.content.vulnerabilities[0]).toMatchObject({
      cweId: 'CWE-79', cvss31: { vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', score: 6.1, severity: 'medium' }, cvss40: null,
    })
    expect(e.content.severity).toBe('medium')
  })

  it('keeps the references with their names and the first-published and last-updated dates', () => {
    expect(e.content.references).toContainEqual({ title: 'JVN JVN#96321933', url: 'https://jvn.jp/jp/JVN96321933/index.html' })
    expect(e.content.references).toContainEqual({ title: 'JACIC 【発注機関の皆様】電子入札コアシステムにおける複数の脆弱性について', url: 'https://www.cals.jacic.or.jp/coreconso/pdf/coreconsoinfo20221215.pdf' })
    expect(e.publishedAt.toISOString()).toBe('2022-12-15T03:04:51.000Z')
    expect(e.modifiedAt.toISOString()).toBe('2024-05-29T08:39:51.000Z')
  })

  it('reads every Vulinfo of a data feed document', () => {
    const r = parse('myjvn/dataFeed_jvndb_detail_hnd.xml')
    expect(r.bad).toEqual([])
    expect(r.entries.map((x) => x.identifier)).toHaveLength(7)
    expect(r.entries[0]!.content.vulnerabilities[0]).toMatchObject({ cveId: 'CVE-2025-21603', cweId: 'CWE-79', cvss31: { score: 4.8 } })
  })

  it('leaves out a CVSS 2.0 score, which keikai does not publish', () => {
    const x = only('myjvn/getVulnDetailInfo_hnd_JVNDB-2021-002774.xml')
    expect(x.content.vulnerabilities[0]).toMatchObject({ cveId: 'CVE-2021-36745', cvss31: null, cvss40: null })
    expect(x.content.severity).toBeNull()
  })
})

describe('JVNRSS (getVulnOverviewList, dataFeed rss)', () => {
  it('reads the real data feed although it is not well-formed (retCd= 0) and its times have no seconds', () => {
    const r = parse('myjvn/dataFeed_jvndb_rss_hnd.xml')
    expect(r.bad).toEqual([])
    expect(r.entries.map((x) => x.identifier)).toEqual(['JVNDB-2023-028579', 'JVNDB-2023-028578', 'JVNDB-2023-028577', 'JVNDB-2023-028576'])
    const first = r.entries[0]!
    expect(first.partial).toBe(true)
    expect(first.content.title.ja).toBe('Contiki-NG における再帰制御に関する脆弱性')
    expect(first.content.vulnerabilities[0]).toMatchObject({ cveId: 'CVE-2023-29001', cweId: 'CWE-674', cvss31: { score: 7.5 } })
    expect(r.entries.some((x) => x.publishedAt.toISOString() === '2025-04-11T14:52:00.000Z')).toBe(true)
  })

  it('takes vendor, product and CPE from sec:cpe and the item link as a reference', () => {
    const [e] = parse('myjvn/getVulnOverviewList_hnd.xml').entries
    expect(e!.content.affectedProducts[0]).toEqual({
      developer: { ja: 'Sunshine Photo Cart', en: '' }, product: { ja: 'Sunshine Photo Cart', en: '' }, versions: { ja: '', en: '' }, cpe: 'cpe:/a:sunshinephotocart:sunshine_photo_cart',
    })
    expect(e!.content.references[0]).toEqual({ title: 'JVN iPedia', url: 'https://jvndb.jvn.jp/ja/contents/2025/JVNDB-2025-002953.html' })
    expect(e!.content.vulnerabilities[0]!.cvss31).toMatchObject({ score: 9.8, severity: 'critical' })
  })
})

describe('MyJVN JSON (oka)', () => {
  it('reads getVulnDetailInfo JSON like its XML: same title, CVEs, CWE, scores and dates', () => {
    const json = only('myjvn/getVulnDetailInfo_oka_JVNDB-2022-000097.json')
    const xml = only('myjvn/getVulnDetailInfo_hnd_JVNDB-2022-000097.xml')
    expect(json.content.title).toEqual(xml.content.title)
    expect(json.content.vulnerabilities.map((v) => [v.cveId, v.cweId, v.cvss31?.score])).toEqual(xml.content.vulnerabilities.map((v) => [v.cveId, v.cweId, v.cvss31?.score]))
    expect(json.publishedAt).toEqual(xml.publishedAt)
    expect(json.modifiedAt).toEqual(xml.modifiedAt)
    expect(json.content.affectedProducts[0]).toMatchObject({ developer: { ja: '一般財団法人日本建設情報総合センター' }, cpe: 'cpe:2.3:a:jacic:electronic_bidding_core_system:*:*:*:*:*:*:*:*' })
    expect(json.sourceIds).toContainEqual({ kind: 'JVN', id: 'JVN#96321933' })
  })

  it('reads the VULDEF documents inside a STIX bundle, also from the real feed that is not valid JSON', () => {
    expect(only('myjvn/getVulnDetailInfo_oka_JVNDB-2017-009608_jvnstix.json').content.vulnerabilities[0]).toMatchObject({ cveId: 'CVE-2017-14937', cweId: 'CWE-327', cvss31: { score: 4.7 } })
    const r = parse('myjvn/dataFeed_jvndb_detail_oka.json')
    expect(r.bad).toEqual([])
    expect(r.entries.map((e) => e.identifier)).toContain('JVNDB-2022-000097')
  })

  it('reads the JSON overview feed as overview entries', () => {
    const r = parse('myjvn/getVulnOverviewList_oka.json')
    expect(r.entries.map((e) => e.identifier)).toEqual(['JVNDB-2025-000000', 'JVNDB-2025-002953', 'JVNDB-2025-002884'])
    expect(r.entries.every((e) => e.partial)).toBe(true)
    expect(r.entries[1]!.content.vulnerabilities[0]).toMatchObject({ cveId: 'CVE-2025-31084', cvss31: { score: 9.8 } })
  })
})

describe('CVE JSON 5 records', () => {
  it('reads a JPCERT/CC record: English text, vendors and products, CWE, CVSS 3.1 and the JVN advisory it links', () => {
    const e = only('cve/CVE-2024-33605.json')
    expect(e).toMatchObject({ source: 'cve', sourceKey: 'CVE-2024-33605', identifier: 'CVE-2024-33605', jvndbId: null, lang: 'both' })
    expect(e.sourceIds).toEqual([{ kind: 'CVE', id: 'CVE-2024-33605' }, { kind: 'JVN', id: 'JVNVU#93051062' }])
    expect(e.content.overview.en).toMatch(/^Improper processing of some parameters of installed_emanual_list\.html/)
    expect(e.content.overview.ja).toBe('')
    expect(e.content.title.en).toMatch(/^Improper processing/)
    expect(e.content.affectedProducts.map((p) => p.developer.en)).toEqual(['Sharp Corporation', 'Toshiba Tec Corporation'])
    expect(e.content.vulnerabilities).toEqual([{
      title: e.content.title, cveId: 'CVE-2024-33605', cweId: 'CWE-22', cvss40: null,
      cvss31: { vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', score: 7.5, severity: 'high' },
    }])
    expect(e.publishedAt.toISOString()).toBe('2024-11-26T07:37:38.329Z')
    expect(e.modifiedAt.toISOString()).toBe('2024-12-10T15:43:57.213Z')
    expect(e.content.references).toContainEqual({ title: 'https://jvn.jp/en/vu/JVNVU93051062/', url: 'https://jvn.jp/en/vu/JVNVU93051062/' })
  })

  it('reads every record of schema 5.0 to 5.2', () => {
    for (const id of ['CVE-2021-20682', 'CVE-2022-42496', 'CVE-2023-23554', 'CVE-2024-21824', 'CVE-2024-42499']) {
      expect(only(`cve/${id}.json`).identifier).toBe(id)
    }
  })
})

describe('CSAF 2.0', () => {
  it('reads the BSI advisory: tracking id, products and versions, CVE, CWE, base score from a vector with temporal metrics, credits', () => {
    const e = only('csaf/bsi-2022-0001.json')
    expect(e).toMatchObject({ source: 'csaf', sourceKey: 'https://www.bsi.bund.de#BSI-2022-0001', identifier: 'BSI-2022-0001', lang: 'both' })
    expect(e.sourceIds).toEqual([{ kind: 'CSAF', id: 'BSI-2022-0001' }, { kind: 'CVE', id: 'CVE-2022-27193' }])
    expect(e.content.title.en).toBe('CVRF-CSAF-Converter: XML External Entities Vulnerability')
    expect(e.content.affectedProducts).toEqual([{
      developer: { ja: '', en: 'CSAF Tools' }, product: { ja: '', en: 'CVRF-CSAF-Converter' },
      versions: { ja: '', en: '1.0.0-alpha, 1.0.0-dev1, 1.0.0-dev2, 1.0.0-dev3, 1.0.0-rc1' }, cpe: 'cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-alpha',
    }])
    expect(e.content.vulnerabilities[0]).toMatchObject({ cveId: 'CVE-2022-27193', cweId: 'CWE-611', cvss31: { vector: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:L', score: 6.1 } })
    expect(e.content.credits).toEqual([{ reportId: '', name: 'Damian Pfammatter' }])
    expect(e.content.description.en).toContain('resolves XML External Entities (XXE)')
  })

  it('reads Red Hat and VEX documents', () => {
    expect(only('csaf/rhsa-2021_5186.json').identifier).toBe('RHSA-2021:5186')
    expect(only('csaf/2022-evd-uc-01-a-001.json').content.vulnerabilities[0]!.cveId).toBe('CVE-2021-44228')
  })
})

describe('bad input', () => {
  it('reports a truncated file and a file of no known kind as one bad record each', () => {
    expect(parse('malformed/truncated.json')).toEqual({ entries: [], bad: [{ record: 'malformed/truncated.json', reason: expect.stringMatching(/^JSON does not parse/) }] })
    expect(parse('malformed/unknown.json').bad[0]!.reason).toBe('not a CVE JSON 5 record, a CSAF document or MyJVN data')
  })

  it('keeps the good entries of a document and names each bad one with its reason', () => {
    const r = parse('malformed/vuldef-bad-entries.xml')
    expect(r.entries.map((e) => e.identifier)).toEqual(['JVNDB-2024-000001'])
    expect(r.entries[0]!.content.title.ja).toBe('良い記録')
    expect(r.bad).toEqual([
      { record: 'NOT-AN-ID', reason: 'not a JVN iPedia number: "NOT-AN-ID"' },
      { record: 'JVNDB-2024-000002', reason: 'DateFirstPublished: unreadable date "yesterday"' },
    ])
  })
})

describe('the real data quirks', () => {
  it('reads times without seconds', () => {
    expect(readDate('2025-04-11T23:52+09:00', 'x')!.toISOString()).toBe('2025-04-11T14:52:00.000Z')
    expect(readDate('2025-04-11', 'x')!.toISOString()).toBe('2025-04-11T00:00:00.000Z')
  })

  it('turns escaped HTML into text, keeping list items as lines', () => {
    expect(htmlToText('前文&lt;ul&gt;&lt;li&gt;一&lt;/li&gt;&lt;li&gt;二 &amp;amp; 三&lt;/li&gt;&lt;/ul&gt;')).toBe('前文\n・一\n・二 & 三')
    expect(htmlToText('<script>alert(1)</script><b>本文</b>')).toBe('本文')
  })

  it('quotes bare attribute values and leaves quoted ones and text alone', () => {
    expect(quoteBareAttributes('<status:Status retCd= 0 errCd="" a=\'x=1\'/><t>a=b</t>')).toBe('<status:Status retCd="0" errCd="" a=\'x=1\'/><t>a=b</t>')
  })
})

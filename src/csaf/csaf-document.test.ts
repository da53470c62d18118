import { readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js'
import * as schemaTests from '@secvisogram/csaf-validator-lib/schemaTests.js'
import * as mandatoryTests from '@secvisogram/csaf-validator-lib/mandatoryTests.js'
import * as optionalTests from '@secvisogram/csaf-validator-lib/optionalTests.js'
import * as informativeTests from '@secvisogram/csaf-validator-lib/informativeTests.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { reviseAdvisory } from '../advisories/advisories.usecases.js'
import { scoreCvss31, scoreCvss40 } from '../advisories/cvss.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'
import { addReport, draftBody, scheduleSeeded, seedProductCase } from '../advisories/test-factories.js'
import { findPublicAdvisory, listPublicAdvisories, presentAdvisory, type PublicAdvisory } from '../advisories/index.js'
import { seedDemo } from '../demo/demo-seed.js'
import { csafDocument, csafDocumentPath, csafFilename, csafTrackingId, versionBranch, type CsafDocument } from './csaf-document.js'

// ---- the two checkers: the BSI validator and the official JSON schema ----

/**
 * 6.3.6 and 6.3.7 fetch every URL, the external and the document's own (no network in tests; the
 * own ones would not resolve before the provider serves them), 6.3.8 needs the hunspell binary.
 */
const OFFLINE_UNFIT = new Set(['informativeTest_6_3_6', 'informativeTest_6_3_7', 'informativeTest_6_3_8'])
const strictSchema = Object.values(schemaTests).filter((t) => t.name === 'csaf_2_0_strict')
const allTests = [...strictSchema, ...Object.values(mandatoryTests), ...Object.values(optionalTests), ...Object.values(informativeTests)]
  .filter((t) => !OFFLINE_UNFIT.has(t.name))

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../test/fixtures/csaf/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>
const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats(ajv)
// The FIRST CVSS schemas are draft-04/07 documents referenced by their public ids: register them under those ids.
for (const [file, id] of [['cvss-v2.0.json', 'https://www.first.org/cvss/cvss-v2.0.json'], ['cvss-v3.0.json', 'https://www.first.org/cvss/cvss-v3.0.json'], ['cvss-v3.1.json', 'https://www.first.org/cvss/cvss-v3.1.json']] as const) {
  const { $schema: _meta, $id: _id, id: _draft4Id, ...schema } = fixture(file)
  ajv.addSchema(schema, id)
}
const validateSchema = ajv.compile(fixture('csaf_json_schema.json'))

type Findings = { errors: string[]; warnings: string[]; infos: string[] }

/** Runs every check; returns what each kind of test found, as `test: path message` lines. */
async function check(doc: CsafDocument): Promise<Findings> {
  const json = JSON.parse(JSON.stringify(doc)) as unknown
  const ok = validateSchema(json)
  const schemaErrors = ok ? [] : (validateSchema.errors ?? []).map((e) => `ajv: ${e.instancePath} ${e.message}`)
  const result = await validateStrict(allTests, json)
  const lines = (kind: 'errors' | 'warnings' | 'infos') => result.tests.flatMap((t) => t[kind].map((f) => `${t.name}: ${f.instancePath} ${f.message}`))
  return { errors: [...schemaErrors, ...lines('errors')], warnings: lines('warnings'), infos: lines('infos') }
}
const testsIn = (lines: string[]) => [...new Set(lines.map((l) => l.split(':')[0]))].sort()

const ctx = { baseUrl: 'https://keikai.example', now: new Date('2026-05-01T00:00:00Z') }

// ---- advisories built by hand: every optional field filled, and every optional field empty ----

const text = (en: string, ja = `${en}（日本語）`) => ({ ja, en })

const full: PublicAdvisory = {
  identifier: 'JVNVU#98765432',
  jvndbId: 'JVNDB-2026-000123',
  path: '/advisories/JVNVU98765432',
  publishedAt: new Date('2026-04-02T01:00:00Z'),
  modifiedAt: new Date('2026-04-20T03:00:00Z'),
  title: text('Multiple vulnerabilities in Sample Router and Example CMS'),
  overview: text('Sample Router and Example CMS contain multiple vulnerabilities.'),
  description: text('The admin page does not escape input; the login form is open to SQL injection; an API lacks authentication.'),
  impact: text('A remote attacker may execute scripts, read the database or change settings.'),
  solution: text('Update the software to the latest version. As a workaround, restrict access to the admin page.'),
  affectedProducts: [
    { developer: text('Sample Electric Co., Ltd.', 'サンプル電機株式会社'), product: text('WR-1000'), versions: text('1.0.0 to 1.2.3'), cpe: 'cpe:/h:sample:wr-1000' },
    { developer: text('Sample Electric Co., Ltd.', 'サンプル電機株式会社'), product: text('WR-2000'), versions: { ja: 'Ver.2.0.1 およびそれ以前', en: '' }, cpe: 'cpe:2.3:h:sample:wr-2000:*:*:*:*:*:*:*:*' },
    { developer: text('Example Soft Inc.', 'イグザンプルソフト株式会社'), product: text('Example CMS'), versions: text('3.4.5'), cpe: 'cpe:2.3:a:example:cms:3.4.5:*:*:*:*:*:*:*' },
    { developer: text('Example Soft Inc.', 'イグザンプルソフト株式会社'), product: text('Example CMS Pro'), versions: text('prior to 4.0.0'), cpe: 'cpe:/a:example:cms_pro' },
  ],
  references: [
    { title: 'Sample Electric security notice', url: 'https://sample.example/security/2026-001' },
    { title: 'Example Soft advisory', url: 'https://example.example/advisories/ES-2026-01?lang=en&x=1' },
  ],
  credits: ['Taro Yamada', 'Hanako Suzuki (Example Security Lab)'],
  creditsChosen: true,
  vendorStatements: [
    { developer: text('Sample Electric Co., Ltd.', 'サンプル電機株式会社'), statement: text('Fixed firmware is available.'), statuses: [
      { position: 1, cveId: 'CVE-2026-10001', status: 'fixed' }, { position: 2, cveId: 'CVE-2026-10002', status: 'affected' }, { position: 3, cveId: 'CVE-2026-10003', status: 'affected' },
    ] },
    { developer: text('Example Soft Inc.', 'イグザンプルソフト株式会社'), statement: text('Version 4.0.0 fixes these.'), statuses: [
      { position: 1, cveId: 'CVE-2026-10001', status: 'affected' }, { position: 2, cveId: 'CVE-2026-10002', status: 'affected' }, { position: 3, cveId: 'CVE-2026-10003', status: 'not_affected' },
    ] },
    { developer: text('Unrelated Co.', '無関係株式会社'), statement: text('Our products are not affected.'), statuses: [{ position: 1, cveId: 'CVE-2026-10001', status: 'not_affected' }] },
  ],
  vulnerabilities: [
    { title: text('Cross-site scripting in the admin page'), cveId: 'CVE-2026-10001', cweId: 'CWE-79',
      cvss31: scoreCvss31('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N'), cvss40: scoreCvss40('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N') },
    { title: text('SQL injection in the login form'), cveId: 'CVE-2026-10002', cweId: 'CWE-89',
      cvss31: scoreCvss31('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), cvss40: scoreCvss40('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N') },
    { title: text('Missing authentication for a critical function'), cveId: 'CVE-2026-10003', cweId: 'CWE-306',
      cvss31: scoreCvss31('CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N'), cvss40: scoreCvss40('CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N') },
  ],
  severity: 'critical',
  revisions: [
    { revisedAt: new Date('2026-04-10T00:00:00Z'), note: text('Added Example CMS Pro to the affected products.') },
    { revisedAt: new Date('2026-04-20T03:00:00Z'), note: text('Updated the vendor statement of Example Soft.') },
  ],
}

/** What publication still needs (DESIGN §6), in Japanese only; everything optional empty or missing. */
const bare: PublicAdvisory = {
  identifier: 'JVN#12345678', jvndbId: null, path: '/advisories/JVN12345678',
  publishedAt: new Date('2026-04-02T01:00:00Z'), modifiedAt: new Date('2026-04-02T01:00:00Z'),
  title: { ja: '製品における脆弱性', en: '' }, overview: { ja: '概要', en: '' }, description: { ja: '詳細', en: '' },
  impact: { ja: '影響', en: '' }, solution: { ja: '最新版へアップデートしてください。', en: '' },
  affectedProducts: [{ developer: { ja: '開発者', en: '' }, product: { ja: '製品', en: '' }, versions: { ja: '', en: '' }, cpe: null }],
  references: [], credits: [], vendorStatements: [],
  vulnerabilities: [{ title: { ja: '脆弱性', en: '' }, cveId: null, cweId: null, cvss31: null, cvss40: null }],
  severity: null, revisions: [],
}

describe('the CSAF document of a hand-built advisory', () => {
  it('with every optional field filled passes the schema and every validator test, with nothing to warn about', async () => {
    const doc = csafDocument(full, ctx)
    const found = await check(doc)
    expect(found.errors).toEqual([])
    expect(found.warnings).toEqual([])
    // Informative only: ranges are ranges (6.3.9 wants a product_version, 6.3.10 notes the range).
    expect(testsIn(found.infos)).toEqual(['informativeTest_6_3_10', 'informativeTest_6_3_9'])
  })

  it('carries identity, versions, products, scores, statuses, remediations, credits and history', () => {
    const doc = csafDocument(full, ctx)
    expect(doc.document.tracking).toMatchObject({
      id: 'JVNVU#98765432', status: 'final', version: '3',
      initial_release_date: '2026-04-02T01:00:00.000Z', current_release_date: '2026-04-20T03:00:00.000Z',
    })
    expect(doc.document.tracking.revision_history.map((r) => [r.number, r.summary])).toEqual([
      ['1', 'Initial release'], ['2', 'Added Example CMS Pro to the affected products.'], ['3', 'Updated the vendor statement of Example Soft.'],
    ])
    expect(doc.document.publisher).toEqual({ category: 'coordinator', name: 'keikai (keikai.example)', namespace: 'https://keikai.example' })
    expect(doc.document.distribution.tlp.label).toBe('WHITE')
    expect(doc.document.references.slice(0, 2)).toEqual([
      { category: 'self', summary: 'Canonical URL of this CSAF document', url: 'https://keikai.example/.well-known/csaf/white/2026/jvnvu_98765432.json' },
      { category: 'self', summary: 'JVNVU#98765432 (advisory page)', url: 'https://keikai.example/advisories/JVNVU98765432' },
    ])
    expect(doc.document.references.filter((r) => r.category === 'external').map((r) => r.url)).toEqual(full.references.map((r) => r.url))
    expect(doc.document.acknowledgments).toEqual([{ names: ['Taro Yamada'] }, { names: ['Hanako Suzuki (Example Security Lab)'] }])
    expect(doc.document.notes.map((n) => n.title)).toEqual([
      'Overview', 'Description', 'Impact', 'Solution',
      'Vendor statement: Sample Electric Co., Ltd.', 'Vendor statement: Example Soft Inc.', 'Vendor statement: Unrelated Co.',
    ])
    expect(doc.document.notes.at(-1)?.text).toBe('Our products are not affected.\nCVE-2026-10001: Not affected')

    // Two vendors, four products; a range in vers notation, a Japanese-only range parsed, an exact version.
    const [sample, example] = doc.product_tree.branches!
    expect(sample!.name).toBe('Sample Electric Co., Ltd.')
    expect(sample!.branches!.map((b) => [b.name, b.branches![0]!.category, b.branches![0]!.name, b.branches![0]!.product?.product_identification_helper?.cpe])).toEqual([
      ['WR-1000', 'product_version_range', 'vers:generic/>=1.0.0|<=1.2.3', 'cpe:/h:sample:wr-1000'],
      ['WR-2000', 'product_version_range', 'vers:generic/<=2.0.1', 'cpe:2.3:h:sample:wr-2000:*:*:*:*:*:*:*:*'],
    ])
    expect(example!.branches!.map((b) => [b.name, b.branches![0]!.category, b.branches![0]!.name])).toEqual([
      ['Example CMS', 'product_version', '3.4.5'], ['Example CMS Pro', 'product_version_range', 'vers:generic/<4.0.0'],
    ])
    expect(sample!.branches![1]!.branches![0]!.product!.name).toBe('Sample Electric Co., Ltd. WR-2000 Ver.2.0.1 およびそれ以前')

    const [xss, sqli, auth] = doc.vulnerabilities
    expect(xss).toMatchObject({
      title: 'Cross-site scripting in the admin page', cve: 'CVE-2026-10001', ids: [{ system_name: 'JVN iPedia', text: 'JVNDB-2026-000123' }],
      cwe: { id: 'CWE-79', name: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')" },
      product_status: { known_affected: ['CSAFPID-0001', 'CSAFPID-0002', 'CSAFPID-0003', 'CSAFPID-0004'] },
      scores: [{ products: ['CSAFPID-0001', 'CSAFPID-0002', 'CSAFPID-0003', 'CSAFPID-0004'], cvss_v3: { version: '3.1', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', baseScore: 6.1, baseSeverity: 'MEDIUM' } }],
      references: [{ category: 'external', summary: 'CVE-2026-10001', url: 'https://www.cve.org/CVERecord?id=CVE-2026-10001' }],
    })
    expect(xss!.notes).toContainEqual({ category: 'other', title: 'CVSS v4.0 base score: 5.3 (MEDIUM)', text: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N' })
    expect(sqli!.scores![0]!.cvss_v3).toMatchObject({ baseScore: 9.8, baseSeverity: 'CRITICAL' })
    // The vendor fixed it: the remediation is a vendor fix, for every affected product.
    expect(xss!.remediations).toEqual([{ category: 'vendor_fix', details: full.solution.en, product_ids: ['CSAFPID-0001', 'CSAFPID-0002', 'CSAFPID-0003', 'CSAFPID-0004'] }])
    // Example Soft said "not affected" to the third: its products are known_not_affected there, and get no score or fix.
    expect(auth!.product_status).toEqual({ known_affected: ['CSAFPID-0001', 'CSAFPID-0002'], known_not_affected: ['CSAFPID-0003', 'CSAFPID-0004'] })
    expect(auth!.scores![0]!.products).toEqual(['CSAFPID-0001', 'CSAFPID-0002'])
    expect(auth!.remediations![0]!.product_ids).toEqual(['CSAFPID-0001', 'CSAFPID-0002'])
  })

  it('with every optional field empty still passes, warning only of what the advisory does not say', async () => {
    const doc = csafDocument(bare, ctx)
    const found = await check(doc)
    expect(found.errors).toEqual([])
    // No CVSS 3.1 score and no CPE: nothing in the advisory could fill them.
    expect(testsIn(found.warnings)).toEqual(['optionalTest_6_2_16', 'optionalTest_6_2_3'])
    expect(testsIn(found.infos)).toEqual(['informativeTest_6_3_3', 'informativeTest_6_3_4', 'informativeTest_6_3_9'])
    // Japanese where no English was written.
    expect(doc.document.title).toBe('製品における脆弱性')
    expect(doc.document.tracking.version).toBe('1')
    expect(doc.document.tracking.current_release_date).toBe(doc.document.tracking.initial_release_date)
    expect(doc.document).not.toHaveProperty('acknowledgments')
    expect(doc.document).not.toHaveProperty('aggregate_severity')
    expect(doc.vulnerabilities[0]).not.toHaveProperty('ids')
    expect(doc.vulnerabilities[0]!.remediations).toEqual([{ category: 'vendor_fix', details: '最新版へアップデートしてください。', product_ids: ['CSAFPID-0001'] }])
    expect(doc.product_tree.branches).toEqual([{ category: 'vendor', name: '開発者', branches: [{ category: 'product_name', name: '製品', product: { name: '開発者 製品', product_id: 'CSAFPID-0001' } }] }])
  })

  it('keeps markup, payloads and full-width characters exactly as written, as JSON text', async () => {
    const payload = '<script>alert(1)</script>"><img src=x onerror=alert(1)>&amp;\u0000'
    const wide = 'ＷＲ－１０００ ルータ　全角'
    const a: PublicAdvisory = {
      ...full,
      title: { ja: '', en: `${payload} ${wide}` },
      overview: { ja: `${payload}${wide}`, en: '' },
      affectedProducts: [{ developer: { ja: wide, en: '' }, product: { ja: payload, en: '' }, versions: { ja: 'Ｖｅｒ．１．２．３ 以前', en: '' }, cpe: 'cpe:/a:<script>' }],
      references: [{ title: payload, url: 'https://example.test/?a=1&b=<x>' }],
      credits: [payload, wide],
      revisions: [{ revisedAt: new Date('2026-04-10T00:00:00Z'), note: { ja: payload, en: '' } }],
    }
    const doc = csafDocument(a, ctx)
    expect((await check(doc)).errors).toEqual([])
    const read = JSON.parse(JSON.stringify(doc)) as CsafDocument
    expect(read.document.title).toBe(`${payload} ${wide}`)
    expect(read.document.notes[0]!.text).toBe(`${payload}${wide}`)
    expect(read.document.acknowledgments).toEqual([{ names: [payload] }, { names: [wide] }])
    expect(read.document.tracking.revision_history[1]!.summary).toBe(payload)
    // A URL the editor took with `<` in it is written percent-encoded: the same address, as a URI.
    expect(read.document.references.at(-1)).toEqual({ category: 'external', summary: payload, url: 'https://example.test/?a=1&b=%3Cx%3E' })
    const vendor = read.product_tree.branches![0]!
    expect([vendor.name, vendor.branches![0]!.name]).toEqual([wide, payload])
    // Full-width digits still read as a version; the product's name keeps them as written.
    expect(vendor.branches![0]!.branches![0]).toMatchObject({ category: 'product_version_range', name: 'vers:generic/<=1.2.3', product: { name: `${wide} ${payload} Ｖｅｒ．１．２．３ 以前` } })
    // A CPE CSAF cannot carry is left out rather than failing the document.
    expect(vendor.branches![0]!.branches![0]!.product).not.toHaveProperty('product_identification_helper')
  })
})

describe('file names and versions', () => {
  it('names the file as CSAF §5.1 says, from the JVN identifier', () => {
    expect(csafTrackingId(bare)).toBe('JVN#12345678')
    expect(csafFilename('JVN#12345678')).toBe('jvn_12345678.json')
    expect(csafFilename('JVNVU#98765432')).toBe('jvnvu_98765432.json')
    expect(csafFilename('Example Co. -- SA/2026+1')).toBe('example_co_--_sa_2026+1.json')
    expect(csafDocumentPath(full)).toBe('/.well-known/csaf/white/2026/jvnvu_98765432.json')
    // The folder is the year of the initial release as written (UTC), even when Japan is already in the next year.
    expect(csafDocumentPath({ ...bare, publishedAt: new Date('2026-12-31T16:00:00Z') })).toBe('/.well-known/csaf/white/2026/jvn_12345678.json')
  })

  it('refuses an advisory that is not published', () => {
    expect(() => csafDocument({ ...bare, identifier: null }, ctx)).toThrow()
    expect(() => csafDocument({ ...bare, publishedAt: null }, ctx)).toThrow()
  })

  it.each([
    ['1.2.3', 'product_version', '1.2.3'],
    ['v1.2.3', 'product_version', '1.2.3'],
    ['Ver. 4.01', 'product_version', '4.01'],
    ['1.2.3 and earlier', 'product_version_range', 'vers:generic/<=1.2.3'],
    ['versions prior to 2.0', 'product_version_range', 'vers:generic/<2.0'],
    ['5.0 and later', 'product_version_range', 'vers:generic/>=5.0'],
    ['1.0.0 through 1.4.2', 'product_version_range', 'vers:generic/>=1.0.0|<=1.4.2'],
    ['1.0 から 1.2 まで', 'product_version_range', 'vers:generic/>=1.0|<=1.2'],
    ['2.3 以前のバージョン', 'product_version_range', 'vers:generic/<=2.3'],
    ['3.0 より前', 'product_version_range', 'vers:generic/<3.0'],
    ['All versions', 'product_version_range', 'vers:generic/*'],
    ['ファームウェア 1.0 (2024年以前に出荷)', 'product_version_range', 'ファームウェア 1.0 (2024年以前に出荷)'],
  ])('reads the versions %j as a %s named %j', (input, category, name) => {
    expect(versionBranch(input)).toEqual({ category, name })
  })
})

// ---- advisories as the application publishes them ----

describe('the CSAF document of a published advisory', () => {
  let t: TestApp
  const published: PublicAdvisory[] = []
  let revisedCaseId = ''
  let revisedIdentifier = ''

  beforeAll(async () => {
    t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
    // The demo-like case, an overseas one without CVE or CWE, and one whose finder credits carry markup.
    const plain = await seedProductCase(t.db, t.clock.now())
    const overseas = await seedProductCase(t.db, t.clock.now(), {
      source: 'overseas', developer: { ja: 'Overseas Vendor Inc.', en: 'Overseas Vendor Inc.' },
      vulnerability: { titleJa: '認証の欠如', titleEn: 'Missing authentication', cveId: null, cweId: null },
    })
    await addReport(t.db, plain.caseId, { name: 'x', creditName: '<b>鈴木</b> ＨＡＮＡＫＯ', consentCredit: true, at: t.clock.now() })
    const first = await scheduleSeeded(t.deps, plain, new Date('2026-04-02T01:00:00Z'))
    const second = await scheduleSeeded(t.deps, overseas, new Date('2026-04-02T01:00:00Z'), draftBody(overseas, {
      vulnerabilities: [{ id: overseas.vulnerabilityId, title: { ja: '認証の欠如', en: 'Missing authentication' }, cveId: null, cweId: null, cvss40Vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N' }],
    }))
    t.clock.set('2026-04-03T01:00:00Z')
    await publishDueAdvisories(t.deps)
    revisedCaseId = plain.caseId
    revisedIdentifier = first.identifier
    for (const id of [first.identifier, second.identifier]) {
      const found = await findPublicAdvisory(t.db, t.clock.now(), id)
      published.push(presentAdvisory(found!.advisory, found!.revisions))
    }
  })
  afterAll(async () => { await t.close() })

  it('passes the schema and every validator test', async () => {
    const [plain, overseas] = published.map((a) => csafDocument(a, ctx))
    const plainFound = await check(plain!)
    expect(plainFound.errors).toEqual([])
    expect(plainFound.warnings).toEqual([])
    const overseasFound = await check(overseas!)
    expect(overseasFound.errors).toEqual([])
    // CVSS 4.0 alone: CSAF 2.0 has no place for its score, so 6.2.3 finds none.
    expect(testsIn(overseasFound.warnings)).toEqual(['optionalTest_6_2_3'])
    expect(overseas!.document.tracking.id).toMatch(/^JVNVU#\d{8}$/)
    expect(overseas!.vulnerabilities[0]!.notes.map((n) => n.title)).toContain('CVSS v4.0 base score: 8.7 (HIGH)')
  })

  it('credits only the finders who consented, and names the JVN iPedia entry', async () => {
    const doc = csafDocument(published[0]!, ctx)
    expect(doc.document.acknowledgments).toEqual([{ names: ['Taro Yamada'] }, { names: ['<b>鈴木</b> ＨＡＮＡＫＯ'] }])
    expect(JSON.stringify(doc)).not.toContain('匿名希望の発見者')
    expect(doc.vulnerabilities[0]!.ids).toEqual([{ system_name: 'JVN iPedia', text: expect.stringMatching(/^JVNDB-2026-\d{6}$/) }])
    expect(doc.document.notes.find((n) => n.title?.startsWith('Vendor statement'))?.text).toContain('A fixed version is available.')
  })

  it('makes a revision a new version with its revision history', async () => {
    const before = csafDocument(published[0]!, ctx)
    t.clock.set('2026-04-10T05:00:00Z')
    await reviseAdvisory(t.deps, { caseId: revisedCaseId, actor: { user: null, label: 'test' }, note: { ja: '対策方法を更新しました。', en: 'Updated the solution.' } })
    const found = await findPublicAdvisory(t.db, t.clock.now(), revisedIdentifier)
    const after = csafDocument(presentAdvisory(found!.advisory, found!.revisions), ctx)
    expect(before.document.tracking.version).toBe('1')
    expect(after.document.tracking).toMatchObject({
      id: before.document.tracking.id, version: '2',
      initial_release_date: before.document.tracking.initial_release_date, current_release_date: '2026-04-10T05:00:00.000Z',
      revision_history: [
        { number: '1', date: before.document.tracking.initial_release_date, summary: 'Initial release' },
        { number: '2', date: '2026-04-10T05:00:00.000Z', summary: 'Updated the solution.' },
      ],
    })
    const found2 = await check(after)
    expect(found2.errors).toEqual([])
    expect(found2.warnings).toEqual([])
  })
})

describe('the CSAF documents of the demo', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await setupTestApp({ now: '2026-01-01T00:00:00Z' })
    await seedDemo(t.app, { ...t.deps, clock: t.clock }, new Date('2026-11-26T00:30:00Z'))
  })
  afterAll(async () => { await t.close() })

  it('pass the schema and every validator test, one document per published advisory', async () => {
    const { items } = await listPublicAdvisories(t.db, t.clock.now(), { limit: 100, offset: 0 })
    expect(items.length).toBeGreaterThan(0)
    for (const item of items) {
      const found = await findPublicAdvisory(t.db, t.clock.now(), item.identifier!)
      const doc = csafDocument(presentAdvisory(found!.advisory, found!.revisions), ctx)
      const findings = await check(doc)
      expect(findings.errors, item.identifier!).toEqual([])
      // Only what the demo's text leaves open: a vulnerability without a CVSS 3.1 score, a product without CPE.
      expect(testsIn(findings.warnings).filter((w) => !['optionalTest_6_2_3', 'optionalTest_6_2_16'].includes(w ?? '')), item.identifier!).toEqual([])
    }
  })
})

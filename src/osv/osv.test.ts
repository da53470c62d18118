import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { draftBody, scheduleSeeded, seedProductCase } from '../advisories/test-factories.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'

/*
 * OSV records of public advisories, checked against the OSV schema of ossf/osv-schema
 * (test/fixtures/osv/schema.json, JSON Schema 2020-12): one advisory with every optional field
 * filled, one with the least a record can have, and one that names no package (no record).
 */
const schema = JSON.parse(readFileSync(new URL('../../test/fixtures/osv/schema.json', import.meta.url), 'utf8'))
const ajv = new Ajv2020({ allErrors: true, strict: false })
addFormats(ajv)
const validate = ajv.compile(schema)
const problems = (record: unknown) => (validate(record) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`))

let t: TestApp
const slugs = { full: '', minimal: '', noPackage: '' }

const FULL_PRODUCTS = [
  {
    developer: { ja: 'サンプル電機株式会社', en: 'Sample Electric Co., Ltd.' }, product: { ja: 'WR-1000 管理画面', en: 'WR-1000 admin UI' },
    versions: { ja: '1.0.0 から 1.2.3 まで', en: '1.0.0 to 1.2.3' },
    package: {
      purl: 'pkg:npm/%40sample/wr-admin@1.2.3',
      ranges: [{ introduced: '1.0.0', fixed: '1.2.4' }, { introduced: 'v2.0.0', lastAffected: '2.0.3' }],
      versions: ['1.0.0', '1.2.3'],
    },
  },
  {
    developer: { ja: 'サンプル電機株式会社', en: 'Sample Electric Co., Ltd.' }, product: { ja: 'WR 連携ライブラリ', en: '' },
    versions: { ja: '3.1 より前', en: '' },
    package: { ecosystem: 'Maven', name: 'jp.example.sample:wr-client', ranges: [{ fixed: '3.1' }], versions: '3.0, 3.0.1' },
  },
  { developer: { ja: 'サンプル電機株式会社', en: 'Sample Electric Co., Ltd.' }, product: { ja: 'WR-1000 本体', en: 'WR-1000 appliance' }, versions: { ja: '全て', en: 'All' } },
]

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  const publishAt = new Date('2026-04-01T03:00:00Z')
  const full = await seedProductCase(t.db, t.clock.now())
  slugs.full = (await scheduleSeeded(t.deps, full, publishAt, draftBody(full, {
    affectedProducts: FULL_PRODUCTS,
    references: [
      { title: 'Sample Electric security notice', url: 'https://sample.example/security/2026-001' },
      { title: 'npm advisory', url: 'https://www.npmjs.com/package/@sample/wr-admin' },
    ],
  }))).identifier.replace('#', '')
  const minimal = await seedProductCase(t.db, t.clock.now(), { vulnerability: { titleJa: '情報漏えい', titleEn: 'Information disclosure' } })
  slugs.minimal = (await scheduleSeeded(t.deps, minimal, publishAt, draftBody(minimal, {
    title: { ja: '例示ライブラリにおける情報漏えい', en: 'Information disclosure in example-lib' }, overview: { ja: '概要', en: 'Overview' }, description: { ja: '詳細', en: 'Details' },
    impact: { ja: '影響', en: 'Impact' }, solution: { ja: '対策', en: 'Solution' }, references: [], credits: [],
    affectedProducts: [{ developer: '例示プロジェクト', product: 'example-lib', versions: '', package: { ecosystem: 'PyPI', name: 'example-lib' } }],
    vulnerabilities: [{ id: minimal.vulnerabilityId, title: { ja: '情報漏えい', en: 'Information disclosure' } }],
  }))).identifier.replace('#', '')
  const plain = await seedProductCase(t.db, t.clock.now())
  slugs.noPackage = (await scheduleSeeded(t.deps, plain, publishAt)).identifier.replace('#', '')
  t.clock.set('2026-04-01T03:00:01Z')
})
afterAll(async () => { await t.close() })

const getJson = async (path: string, headers: Record<string, string> = {}) => {
  const res = await t.app.request(path, { headers })
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: await res.json() }
}

describe('the OSV record of an advisory with every field filled', () => {
  it('is valid against the OSV schema, the same beside the page and in the API', async () => {
    const page = await getJson(`/advisories/${slugs.full}/osv.json`)
    expect(page.status).toBe(200)
    expect(page.type).toContain('application/json')
    expect(problems(page.json)).toEqual([])
    const api = await getJson(`/api/v1/advisories/${slugs.full}/osv`)
    expect(api.json).toEqual(page.json)
    // The API also takes the identifier itself.
    expect((await getJson(`/api/v1/advisories/${encodeURIComponent(`${slugs.full.slice(0, 3)}#${slugs.full.slice(3)}`)}/osv`)).json).toEqual(page.json)
  })

  it('names each package with its ranges, listed versions and purl (derived from the purl where only it was given)', async () => {
    const { json } = await getJson(`/advisories/${slugs.full}/osv.json`)
    expect(json.affected).toEqual([
      {
        package: { ecosystem: 'npm', name: '@sample/wr-admin', purl: 'pkg:npm/%40sample/wr-admin' },
        ranges: [
          { type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.2.4' }] },
          { type: 'SEMVER', events: [{ introduced: '2.0.0' }, { last_affected: '2.0.3' }] },
        ],
        versions: ['1.0.0', '1.2.3'],
        database_specific: { developer: 'Sample Electric Co., Ltd.', product: 'WR-1000 admin UI', versions: '1.0.0 to 1.2.3' },
      },
      {
        package: { ecosystem: 'Maven', name: 'jp.example.sample:wr-client' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.1' }] }],
        versions: ['3.0', '3.0.1'],
        // No English product name or versions: the Japanese, as the English page shows it.
        database_specific: { developer: 'Sample Electric Co., Ltd.', product: 'WR 連携ライブラリ', versions: '3.1 より前' },
      },
    ])
  })

  it('carries the id, dates, CVE alias, English text, both CVSS vectors, references, credits and CWE ids', async () => {
    const { json } = await getJson(`/api/v1/advisories/${slugs.full}/osv`)
    expect(json.id).toBe(`x_JVN-${slugs.full.slice(3)}`)
    expect(json.schema_version).toBe('1.7.5')
    expect(json.published).toBe('2026-04-01T03:00:00Z')
    expect(json.modified).toBe('2026-04-01T03:00:00Z')
    expect(json.aliases).toEqual(['CVE-2026-10001'])
    expect(json.summary).toBe('Sample Router WR-1000 vulnerable to cross-site scripting')
    expect(json.details).toContain('The settings page of the admin interface does not escape input.')
    expect(json.details).toContain('## Solution\n\nUpdate the firmware to the latest version.')
    expect(json.severity).toEqual([
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' },
      { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N' },
    ])
    expect(json.references).toEqual([
      { type: 'ADVISORY', url: `http://keikai.test/advisories/${slugs.full}` },
      { type: 'ADVISORY', url: 'https://www.cve.org/CVERecord?id=CVE-2026-10001' },
      { type: 'WEB', url: 'https://sample.example/security/2026-001' },
      { type: 'WEB', url: 'https://www.npmjs.com/package/@sample/wr-admin' },
    ])
    // The consenting finder by the name they chose; the one who did not consent is nowhere.
    expect(json.credits).toEqual([{ name: 'Taro Yamada', type: 'FINDER' }])
    expect(JSON.stringify(json)).not.toContain('匿名希望')
    expect(json.database_specific).toMatchObject({ jvn_identifier: `${slugs.full.slice(0, 3)}#${slugs.full.slice(3)}`, cwe_ids: ['CWE-79'], severity: 'medium' })
  })

  it('keeps its id once the publication worker has numbered the advisory, and then names its JVN iPedia number', async () => {
    const before = (await getJson(`/api/v1/advisories/${slugs.full}/osv`)).json
    await publishDueAdvisories(t.deps)
    const after = (await getJson(`/api/v1/advisories/${slugs.full}/osv`)).json
    expect(after.id).toBe(before.id)
    expect(after.database_specific.jvndb_id).toMatch(/^JVNDB-2026-\d{6}$/)
    expect(problems(after)).toEqual([])
  })
})

describe('the OSV record of an advisory with the least in it', () => {
  it('is valid against the OSV schema, without the fields it has nothing for', async () => {
    const { status, json } = await getJson(`/advisories/${slugs.minimal}/osv.json`)
    expect(status).toBe(200)
    expect(problems(json)).toEqual([])
    expect(json.summary).toBe('Information disclosure in example-lib')
    expect(json.details).toBe('Overview\n\nDetails\n\n## Impact\n\nImpact\n\n## Solution\n\nSolution')
    expect(json.affected).toEqual([{ package: { ecosystem: 'PyPI', name: 'example-lib' }, database_specific: { developer: '例示プロジェクト', product: 'example-lib' } }])
    for (const absent of ['aliases', 'severity', 'credits']) expect(json, absent).not.toHaveProperty(absent)
    expect(json.references).toEqual([{ type: 'ADVISORY', url: `http://keikai.test/advisories/${slugs.minimal}` }])
    expect(json.database_specific.cwe_ids).toEqual([])
  })
})

describe('an advisory that names no package', () => {
  it('has no OSV record: 404 with a message saying why, in the language asked for', async () => {
    const ja = await getJson(`/api/v1/advisories/${slugs.noPackage}/osv?lang=ja`)
    expect(ja.status).toBe(404)
    expect(ja.json.error.code).toBe('osv.no_package')
    expect(ja.json.error.message).toContain('パッケージ（エコシステムとパッケージ名）を挙げていない')
    const en = await getJson(`/api/v1/advisories/${slugs.noPackage}/osv`, { 'accept-language': 'en' })
    expect(en.json.error.message).toBe('This advisory names no package (ecosystem and name), so it has no OSV record.')
    const page = await t.app.request(`/advisories/${slugs.noPackage}/osv.json?lang=en`)
    expect(page.status).toBe(404)
    expect(await page.text()).toContain('names no package')
  })

  it('answers a plain 404 for an identifier that is no advisory', async () => {
    for (const path of ['/advisories/JVN00000000/osv.json', '/api/v1/advisories/not-an-id/osv']) {
      expect((await t.app.request(path)).status, path).toBe(404)
    }
  })
})

import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'
import { cvss31Of, insertImportedAdvisory } from '../myjvn/imported.test-support.js'
import { crawlProvider, fetchCsaf, scheduleAdvisoryAt } from './csaf.test-support.js'

/**
 * Imported entries (no case: a JVN iPedia entry with its JVN# and JVNDB number, a CVE-only record,
 * another provider's CSAF document) in each machine-readable format beside keikai's own advisory:
 * - CSAF: keikai's provider publishes only keikai's own advisories; an imported entry is another
 *   publisher's, in no listing and with no document, hash or signature in keikai's tree;
 * - CVE records: only keikai's own (keikai is not the CNA of an imported record);
 * - OSV: keikai's database record, for an imported entry too when it names a package;
 * - JVNDB feeds: an imported JVN iPedia entry under its own number; a CVE-only one is no JVNDB entry.
 */
let t: TestApp
let own = ''
const osvSchema = JSON.parse(readFileSync(new URL('../../test/fixtures/osv/schema.json', import.meta.url), 'utf8'))
const ajv = new Ajv2020({ allErrors: true, strict: false })
addFormats(ajv)
const validateOsv = ajv.compile(osvSchema)

const IMPORTED_JVN = { identifier: 'JVN#87654321', jvndbId: 'JVNDB-2025-004321', title: 'IMPORTEDJVN 輸入 JVN' }
const IMPORTED_CVE = { identifier: 'CVE-2025-77777', title: 'IMPORTEDCVE record' }
const IMPORTED_CSAF = { identifier: 'ACME-SA-2025-001', title: 'IMPORTEDCSAF advisory' }
const MARKS = ['IMPORTEDJVN', 'IMPORTEDCVE', 'IMPORTEDCSAF', 'jvn_87654321', 'cve-2025-77777', 'acme-sa-2025-001']

const status = async (path: string) => (await t.app.request(path)).status

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T00:00:00Z' })
  own = (await scheduleAdvisoryAt(t, '2026-04-01T00:00:00Z', 'OWNADVISORY', 'CVE-2026-11111')).identifier
  await publishDueAdvisories(t.deps)
  await insertImportedAdvisory(t.db, {
    source: 'jvn', ...IMPORTED_JVN, publishAt: new Date('2025-06-01T00:00:00Z'), title: { ja: IMPORTED_JVN.title, en: `${IMPORTED_JVN.title} en` },
    cveId: 'CVE-2025-12345', cweId: 'CWE-79', cvss31: cvss31Of('medium', 6.1),
    package: { ecosystem: 'npm', name: 'imported-lib', purl: 'pkg:npm/imported-lib', ranges: [{ introduced: '0', fixed: '1.0.1', lastAffected: null }], versions: [] },
  })
  await insertImportedAdvisory(t.db, { source: 'cve', identifier: IMPORTED_CVE.identifier, publishAt: new Date('2025-07-01T00:00:00Z'), title: { ja: IMPORTED_CVE.title, en: IMPORTED_CVE.title }, cveId: IMPORTED_CVE.identifier, cvss31: cvss31Of('high', 8.1) })
  await insertImportedAdvisory(t.db, { source: 'csaf', identifier: IMPORTED_CSAF.identifier, publishAt: new Date('2025-08-01T00:00:00Z'), title: { ja: IMPORTED_CSAF.title, en: IMPORTED_CSAF.title }, cveId: 'CVE-2025-88888' })
  t.clock.set('2026-04-01T01:00:00Z')
})
afterAll(async () => t?.close())

describe('CSAF: keikai publishes its own advisories, not imported ones', () => {
  it('no listing, feed, category or folder names an imported entry; keikai\'s own is there', async () => {
    const { pmdUrl, directory, feedUrl, index } = await crawlProvider(t)
    const texts = await Promise.all([pmdUrl, feedUrl, `${directory}index.txt`, `${directory}changes.csv`, `${directory}category-white.json`, directory, `${directory}2025/`, `${directory}2026/`]
      .map(async (u) => (await fetchCsaf(t, u)).text))
    const all = texts.join('\n')
    for (const mark of MARKS) expect(all.toLowerCase()).not.toContain(mark.toLowerCase())
    expect(index).toEqual([`2026/${own.toLowerCase().replace('#', '_')}.json`])
    expect(all).toContain('OWNADVISORY')
  })

  it('an imported entry has no document, hash or signature at the place keikai\'s would be', async () => {
    for (const base of ['/.well-known/csaf/white/2025/jvn_87654321.json', '/.well-known/csaf/white/2025/cve-2025-77777.json', '/.well-known/csaf/white/2025/acme-sa-2025-001.json']) {
      for (const suffix of ['', '.sha256', '.sha512', '.asc']) expect(await status(base + suffix), base + suffix).toBe(404)
    }
  })
})

describe('CVE and OSV records of imported entries', () => {
  it('no CVE record is issued for an imported entry (its CNA\'s record stands); keikai\'s own is', async () => {
    expect(await status('/advisories/JVN87654321/cve/CVE-2025-12345.json')).toBe(404)
    expect(await status('/api/v1/advisories/JVN87654321/cve/CVE-2025-12345')).toBe(404)
    expect(await status(`/advisories/${own.replace('#', '')}/cve/CVE-2026-11111.json`)).toBe(200)
  })

  it('an imported JVN entry that names a package has a valid OSV record under its JVN identifier, with its CVE as alias', async () => {
    const res = await t.app.request('/advisories/JVN87654321/osv.json')
    expect(res.status).toBe(200)
    const record = await res.json()
    expect(validateOsv(record) ? [] : validateOsv.errors).toEqual([])
    expect(record).toMatchObject({ id: 'x_JVN-87654321', aliases: ['CVE-2025-12345'], affected: [{ package: { ecosystem: 'npm', name: 'imported-lib' } }] })
    expect(record.database_specific).toMatchObject({ jvndb_id: IMPORTED_JVN.jvndbId })
  })
})

describe('JVNDB feeds with imported entries', () => {
  it('the year\'s feed lists an imported JVN iPedia entry under its own number; a CVE-only one is in no JVNDB feed', async () => {
    const year = await (await t.app.request('/rss/years/jvndb_2025.rdf')).text()
    expect(year).toContain('<sec:identifier>JVNDB-2025-004321</sec:identifier>')
    expect(year).toContain('IMPORTEDJVN')
    const feeds = [year, await (await t.app.request('/rss/jvndb.rdf')).text(), await (await t.app.request('/rss/jvndb_new.rdf')).text()].join('\n')
    for (const mark of ['IMPORTEDCVE', 'IMPORTEDCSAF', 'CVE-2025-77777']) expect(feeds).not.toContain(mark)
  })
})

import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { bearer, draftBody, jsonRequest, seedProductCase, type SeededCase } from './test-factories.js'
import { readContent } from './advisory-content.js'
import { OSV_ECOSYSTEMS } from './packages.js'

/*
 * The advisory editor's package fields (the OSV record's source): saved through the form and the
 * API, shown again, refused with a message beside the field that keeps what was typed.
 */
let t: TestApp
let seed: SeededCase
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  seed = await seedProductCase(t.db, t.clock.now())
})
afterAll(async () => { await t.close() })

/** The editor form with one product row (row 0) and its package, as a browser submits it. */
function form(pkg: Record<string, string | string[]>, extra: Record<string, string> = {}): URLSearchParams {
  const fields: Record<string, string | string[]> = {
    title_ja: 'WR 管理画面ライブラリにおける XSS', title_en: 'XSS in the WR admin library',
    overview_ja: '', overview_en: '', description_ja: '', description_en: '', impact_ja: '', impact_en: '', solution_ja: '', solution_en: '',
    v_id: [seed.vulnerabilityId, ''], v_title_ja: ['XSS', ''], v_title_en: ['XSS', ''], v_cve: ['CVE-2026-10001', ''], v_cwe: ['CWE-79', ''],
    v_cvss31: ['', ''], v_cvss40: ['', ''],
    p_developer_ja: ['サンプル電機', ''], p_developer_en: ['Sample Electric', ''], p_product_ja: ['WR 管理画面', ''], p_product_en: ['WR admin', ''],
    p_versions_ja: ['', ''], p_versions_en: ['', ''], p_cpe: ['', ''],
    p_pkg_ecosystem: ['', ''], p_pkg_name: ['', ''], p_pkg_purl: ['', ''], p_pkg_versions: ['', ''],
    r_title: [''], r_url: [''], credits_shown: '1',
    ...pkg, ...extra,
  }
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item)
  return params
}

const post = (params: URLSearchParams) => t.app.request(`/cases/${seed.caseId}/advisory`, {
  method: 'POST', headers: { ...bearer(seed.coordinator.token), 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' }, body: params,
})
const editor = async () => (await t.app.request(`/cases/${seed.caseId}/advisory?lang=en`, { headers: seed.coordinator.headers })).text()
const stored = async () => (await t.db.selectFrom('advisories').select('content').where('case_id', '=', seed.caseId).executeTakeFirstOrThrow()).content as { affectedProducts: Array<{ package?: unknown }> }

/** The `value` of the input with this id, or the selected option of the select with it. */
const valueOf = (html: string, id: string) =>
  new RegExp(`id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? new RegExp(`id="${id}"[\\s\\S]*?<option value="([^"]*)" selected`).exec(html)?.[1]

describe('the editor form', () => {
  it('saves a package with its ranges and shows it again', async () => {
    const res = await post(form({
      p_pkg_purl: ['pkg:npm/%40sample/wr-admin', ''], p_pkg_versions: ['1.0.0, 1.0.1', ''],
      p_pkg_introduced_0: ['1.0.0', '2.0.0', ''], p_pkg_fixed_0: ['1.2.4', '', ''], p_pkg_last_affected_0: ['', '2.0.3', ''],
    }))
    expect(res.status, await res.clone().text()).toBe(303)
    expect((await stored()).affectedProducts[0]!.package).toEqual({
      ecosystem: 'npm', name: '@sample/wr-admin', purl: 'pkg:npm/%40sample/wr-admin', versions: ['1.0.0', '1.0.1'],
      ranges: [{ introduced: '1.0.0', fixed: '1.2.4', lastAffected: null }, { introduced: '2.0.0', fixed: null, lastAffected: '2.0.3' }],
    })
    const html = await editor()
    expect(valueOf(html, 'p_pkg_ecosystem_0')).toBe('npm')
    expect(valueOf(html, 'p_pkg_name_0')).toBe('@sample/wr-admin')
    expect(valueOf(html, 'p_pkg_introduced_0_1')).toBe('2.0.0')
    expect(valueOf(html, 'p_pkg_last_affected_0_1')).toBe('2.0.3')
    expect(valueOf(html, 'p_pkg_fixed_0_2')).toBe('')
    expect(valueOf(html, 'p_pkg_versions_0')).toBe('1.0.0, 1.0.1')
  })

  it('offers another range row when asked, keeping what was typed and saving nothing', async () => {
    const before = await stored()
    const res = await post(form({ p_pkg_ecosystem: ['PyPI', ''], p_pkg_name: ['wr-tools', ''], p_pkg_introduced_0: ['1.0', ''], p_pkg_fixed_0: ['1.1', ''] }, { more: 'range_0' }))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(valueOf(html, 'p_pkg_name_0')).toBe('wr-tools')
    expect(valueOf(html, 'p_pkg_fixed_0_0')).toBe('1.1')
    expect(html).toContain('id="p_pkg_introduced_0_2"')
    expect(await stored()).toEqual(before)
  })

  it('refuses a wrong package beside its field, in the reader\'s language, keeping everything typed', async () => {
    const cases: Array<[Record<string, string[]>, string, string]> = [
      [{ p_pkg_purl: ['npm:lodash', ''] }, 'p_pkg_purl_0', 'Use a package URL such as pkg:npm/example.'],
      [{ p_pkg_ecosystem: ['Leftpad', ''], p_pkg_name: ['x', ''] }, 'p_pkg_ecosystem_0', 'Choose an ecosystem from the list.'],
      [{ p_pkg_ecosystem: ['npm', ''], p_pkg_name: ['wr', ''], p_pkg_introduced_0: ['2.0.0', ''], p_pkg_fixed_0: ['1.9.9', ''] }, 'p_pkg_fixed_0_0', 'The fixed version must come after the version it was introduced in.'],
      [{ p_pkg_ecosystem: ['Go', ''], p_pkg_name: ['example.com/wr', ''], p_pkg_introduced_0: ['latest', ''] }, 'p_pkg_introduced_0_0', 'Versions in this ecosystem are semantic versions such as 1.2.3.'],
      [{ p_pkg_introduced_0: ['1.0', ''] }, 'p_pkg_ecosystem_0', 'Choose the ecosystem, or give a purl.'],
    ]
    const before = await stored()
    for (const [pkg, field, message] of cases) {
      const res = await post(form(pkg))
      expect(res.status, field).toBe(400)
      const html = await res.text()
      // The message beside the field, the field marked and linked from the summary.
      expect(html).toContain(`<p class="field-error" id="${field}-error">${message}</p>`)
      expect(html).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${field}"`))
      expect(html).toContain(`href="#${field}"`)
      for (const [name, values] of Object.entries(pkg)) {
        expect(valueOf(html, `${name}_0`), `${name} kept`).toBe(values[0])
      }
      expect(await stored(), 'nothing saved').toEqual(before)
    }
    const ja = await t.app.request(`/cases/${seed.caseId}/advisory`, {
      method: 'POST', headers: { ...bearer(seed.coordinator.token), 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'ja' }, body: form({ p_pkg_purl: ['npm:lodash', ''] }),
    })
    expect(await ja.text()).toContain('purl を pkg:npm/example の形式で入力してください。')
  })

  it('removes the package when its fields are cleared', async () => {
    expect((await post(form({}))).status).toBe(303)
    expect((await stored()).affectedProducts[0]).not.toHaveProperty('package')
  })
})

describe('the API', () => {
  it('takes the package and answers it in the editor\'s JSON; a wrong one is a field error', async () => {
    const pkg = { ecosystem: 'Maven', name: 'jp.example:wr-client', ranges: [{ introduced: '3.0', fixed: '3.1' }], versions: ['3.0'] }
    const body = draftBody(seed, { affectedProducts: [{ developer: 'Sample Electric', product: 'WR client', versions: '3.0', package: pkg }] })
    const res = await t.app.request(`/api/v1/cases/${seed.caseId}/advisory`, jsonRequest('PUT', body, seed.coordinator.token))
    expect(res.status).toBe(200)
    const json = await res.json()
    expect(json.advisory.content.affectedProducts[0].package).toEqual({ ...pkg, purl: null, ranges: [{ introduced: '3.0', fixed: '3.1', lastAffected: null }] })
    const bad = await t.app.request(`/api/v1/cases/${seed.caseId}/advisory?lang=ja`, jsonRequest('PUT', draftBody(seed, {
      affectedProducts: [{ developer: 'Sample Electric', product: 'WR client', package: { ecosystem: 'npm', name: 'x', ranges: [{ fixed: '1.0.0', lastAffected: '1.0.0' }] } }],
    }), seed.coordinator.token))
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.details.fields['affectedProducts.0.package.ranges.0.lastAffected'])
      .toBe('修正されたバージョンと影響を受ける最後のバージョンは、どちらか一方だけを入力してください。')
  })
})

describe('content stored before packages existed', () => {
  it('still reads, and the editor shows its products with empty package fields', async () => {
    const old = { title: { ja: '旧', en: 'Old' }, affectedProducts: [{ developer: { ja: '旧社', en: 'Old Co.' }, product: { ja: '旧製品', en: 'Old product' }, versions: { ja: '1', en: '1' }, cpe: null }] }
    expect(readContent(old).affectedProducts).toEqual([{ developer: { ja: '旧社', en: 'Old Co.' }, product: { ja: '旧製品', en: 'Old product' }, versions: { ja: '1', en: '1' }, cpe: null }])
    await sql`update advisories set content = ${JSON.stringify(old)}::jsonb where case_id = ${seed.caseId}`.execute(t.db)
    const html = await editor()
    expect(valueOf(html, 'p_product_en_0')).toBe('Old product')
    expect(valueOf(html, 'p_pkg_ecosystem_0')).toBe('')
    expect(valueOf(html, 'p_pkg_name_0')).toBe('')
  })
})

describe('the ecosystems offered', () => {
  it('are exactly those of the OSV schema', () => {
    const schema = JSON.parse(readFileSync(new URL('../../test/fixtures/osv/schema.json', import.meta.url), 'utf8'))
    expect([...OSV_ECOSYSTEMS]).toEqual(schema.$defs.ecosystemName.enum)
  })
})

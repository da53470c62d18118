import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, createUser, signInBrowser } from '../../test/support/clients.js'
import { walkToNotifiedDeveloper } from '../../test/support/story.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-01T01:00:00Z' }) })
afterAll(async () => { await t.close() })

const router = { name: { ja: '無線ルーター WR-1000', en: 'Wireless router WR-1000' }, versions: '1.0 – 1.2.3', cpe: 'cpe:2.3:h:sample:wr-1000:*:*:*:*:*:*:*:*', supportEndDate: '2025-12-31' }
const count = async () => Number((await t.db.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
const types = (timeline: { type: string }[]) => timeline.map((e) => e.type)

describe('a developer organisation\'s catalogue', () => {
  it('is kept by the organisation\'s members: a product with its support end and a status the date decides', async () => {
    const s = await walkToNotifiedDeveloper(t)
    const made = await s.developer.api.post(`/api/v1/organizations/${s.orgId}/products`, router)
    expect(made.status, JSON.stringify(made.json)).toBe(201)
    expect(made.json).toMatchObject({ name: router.name, cpe: router.cpe, supportEndDate: '2025-12-31', status: 'end_of_life', organizationId: s.orgId })
    const current = await s.developer.api.post(`/api/v1/organizations/${s.orgId}/products`, { name: { ja: 'NAS-9', en: 'NAS-9' }, supportEndDate: '2030-03-31' })
    expect(current.json.status).toBe('supported')
    const undated = await s.developer.api.post(`/api/v1/organizations/${s.orgId}/products`, { name: { ja: '旧型カメラ', en: 'Old camera' }, status: 'end_of_life' })
    expect(undated.json).toMatchObject({ supportEndDate: null, status: 'end_of_life', endedWithoutDate: true })
    const list = await s.coordinator.api.get(`/api/v1/organizations/${s.orgId}/products`)
    expect(list.json.products.map((p: { name: { ja: string } }) => p.name.ja)).toEqual(['NAS-9', '旧型カメラ', '無線ルーター WR-1000'])

    const page = await s.developerBrowser.get('/my/products')
    expect(page.status).toBe(200)
    expect(page.text).toContain('無線ルーター WR-1000')
    expect(page.text).toContain('data-status="end_of_life"')
    expect(page.text).toContain('cpe:2.3:h:sample:wr-1000')
  })

  it('refuses a malformed CPE, an impossible date and a status the date contradicts, saving nothing', async () => {
    const s = await walkToNotifiedDeveloper(t)
    const before = await count()
    for (const [body, field] of [
      [{ ...router, cpe: 'cpe:/h:sample:wr-1000' }, 'cpe'],
      [{ ...router, cpe: 'cpe:2.3:h:sample:wr-1000:*:*' }, 'cpe'],
      [{ ...router, cpe: 'cpe:2.3:h:sample:wr!1000:*:*:*:*:*:*:*:*' }, 'cpe'],
      [{ ...router, cpe: 'cpe:2.3:h:サンプル電機:wr-1000:*:*:*:*:*:*:*:*' }, 'cpe'],
      [{ ...router, cpe: 'cpe:2.3:h:sample:wr 1000:*:*:*:*:*:*:*:*' }, 'cpe'],
      [{ ...router, cpe: 'cpe:2.3:h:sample:wr-1000:1.*.3:*:*:*:*:*:*:*' }, 'cpe'],
      [{ ...router, cpe: 'cpe:2.3:h:sample:wr-1000:*:*:*:japanese:*:*:*:*' }, 'cpe'],
      [{ ...router, cpe: 'cpe:2.3:x:sample:wr-1000:*:*:*:*:*:*:*:*' }, 'cpe'],
      [{ ...router, cpe: 'cpe:2.3:h:sample::*:*:*:*:*:*:*:*' }, 'cpe'],
      [{ ...router, supportEndDate: '2026-02-30' }, 'supportEndDate'],
      [{ ...router, supportEndDate: '2030-01-01', status: 'end_of_life' }, 'status'],
      [{ ...router, name: { ja: '', en: 'x' } }, 'name.ja'],
    ] as const) {
      const bad = await s.developer.api.post(`/api/v1/organizations/${s.orgId}/products`, body)
      expect(bad.status, JSON.stringify(body)).toBe(400)
      expect(bad.json.error.code).toBe('request.invalid')
      expect(JSON.stringify(bad.json.error.details), JSON.stringify(body)).toContain(field)
    }
    expect(await count()).toBe(before)
    const coordinator = browserClient(t)
    await signInBrowser(t, coordinator, s.coordinator)
    await coordinator.get(`/organizations/${s.orgId}/products/new`)
    const form = await coordinator.post(`/organizations/${s.orgId}/products`, { nameJa: 'ルーター', nameEn: 'Router', cpe: 'not a cpe' })
    expect(form.status).toBe(400)
    expect(form.text).toContain('value="ルーター"')
    expect(await count()).toBe(before)
  })

  it('shows on the organisation\'s page to coordinators, with a way to add a product', async () => {
    const s = await walkToNotifiedDeveloper(t)
    await s.developer.api.post(`/api/v1/organizations/${s.orgId}/products`, router)
    const coordinator = browserClient(t)
    await signInBrowser(t, coordinator, s.coordinator)
    const page = await coordinator.get(`/organizations/${s.orgId}`)
    expect(page.status).toBe(200)
    const section = page.text.slice(page.text.indexOf('data-section="products"'))
    expect(section).toContain('無線ルーター WR-1000')
    expect(section).toContain(`/organizations/${s.orgId}/products/new`)
  })

  it('takes CPE names as the NVD dictionary writes them: quoted punctuation, wildcards at the ends, language tags', async () => {
    const s = await walkToNotifiedDeveloper(t)
    for (const cpe of [
      'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*',
      'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*',
      'cpe:2.3:a:sample\\:labs:router\\!admin:1.?:*:*:ja-jp:*:*:*:*',
      'cpe:2.3:o:sample:firmware:*2.0:*:*:es-419:*:*:*:*',
    ]) {
      const made = await s.developer.api.post(`/api/v1/organizations/${s.orgId}/products`, { name: { ja: cpe, en: cpe }, cpe })
      expect(made.status, `${cpe}: ${JSON.stringify(made.json)}`).toBe(201)
      expect(made.json.cpe).toBe(cpe)
    }
  })

  it('is nobody else\'s business: another developer, a finder and anonymous callers get 404', async () => {
    const s = await walkToNotifiedDeveloper(t)
    const made = await s.developer.api.post(`/api/v1/organizations/${s.orgId}/products`, router)
    const other = await walkToNotifiedDeveloper(t, { orgName: '別の電機' })
    const finder = await createUser(t)
    for (const client of [other.developer.api, finder.api]) {
      expect((await client.get(`/api/v1/organizations/${s.orgId}/products`)).status).toBe(404)
      expect((await client.get(`/api/v1/products/${made.json.id}`)).status).toBe(404)
      expect((await client.put(`/api/v1/products/${made.json.id}`, { ...router, supportEndDate: '2099-01-01' })).status).toBe(404)
      expect((await client.delete(`/api/v1/products/${made.json.id}`)).status).toBe(404)
    }
    expect([401, 404]).toContain((await apiClient(t).get(`/api/v1/products/${made.json.id}`)).status)
    expect((await s.developer.api.get(`/api/v1/products/${made.json.id}`)).json.supportEndDate).toBe('2025-12-31')
    const page = await other.developerBrowser.get(`/products/${made.json.id}`)
    expect(page.status).toBe(404)
    expect(page.text).not.toContain('WR-1000')
  })
})

describe('the products of a case', () => {
  it('are picked by the coordinator from the case\'s developers\' catalogues only', async () => {
    const s = await walkToNotifiedDeveloper(t)
    const mine = await s.developer.api.post(`/api/v1/organizations/${s.orgId}/products`, router)
    const other = await walkToNotifiedDeveloper(t, { orgName: '無関係電機' })
    const theirs = await other.developer.api.post(`/api/v1/organizations/${other.orgId}/products`, { name: { ja: '他社製品', en: 'Other product' } })
    const refused = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/products`, { productId: theirs.json.id })
    expect(refused.status).toBe(400)
    const picked = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/products`, { productId: mine.json.id, versionsAffected: '1.2.3 以前' })
    expect(picked.status).toBe(201)
    expect(picked.json.products).toEqual([expect.objectContaining({ id: mine.json.id, versionsAffected: '1.2.3 以前', organization: { id: s.orgId, name: { ja: 'サンプル電機株式会社', en: 'Sample Electric Co.' } } })])
    expect((await s.developer.api.get(`/api/v1/cases/${s.caseId}/products`)).status).toBe(404)
    // a product a case uses cannot be deleted
    const del = await s.developer.api.delete(`/api/v1/products/${mine.json.id}`)
    expect(del.status).toBe(409)
    expect(del.json.error.code).toBe('products.in_use')
    const coordinator = browserClient(t)
    await signInBrowser(t, coordinator, s.coordinator)
    const page = await coordinator.get(`/cases/${s.caseId}?tab=advisory`)
    expect(page.text).toContain('data-section="case-products"')
    expect(page.text).toContain('1.2.3 以前')
    expect(types((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json.timeline)).toContain('product_picked')
    const removed = await s.coordinator.api.delete(`/api/v1/cases/${s.caseId}/products/${mine.json.id}`)
    expect(removed.json).toEqual({ removed: true })
    expect((await s.developer.api.delete(`/api/v1/products/${mine.json.id}`)).status).toBe(204)
  })

  it('are picked, put into the advisory and removed from the case page\'s forms', async () => {
    const s = await walkToNotifiedDeveloper(t)
    const product = await s.developer.api.post(`/api/v1/organizations/${s.orgId}/products`, router)
    const coordinator = browserClient(t)
    await signInBrowser(t, coordinator, s.coordinator)
    const before = await coordinator.get(`/cases/${s.caseId}?tab=advisory`)
    expect(before.text).toContain(`<option value="${product.json.id}"`)
    const picked = await coordinator.post(`/cases/${s.caseId}/products`, { productId: product.json.id, versionsAffected: '1.2 以前' })
    expect(picked.status).toBe(303)
    const after = await coordinator.get(`/cases/${s.caseId}?tab=advisory`)
    expect(after.text).toContain(`data-product="${product.json.id}"`)
    expect(after.text).toContain('1.2 以前')
    const filled = await coordinator.post(`/cases/${s.caseId}/advisory/products-from-catalogue`, {})
    expect(filled.status).toBe(303)
    const advisory = await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/advisory`)
    expect(advisory.json.advisory.content.affectedProducts).toEqual([{
      developer: { ja: 'サンプル電機株式会社', en: 'Sample Electric Co.' }, product: router.name, versions: { ja: '1.2 以前', en: '' }, cpe: router.cpe,
    }])
    expect((await coordinator.post(`/cases/${s.caseId}/products/${product.json.id}/removal`, {})).status).toBe(303)
    expect((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/products`)).json.products).toEqual([])
  })

  it('decide the case\'s end-of-life handling: the product\'s support end, changed in the catalogue, changes it', async () => {
    const s = await walkToNotifiedDeveloper(t)
    const product = await s.developer.api.post(`/api/v1/organizations/${s.orgId}/products`, { ...router, supportEndDate: '2030-12-31' })
    await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/products`, { productId: product.json.id })
    expect((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/end-of-life`)).json).toMatchObject({ supportEndDate: '2030-12-31', pastEndOfSupport: false, productId: product.json.id })
    expect((await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'B' })).status).toBe(409)

    // the developer says support ended last year
    const changed = await s.developer.api.put(`/api/v1/products/${product.json.id}`, { ...router, supportEndDate: '2025-03-31' })
    expect(changed.json.status).toBe('end_of_life')
    expect((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/end-of-life`)).json).toMatchObject({ supportEndDate: '2025-03-31', pastEndOfSupport: true, productName: '無線ルーター WR-1000' })
    expect(types((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json.timeline)).toContain('product_support_end_changed')
    const chosen = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'B', note: '修正版を提供' })
    expect(chosen.status, JSON.stringify(chosen.json)).toBe(200)

    // support ended with the date unknown counts too
    const t2 = await walkToNotifiedDeveloper(t)
    const old = await t2.developer.api.post(`/api/v1/organizations/${t2.orgId}/products`, { name: { ja: '旧型', en: 'Old' }, status: 'end_of_life' })
    await t2.coordinator.api.post(`/api/v1/cases/${t2.caseId}/products`, { productId: old.json.id })
    expect((await t2.coordinator.api.get(`/api/v1/cases/${t2.caseId}/end-of-life`)).json).toMatchObject({ supportEndDate: null, endedWithoutDate: true, pastEndOfSupport: true })
  })

  it('setting the support end on the case (the older way) records it on the case\'s product in the catalogue', async () => {
    const s = await walkToNotifiedDeveloper(t)
    const set = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/end-of-life`, { supportEndDate: '2025-12-31', productName: 'WR-1000', productVersion: '1.x' })
    expect(set.status).toBe(200)
    const catalogue = await s.developer.api.get(`/api/v1/organizations/${s.orgId}/products`)
    expect(catalogue.json.products).toEqual([expect.objectContaining({ name: { ja: 'WR-1000', en: 'WR-1000' }, supportEndDate: '2025-12-31', status: 'end_of_life', cases: 1 })])
  })

  it('share a support end set on one case the older way, and every other case concerning the product records the change', async () => {
    const s = await walkToNotifiedDeveloper(t)
    const product = await s.developer.api.post(`/api/v1/organizations/${s.orgId}/products`, { ...router, supportEndDate: '2030-12-31' })
    const other = await walkToNotifiedDeveloper(t, { orgName: '組込機器メーカー' })
    expect((await other.coordinator.api.post(`/api/v1/cases/${other.caseId}/parties`, { organizationId: s.orgId })).status).toBe(201)
    expect((await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/products`, { productId: product.json.id })).status).toBe(201)
    expect((await other.coordinator.api.post(`/api/v1/cases/${other.caseId}/products`, { productId: product.json.id })).status).toBe(201)

    const set = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/end-of-life`, { supportEndDate: '2025-03-31', productName: router.name.ja })
    expect(set.status, JSON.stringify(set.json)).toBe(200)
    expect((await other.coordinator.api.get(`/api/v1/cases/${other.caseId}/end-of-life`)).json).toMatchObject({ supportEndDate: '2025-03-31', pastEndOfSupport: true })
    expect(types((await other.coordinator.api.get(`/api/v1/cases/${other.caseId}`)).json.timeline)).toContain('product_support_end_changed')
    const recorded = await t.db.selectFrom('case_events').select('data').where('case_id', '=', other.caseId).where('type', '=', 'product_support_end_changed').execute()
    expect(recorded.map((e) => e.data)).toEqual([expect.objectContaining({ productId: product.json.id, supportEndDate: '2025-03-31', previousSupportEndDate: '2030-12-31' })])
    // the case it was set on records it as its own support_end_set, once
    const ownTimeline = types((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json.timeline)
    expect(ownTimeline).toContain('support_end_set')
    expect(ownTimeline).not.toContain('product_support_end_changed')
  })

  it('fill the advisory\'s affected products, keeping the coordinator\'s other rows', async () => {
    const s = await walkToNotifiedDeveloper(t)
    const none = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/products-from-catalogue`)
    expect(none.status).toBe(409)
    expect(none.json.error.code).toBe('products.none_on_case')
    const product = await s.developer.api.post(`/api/v1/organizations/${s.orgId}/products`, router)
    await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/products`, { productId: product.json.id, versionsAffected: '1.2.3 以前' })
    const draft = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, {
      title: { ja: '無線ルーターにおける XSS', en: 'XSS in a wireless router' },
      overview: { ja: '概要', en: 'Overview' }, description: { ja: '', en: '' }, impact: { ja: '', en: '' }, solution: { ja: '', en: '' },
      affectedProducts: [{ developer: 'サンプル電機株式会社', product: '無線ルーター WR-1000', versions: '古い記載' }, { developer: '部品メーカー', product: 'HTTP ライブラリ', versions: '2.x' }],
    })
    expect(draft.status, JSON.stringify(draft.json)).toBe(200)
    const filled = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/products-from-catalogue`)
    expect(filled.status, JSON.stringify(filled.json)).toBe(200)
    const advisory = await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/advisory`)
    expect(advisory.json.advisory.content.affectedProducts).toEqual([
      // Names and versions from the catalogue in both languages; the other row as the API took its bare strings.
      { developer: { ja: 'サンプル電機株式会社', en: 'Sample Electric Co.' }, product: router.name, versions: { ja: '1.2.3 以前', en: '' }, cpe: router.cpe },
      { developer: { ja: '部品メーカー', en: '' }, product: { ja: 'HTTP ライブラリ', en: '' }, versions: { ja: '2.x', en: '2.x' }, cpe: null },
    ])
    expect(advisory.json.advisory.content.title.ja).toBe('無線ルーターにおける XSS')
  })
})

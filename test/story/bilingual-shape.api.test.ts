import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { browserClient, signInBrowser, type TestUser } from '../support/clients.js'
import { walkToNotifiedDeveloper } from '../support/story.js'
import { alertBody } from '../../src/alerts/alerts.test-support.js'

/**
 * Bilingual text has one shape in the API, `{ ja, en }` under a name without a language suffix.
 * The old flat pairs (`nameJa` / `nameEn`, …) still work for one release, answered with
 * `Deprecation` (RFC 9745) and a link to the OpenAPI document; a body with both shapes is a 400.
 */
let t: TestApp
let s: Awaited<ReturnType<typeof walkToNotifiedDeveloper>>
let intake: TestUser
let coordinator: TestUser

type Res = { status: number; json: any; headers: Headers }
const DEPRECATED_AT = '@1796428800'
function expectDeprecated(res: Res) {
  expect(res.headers.get('deprecation')).toBe(DEPRECATED_AT)
  expect(res.headers.get('link')).toBe('</api/v1/openapi.json>; rel="deprecation"; type="application/json"')
}
const expectCurrent = (res: Res) => expect(res.headers.get('deprecation')).toBeNull()
const count = async (table: 'organizations' | 'cases' | 'advisories') =>
  Number((await t.db.selectFrom(table).select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  s = await walkToNotifiedDeveloper(t)
  coordinator = s.coordinator
  intake = s.intake
})
afterAll(async () => { await t.close() })

describe('organisation names', () => {
  it('registers a developer organisation from name: { ja, en } and shows the names in that shape', async () => {
    const res = await coordinator.api.post('/api/v1/organizations', { name: { ja: '新形式電機', en: 'New Shape Electric' } })
    expect(res.status, JSON.stringify(res.json)).toBe(201)
    expectCurrent(res)
    const one = await coordinator.api.get(`/api/v1/organizations/${res.json.id}`)
    expect(one.json.org).toMatchObject({ name: { ja: '新形式電機', en: 'New Shape Electric' } })
    const list = await coordinator.api.get('/api/v1/organizations')
    expect(list.json.organizations.find((o: any) => o.id === res.json.id).name).toEqual({ ja: '新形式電機', en: 'New Shape Electric' })
  })

  it('still takes nameJa / nameEn for one release, saying so in the Deprecation and Link headers', async () => {
    const res = await coordinator.api.post('/api/v1/organizations', { nameJa: '旧形式電機', nameEn: 'Old Shape Electric' })
    expect(res.status, JSON.stringify(res.json)).toBe(201)
    expectDeprecated(res)
    expect((await coordinator.api.get(`/api/v1/organizations/${res.json.id}`)).json.org.name).toEqual({ ja: '旧形式電機', en: 'Old Shape Electric' })
  })

  it('refuses a body that gives name and nameJa together, naming the field, and stores nothing', async () => {
    const before = await count('organizations')
    const res = await coordinator.api.post('/api/v1/organizations', { name: { ja: '混在', en: 'Mixed' }, nameJa: '混在' })
    expect(res.status).toBe(400)
    expect(res.json.error.code).toBe('request.invalid')
    expect(res.json.error.details.fields.name).toMatch(/either name: \{ ja, en \} or the deprecated nameJa \/ nameEn/)
    expect(await count('organizations')).toBe(before)
  })

  it('names a missing language of the new shape in the field errors', async () => {
    const res = await coordinator.api.post('/api/v1/organizations', { name: { ja: '英語名なし' } })
    expect(res.status).toBe(400)
    expect(res.json.error.details.fields).toHaveProperty(['name.en'])
  })

  it('registers website operators in both shapes, the old one deprecated', async () => {
    const current = await intake.api.post('/api/v1/operators', { name: { ja: '新形式市', en: 'New Shape City' }, orgType: 'local_government' })
    expect(current.status, JSON.stringify(current.json)).toBe(201)
    expectCurrent(current)
    const legacy = await intake.api.post('/api/v1/operators', { nameJa: '旧形式市', nameEn: 'Old Shape City', orgType: 'local_government' })
    expect(legacy.status, JSON.stringify(legacy.json)).toBe(201)
    expectDeprecated(legacy)
    const shown = await intake.api.get(`/api/v1/operators/${legacy.json.id}`)
    expect(shown.json).toMatchObject({ name: { ja: '旧形式市', en: 'Old Shape City' }, nameJa: '旧形式市', nameEn: 'Old Shape City' })
    const mixed = await intake.api.post('/api/v1/operators', { name: { ja: 'x', en: 'x' }, nameEn: 'x', orgType: 'company' })
    expect(mixed.status).toBe(400)
  })

  it('registers critical-infrastructure organisations in both shapes, the old one deprecated', async () => {
    const current = await coordinator.api.post('/api/v1/priority-information/organizations', { name: { ja: '新形式電力', en: 'New Shape Power' }, sector: 'electricity' })
    expect(current.status, JSON.stringify(current.json)).toBe(201)
    expectCurrent(current)
    const legacy = await coordinator.api.post('/api/v1/priority-information/organizations', { nameJa: '旧形式電力', nameEn: 'Old Shape Power', sector: 'electricity' })
    expect(legacy.status, JSON.stringify(legacy.json)).toBe(201)
    expectDeprecated(legacy)
    const shown = await coordinator.api.get(`/api/v1/priority-information/organizations/${legacy.json.id}`)
    expect(shown.json.name).toEqual({ ja: '旧形式電力', en: 'Old Shape Power' })
  })

  it('keeps the HTML form with its own field names, and names its errors after them', async () => {
    const b = browserClient(t)
    await signInBrowser(t, b, coordinator)
    await b.get('/organizations/new')
    const refused = await b.post('/organizations', { nameJa: 'フォーム電機', nameEn: '' })
    expect(refused.status).toBe(400)
    expect(refused.text).toMatch(/<input id="nameEn"[^>]*aria-invalid="true"[^>]*aria-describedby="nameEn-error"/)
    expect(refused.text).toContain('<p class="field-error" id="nameEn-error">必須項目です。</p>')
    const saved = await b.post('/organizations', { nameJa: 'フォーム電機', nameEn: 'Form Electric' })
    expect(saved.status).toBe(303)
  })
})

describe("a developer's statement", () => {
  const answer = (path: string, body: object) => s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/${path}`, body)
  const statementShown = async () => (await coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json.parties.find((p: any) => p.id === s.partyId).statement

  it('still takes statementJa / statementEn for one release, deprecated', async () => {
    const res = await answer('response', { response: 'vulnerable', statementJa: '旧形式の声明', statementEn: 'Old-shape statement' })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expectDeprecated(res)
    expect(await statementShown()).toEqual({ ja: '旧形式の声明', en: 'Old-shape statement' })
  })

  it('takes statement: { ja, en }, either language alone', async () => {
    const res = await answer('response', { response: 'vulnerable', statement: { ja: '新形式の声明' } })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expectCurrent(res)
    expect(await statementShown()).toEqual({ ja: '新形式の声明', en: null })
  })

  it('refuses statement together with statementEn', async () => {
    const res = await answer('response', { response: 'vulnerable', statement: { ja: 'x' }, statementEn: 'x' })
    expect(res.status).toBe(400)
    expect(res.json.error.details.fields).toHaveProperty('statement')
    expect(await statementShown()).toEqual({ ja: '新形式の声明', en: null })
  })
})

describe('advisory vulnerabilities and revision notes', () => {
  const empty = { ja: '', en: '' }
  const draft = (vulnerabilities: object[]) => ({ title: { ja: '形式の確認', en: 'Shape check' }, overview: empty, description: empty, impact: empty, solution: empty, vulnerabilities })

  it('takes each vulnerability title as title: { ja, en } and answers with that shape', async () => {
    const res = await coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, draft([{ title: { ja: '新形式 XSS', en: 'New-shape XSS' }, cweId: 'CWE-79' }]))
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expectCurrent(res)
    expect(res.json.vulnerabilities[0]).toMatchObject({ title: { ja: '新形式 XSS', en: 'New-shape XSS' }, titleJa: '新形式 XSS', titleEn: 'New-shape XSS' })
  })

  it('still takes titleJa / titleEn per vulnerability for one release, deprecated', async () => {
    const id = (await coordinator.api.get(`/api/v1/cases/${s.caseId}/advisory`)).json.vulnerabilities[0].id
    const res = await coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, draft([{ id, titleJa: '旧形式 XSS', titleEn: 'Old-shape XSS', cweId: 'CWE-79' }]))
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expectDeprecated(res)
    expect(res.json.vulnerabilities.map((v: any) => v.title)).toEqual([{ ja: '旧形式 XSS', en: 'Old-shape XSS' }])
  })

  it('refuses a vulnerability with both shapes, naming it, and keeps the draft', async () => {
    const res = await coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, draft([
      { title: { ja: 'a', en: 'a' } }, { title: { ja: 'b', en: 'b' }, titleJa: 'b' },
    ]))
    expect(res.status).toBe(400)
    expect(res.json.error.details.fields).toHaveProperty(['vulnerabilities.1.title'])
    const kept = (await coordinator.api.get(`/api/v1/cases/${s.caseId}/advisory`)).json.vulnerabilities
    expect(kept.map((v: any) => v.title.ja)).toEqual(['旧形式 XSS'])
  })

  it('reads noteJa / noteEn of a revision as note, deprecated, before it refuses to revise an advisory not yet published', async () => {
    const legacy = await coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/revisions`, { noteJa: '更新', noteEn: 'Updated' })
    // A 409 about the case's state, not a 400: the old shape passed validation.
    expect(legacy.status).toBe(409)
    expect(legacy.json.error.code).toBe('coordination.invalid_transition')
    expectDeprecated(legacy)
    const current = await coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/revisions`, { note: { ja: '更新', en: 'Updated' } })
    expect(current.json.error.code).toBe('coordination.invalid_transition')
    expectCurrent(current)
    const mixed = await coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/revisions`, { note: { ja: '更新', en: 'Updated' }, noteEn: 'Updated' })
    expect(mixed.status).toBe(400)
  })

  it('reads an alert revision note the same way', async () => {
    const created = await intake.api.post('/api/v1/staff/alerts', alertBody())
    expect(created.status).toBe(201)
    const path = `/api/v1/staff/alerts/${created.json.id}/revisions`
    const legacy = await intake.api.post(path, { noteJa: '更新', noteEn: 'Updated' })
    expect(legacy.json.error.code).toBe('alerts.not_published')
    expectDeprecated(legacy)
    const current = await intake.api.post(path, { note: { ja: '更新', en: 'Updated' } })
    expect(current.json.error.code).toBe('alerts.not_published')
    expectCurrent(current)
    expect((await intake.api.post(path, { note: { ja: '', en: 'Updated' } })).json.error.details.fields).toHaveProperty(['note.ja'])
  })
})

describe('self-reports', () => {
  const selfReport = (text: object, cveId: string) => ({
    productName: 'Shape NAS', productVersions: '1.0', description: '説明', fixDescription: '1.1 で修正', cveId, ...text,
  })
  const stored = async (caseId: string) => ({
    title: await t.db.selectFrom('vulnerabilities').select(['title_ja', 'title_en']).where('case_id', '=', caseId).executeTakeFirstOrThrow(),
    statement: await t.db.selectFrom('case_parties').select(['statement_ja', 'statement_en']).where('case_id', '=', caseId).executeTakeFirstOrThrow(),
  })

  it('takes vulnerabilityTitle and statement as { ja, en }, English optional', async () => {
    const res = await s.developer.api.post('/api/v1/self-reports', selfReport({ vulnerabilityTitle: { ja: '新形式の脆弱性' }, statement: { ja: '更新してください', en: 'Please update' } }, 'CVE-2026-40001'))
    expect(res.status, JSON.stringify(res.json)).toBe(201)
    expectCurrent(res)
    expect(await stored(res.json.caseId)).toEqual({
      title: { title_ja: '新形式の脆弱性', title_en: '新形式の脆弱性' }, statement: { statement_ja: '更新してください', statement_en: 'Please update' },
    })
  })

  it('still takes vulnerabilityTitleJa / En and statementJa / En for one release, deprecated', async () => {
    const res = await s.developer.api.post('/api/v1/self-reports', selfReport({
      vulnerabilityTitleJa: '旧形式の脆弱性', vulnerabilityTitleEn: 'Old-shape flaw', statementJa: '旧形式', statementEn: 'Old shape',
    }, 'CVE-2026-40002'))
    expect(res.status, JSON.stringify(res.json)).toBe(201)
    expectDeprecated(res)
    expect(await stored(res.json.caseId)).toEqual({
      title: { title_ja: '旧形式の脆弱性', title_en: 'Old-shape flaw' }, statement: { statement_ja: '旧形式', statement_en: 'Old shape' },
    })
  })
})

describe('coordination requests and their vendors', () => {
  const request = (ref: string, vulnerabilities: object[]) => ({
    sourceName: 'CERT/CC', sourceReference: ref, receivedOn: '2026-03-31', title: '形式', summary: 's', vulnerabilities,
  })

  it('takes vulnerability titles, vendor names and a recorded answer in both shapes, the old one deprecated', async () => {
    const current = await coordinator.api.post('/api/v1/coordination-requests', request('VU#900001', [{ title: { ja: '新形式', en: 'New shape' } }]))
    expect(current.status, JSON.stringify(current.json)).toBe(201)
    expectCurrent(current)
    const legacy = await coordinator.api.post('/api/v1/coordination-requests', request('VU#900002', [{ titleJa: '旧形式', titleEn: 'Old shape' }]))
    expect(legacy.status, JSON.stringify(legacy.json)).toBe(201)
    expectDeprecated(legacy)
    const caseId = legacy.json.caseId
    expect((await coordinator.api.get(`/api/v1/cases/${caseId}`)).json.vulnerabilities[0].title).toEqual({ ja: '旧形式', en: 'Old shape' })

    const vendors = await coordinator.api.post(`/api/v1/cases/${caseId}/vendors`, {
      organizations: [
        { name: { ja: '新形式ベンダ', en: 'New Shape Vendor' }, contact: { name: 'PSIRT', email: 'psirt@new-shape.example' } },
        { nameJa: '旧形式ベンダ', nameEn: 'Old Shape Vendor', contact: { name: 'PSIRT', email: 'psirt@old-shape.example' } },
      ],
    })
    expect(vendors.status, JSON.stringify(vendors.json)).toBe(201)
    expectDeprecated(vendors)
    const names = await t.db.selectFrom('organizations').select(['name_ja', 'name_en']).where('name_en', 'like', '% Shape Vendor').orderBy('name_en').execute()
    expect(names).toEqual([{ name_ja: '新形式ベンダ', name_en: 'New Shape Vendor' }, { name_ja: '旧形式ベンダ', name_en: 'Old Shape Vendor' }])

    await coordinator.api.post(`/api/v1/cases/${caseId}/vendors/notify`)
    const parties = (await coordinator.api.get(`/api/v1/cases/${caseId}`)).json.parties
    const old = parties.find((p: any) => p.name.en === 'Old Shape Vendor')
    const answered = await coordinator.api.post(`/api/v1/cases/${caseId}/vendors/${old.id}/answer`, {
      response: 'vulnerable', statementJa: '修正済み', statementEn: 'Fixed', source: 'mail of 2026-04-02',
    })
    expect(answered.status, JSON.stringify(answered.json)).toBe(201)
    expectDeprecated(answered)
    const after = (await coordinator.api.get(`/api/v1/cases/${caseId}`)).json.parties.find((p: any) => p.id === old.id)
    expect(after.statement).toEqual({ ja: '修正済み', en: 'Fixed' })
  })
})

describe('the OpenAPI document', () => {
  it('shows the { ja, en } shape, the old fields as deprecated, and the Deprecation header', async () => {
    const doc = (await coordinator.api.get('/api/v1/openapi.json')).json
    expect(doc.info.description).toContain('accepted until the next release')
    const org = doc.paths['/api/v1/organizations'].post
    const schema = org.requestBody.content['application/json'].schema
    expect(schema.properties.name).toMatchObject({ type: 'object', required: ['ja', 'en'] })
    expect(schema.properties.nameJa).toMatchObject({ type: 'string', deprecated: true })
    expect(schema.properties.nameEn).toMatchObject({ type: 'string', deprecated: true })
    expect(schema.required ?? []).not.toContain('name')
    expect(schema.allOf).toEqual([{ anyOf: [{ required: ['name'] }, { required: ['nameJa', 'nameEn'] }] }])
    expect(org.responses['201'].headers).toHaveProperty('Deprecation')

    const vuln = doc.paths['/api/v1/cases/{caseId}/advisory'].put.requestBody.content['application/json'].schema.properties.vulnerabilities.items
    expect(vuln.properties.title).toMatchObject({ type: 'object' })
    expect(vuln.properties.titleJa.deprecated).toBe(true)
    const revision = doc.paths['/api/v1/cases/{caseId}/advisory/revisions'].post.requestBody.content['application/json'].schema
    expect(revision.properties.noteEn.deprecated).toBe(true)
    expect(revision.properties.advisory.properties.vulnerabilities.items.properties.titleEn.deprecated).toBe(true)
    // Operations without bilingual fields say nothing about deprecation.
    expect(doc.paths['/api/v1/organizations/{id}/contacts'].post.responses['201'].headers).toBeUndefined()
  })
})

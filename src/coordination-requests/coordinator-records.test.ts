import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser, type BrowserClient, type TestUser } from '../../test/support/clients.js'

/** What a coordinator records for others: a vendor's e-mailed answer, and a moved embargo. */
let t: TestApp
let coordinator: TestUser
let b: BrowserClient
let caseId = ''
let vulnIds: string[] = []
let partyIds: string[] = []
const NOTE = 'mail of 2026-04-03 from PSIRT <script>alert(1)</script>'

const eventsOf = (type: string) => t.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).where('type', '=', type).orderBy('id').execute()
const partyRow = (id: string) => t.db.selectFrom('case_parties').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  coordinator = await createUser(t, { roles: ['coordinator'], name: 'Coordinator Kato' })
  b = browserClient(t)
  await signInBrowser(t, b, coordinator)
  const opened = await coordinator.api.post('/api/v1/coordination-requests', {
    sourceName: 'CERT/CC', sourceReference: 'VU#777001', receivedOn: '2026-03-31', title: 'ルータの脆弱性', summary: 's',
    agreedPublicationAt: '2026-05-20T01:00:00Z',
    vulnerabilities: [{ title: { ja: 'XSS', en: 'XSS' }, cveId: 'CVE-2026-30001' }, { title: { ja: 'CSRF', en: 'CSRF' } }],
  })
  caseId = opened.json.caseId
  vulnIds = (await coordinator.api.get(`/api/v1/cases/${caseId}`)).json.vulnerabilities.map((v: any) => v.id)
  const added = await coordinator.api.post(`/api/v1/cases/${caseId}/vendors`, {
    organizations: [0, 1].map((i) => ({ name: { ja: `代理${i}株式会社`, en: `Proxy ${i} Inc.` }, contact: { name: 'PSIRT', email: `psirt@proxy${i}.example` } })),
  })
  expect(added.status).toBe(201)
  await coordinator.api.post(`/api/v1/cases/${caseId}/vendors/notify`)
  partyIds = (await t.db.selectFrom('case_parties').select('id').where('case_id', '=', caseId).orderBy('id').execute()).map((p) => p.id)
})
afterAll(async () => { await t.close() })

describe("recording a vendor's answer on its behalf", () => {
  it('refuses an answer without its source or with a foreign vulnerability, writing nothing', async () => {
    const before = (await t.db.selectFrom('case_events').select('id').where('case_id', '=', caseId).execute()).length
    const noSource = await coordinator.api.post(`/api/v1/cases/${caseId}/vendors/${partyIds[0]}/answer`, { response: 'vulnerable', source: '  ' })
    expect(noSource.status).toBe(400)
    expect(noSource.json.error.details.fields).toHaveProperty('source')
    const foreign = await coordinator.api.post(`/api/v1/cases/${caseId}/vendors/${partyIds[0]}/answer`, {
      response: 'vulnerable', source: 'mail', statuses: [{ vulnerabilityId: vulnIds[0], status: 'affected' }, { vulnerabilityId: 'nope', status: 'fixed' }],
    })
    expect(foreign.status).toBe(400)
    expect(foreign.json.error.details.fields).toHaveProperty(['statuses.1.vulnerabilityId'])
    expect((await partyRow(partyIds[0]!)).response).toBeNull()
    const statuses = await t.db.selectFrom('party_vulnerability_statuses').select('status').where('party_id', '=', partyIds[0]!).execute()
    expect(statuses.map((s) => s.status)).toEqual(['unknown', 'unknown'])
    expect((await t.db.selectFrom('case_events').select('id').where('case_id', '=', caseId).execute()).length).toBe(before)
  })

  it("records response, statements and statuses as the vendor's answer, logged as recorded on its behalf", async () => {
    const res = await coordinator.api.post(`/api/v1/cases/${caseId}/vendors/${partyIds[0]}/answer`, {
      response: 'vulnerable', statement: { ja: '修正版を提供します', en: 'A fix is available' },
      statuses: [{ vulnerabilityId: vulnIds[0], status: 'affected' }, { vulnerabilityId: vulnIds[1], status: 'not_affected' }], source: NOTE,
    })
    expect(res.status, JSON.stringify(res.json)).toBe(201)
    expect(await partyRow(partyIds[0]!)).toMatchObject({ status: 'responded', response: 'vulnerable', statement_ja: '修正版を提供します', statement_en: 'A fix is available' })
    const kase = (await coordinator.api.get(`/api/v1/cases/${caseId}`)).json
    expect(kase.status).toBe('fix_in_progress')
    const m = (await coordinator.api.get(`/api/v1/cases/${caseId}/vendors`)).json
    expect(m.vendors.find((v: any) => v.partyId === partyIds[0]).statuses).toEqual({ [vulnIds[0]!]: 'affected', [vulnIds[1]!]: 'not_affected' })
    const [event] = await eventsOf('vendor_answer_recorded')
    expect(event).toMatchObject({ actor_user_id: coordinator.id, actor_label: 'Coordinator Kato' })
    expect(event!.data).toMatchObject({ onBehalfOf: partyIds[0], source: NOTE, response: 'vulnerable' })
  })

  it('shows the source note escaped on the vendor matrix, with a form for each notified vendor', async () => {
    const page = await b.get(`/cases/${caseId}/vendors`)
    expect(page.status).toBe(200)
    expect(page.text).not.toContain('<script>alert(1)</script>')
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page.text).toContain(`action="/cases/${caseId}/vendors/${partyIds[1]}/answer"`)
  })

  it('takes the answer from the form too; a missing note keeps what was typed', async () => {
    const bad = await b.post(`/cases/${caseId}/vendors/${partyIds[1]}/answer`, { response: 'not_vulnerable', statementJa: '影響なし<b>', source: '' })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('影響なし&lt;b&gt;')
    expect((await partyRow(partyIds[1]!)).response).toBeNull()
    await b.get(`/cases/${caseId}/vendors`)
    const ok = await b.post(`/cases/${caseId}/vendors/${partyIds[1]}/answer`, {
      response: 'not_vulnerable', statementJa: '影響なし', source: '電話 2026-04-02', [`status.${vulnIds[0]}`]: 'not_affected', [`status.${vulnIds[1]}`]: '',
    })
    expect(ok.status).toBe(303)
    expect(ok.location).toBe(`/cases/${caseId}/vendors?done=answered&n=1`)
    expect(await partyRow(partyIds[1]!)).toMatchObject({ response: 'not_vulnerable', statement_ja: '影響なし' })
    const statuses = await t.db.selectFrom('party_vulnerability_statuses').select(['vulnerability_id', 'status']).where('party_id', '=', partyIds[1]!).execute()
    // "unchanged" leaves the second vulnerability as the vendor matrix had it.
    expect(Object.fromEntries(statuses.map((s) => [s.vulnerability_id, s.status]))).toEqual({ [vulnIds[0]!]: 'not_affected', [vulnIds[1]!]: 'unknown' })
    expect((await eventsOf('vendor_answer_recorded')).map((e) => (e.data as any).source)).toEqual([NOTE, '電話 2026-04-02'])
  })
})

describe('changing the agreed publication date', () => {
  it('refuses a change without a reason, leaving the date as it was', async () => {
    const res = await coordinator.api.post(`/api/v1/cases/${caseId}/coordination-request/agreed-date`, { agreedPublicationAt: '2026-06-01T01:00:00Z' })
    expect(res.status).toBe(400)
    expect(res.json.error.details.fields).toHaveProperty('reason')
    const form = await b.post(`/cases/${caseId}/coordination-request/agreed-date`, { agreedPublicationAt: '2026-06-01T10:00', reason: ' ' })
    expect(form.status).toBe(400)
    const req = await t.db.selectFrom('coordination_requests').select('agreed_publication_at').where('case_id', '=', caseId).executeTakeFirstOrThrow()
    expect(req.agreed_publication_at?.toISOString()).toBe('2026-05-20T01:00:00.000Z')
    expect(await eventsOf('agreed_publication_changed')).toEqual([])
  })

  it('moves the date with a reason, logged with old and new dates', async () => {
    const res = await coordinator.api.post(`/api/v1/cases/${caseId}/coordination-request/agreed-date`,
      { agreedPublicationAt: '2026-06-01T01:00:00Z', reason: 'CERT/CC asked for <two> more weeks' })
    expect(res.status).toBe(200)
    const [event] = await eventsOf('agreed_publication_changed')
    expect(event!.data).toEqual({ from: '2026-05-20T01:00:00.000Z', to: '2026-06-01T01:00:00.000Z', reason: 'CERT/CC asked for <two> more weeks' })
    expect(event!.actor_user_id).toBe(coordinator.id)
    const list = (await coordinator.api.get('/api/v1/coordination-requests')).json.requests
    expect(list.find((r: any) => r.caseId === caseId).agreedPublicationAt).toBe('2026-06-01T01:00:00.000Z')
  })

  it('takes Japan time from the case page form and shows the new date there', async () => {
    const page = await b.get(`/cases/${caseId}?tab=report`)
    expect(page.text).toContain(`action="/cases/${caseId}/coordination-request/agreed-date"`)
    const res = await b.post(`/cases/${caseId}/coordination-request/agreed-date`, { agreedPublicationAt: '2026-06-03T10:00', reason: 'ベンダの修正遅延' })
    expect(res.status).toBe(303)
    const req = await t.db.selectFrom('coordination_requests').select('agreed_publication_at').where('case_id', '=', caseId).executeTakeFirstOrThrow()
    expect(req.agreed_publication_at?.toISOString()).toBe('2026-06-03T01:00:00.000Z')
    expect((await b.get(`/cases/${caseId}?tab=timeline`)).text).toContain('公表予定日時（エンバーゴ）を変更')
  })

  it('answers 404 for a case that came from no coordination request', async () => {
    const other = await coordinator.api.post('/api/v1/coordination-requests', {
      sourceName: 'CISA', sourceReference: 'X-1', receivedOn: '2026-03-31', title: 't', summary: 's', vulnerabilities: [{ title: { ja: 'a', en: 'a' } }],
    })
    await t.db.deleteFrom('coordination_requests').where('case_id', '=', other.json.caseId).execute()
    const res = await coordinator.api.post(`/api/v1/cases/${other.json.caseId}/coordination-request/agreed-date`, { agreedPublicationAt: '2026-06-01T01:00:00Z', reason: 'r' })
    expect(res.status).toBe(404)
  })
})

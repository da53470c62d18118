import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, createUser, lastMailTo, TEST_PASSWORD, type TestUser } from '../../test/support/clients.js'
import { createApiToken } from '../accounts/sessions.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'

/** A JVNVU# case as JPCERT/CC runs one: CERT/CC's request, 30 Japanese vendors, publication on the agreed date. */
const VENDORS = 30
const AGREED = '2026-05-20T01:00:00Z'
const vendorName = (i: number) => ({ ja: `ベンダ${String(i).padStart(2, '0')}株式会社`, en: `Vendor ${String(i).padStart(2, '0')} Inc.` })
const psirt = (i: number) => `psirt${i}@vendor${i}.example`

let t: TestApp
let coordinator: TestUser
let caseId = ''
let vulnIds: string[] = []
const vendors: { partyId: string; user: TestUser }[] = []

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  coordinator = await createUser(t, { roles: ['coordinator'], name: 'Coordinator Kato' })
})
afterAll(async () => { await t.close() })

describe('a 30-vendor JVNVU# case from request to publication', () => {
  it('opens an accepted overseas case from a CERT/CC request, with its vulnerabilities scored', async () => {
    const res = await coordinator.api.post('/api/v1/coordination-requests', {
      sourceName: 'CERT/CC', sourceReference: 'VU#123456', receivedOn: '2026-03-31',
      title: 'libexample における複数の脆弱性', summary: 'libexample 2.x を組み込んだ製品に影響。', agreedPublicationAt: AGREED,
      vulnerabilities: [
        { title: { ja: 'ヒープバッファオーバーフロー', en: 'Heap-based buffer overflow' }, cveId: 'CVE-2026-11111', cweId: 'CWE-122', cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        { title: { ja: '情報漏えい', en: 'Information disclosure' }, cveId: 'CVE-2026-11112', cweId: 'CWE-200' },
      ],
    })
    expect(res.status, JSON.stringify(res.json)).toBe(201)
    caseId = res.json.caseId
    const kase = (await coordinator.api.get(`/api/v1/cases/${caseId}`)).json
    expect(kase).toMatchObject({ status: 'accepted', source: 'overseas' })
    expect(kase.vulnerabilities.map((v: any) => [v.cve, v.cvss31?.score ?? null])).toEqual([['CVE-2026-11111', 9.8], ['CVE-2026-11112', null]])
    expect(kase.timeline.map((e: any) => e.type)).toEqual(['coordination_request_received'])
    vulnIds = kase.vulnerabilities.map((v: any) => v.id)
    const page = await t.app.request(`/cases/${caseId}`, { headers: { authorization: `Bearer ${coordinator.token}` } })
    const html = await page.text()
    expect(html).toContain('VU#123456')
    expect(html).toContain(`/cases/${caseId}/vendors`)
  })

  it('refuses the same request twice, writing nothing', async () => {
    const before = await t.db.selectFrom('cases').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    const again = await coordinator.api.post('/api/v1/coordination-requests', {
      sourceName: 'cert/cc', sourceReference: 'VU#123456', receivedOn: '2026-04-01', title: 'x', summary: 'x', vulnerabilities: [{ title: { ja: 'x', en: 'x' } }],
    })
    expect(again.status).toBe(409)
    expect(again.json.error).toMatchObject({ code: 'coordination_requests.duplicate_reference', details: { caseId } })
    const after = await t.db.selectFrom('cases').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toEqual(before.n)
  })

  it('adds 30 organisations with their contacts in one request', async () => {
    const res = await coordinator.api.post(`/api/v1/cases/${caseId}/vendors`, {
      organizations: Array.from({ length: VENDORS }, (_, i) => ({ name: { ja: vendorName(i).ja, en: vendorName(i).en }, contact: { name: 'PSIRT', email: psirt(i) } })),
    })
    expect(res.status, JSON.stringify(res.json)).toBe(201)
    expect(res.json).toMatchObject({ createdOrganizations: VENDORS, createdContacts: VENDORS, alreadyParties: 0 })
    expect(res.json.added).toHaveLength(VENDORS)
    const m = (await coordinator.api.get(`/api/v1/cases/${caseId}/vendors`)).json
    expect(m.counts).toMatchObject({ all: VENDORS, not_notified: VENDORS, notifiableNow: VENDORS, no_answer: 0 })
    expect(m.vendors[0].statuses).toEqual({ [vulnIds[0]!]: 'unknown', [vulnIds[1]!]: 'unknown' })
  })

  it('notifies all 30 at once: the first notification records the 起算日, each contact gets its own invitation', async () => {
    const res = await coordinator.api.post(`/api/v1/cases/${caseId}/vendors/notify`)
    expect(res.status).toBe(200)
    expect(res.json.notified).toHaveLength(VENDORS)
    expect(res.json.withoutContact).toEqual([])
    const kase = (await coordinator.api.get(`/api/v1/cases/${caseId}`)).json
    expect(kase).toMatchObject({ status: 'developer_notified', startDate: '2026-04-01' })
    expect((await coordinator.api.post(`/api/v1/cases/${caseId}/vendors/notify`)).json.notified).toEqual([])

    for (let i = 0; i < VENDORS; i++) {
      const mail = (await lastMailTo(t, psirt(i)))[0]!
      expect(mail.body_text).not.toContain('libexample')
      const path = new URL(mail.body_text.match(/https?:\/\/\S+\/invitations\/\S+/)![0]).pathname
      const b = browserClient(t)
      await b.get(path)
      const created = await b.post(path, { displayName: `PSIRT ${i}`, email: psirt(i), password: TEST_PASSWORD })
      expect(created.location).toBe(`/cases/${caseId}`)
      const u = await t.db.selectFrom('users').select(['id', 'organization_id']).where('email', '=', psirt(i)).executeTakeFirstOrThrow()
      const { token } = await createApiToken(t.db, u.id, 'vendor')
      const party = await t.db.selectFrom('case_parties').select('id').where('case_id', '=', caseId).where('organization_id', '=', u.organization_id!).executeTakeFirstOrThrow()
      vendors.push({ partyId: party.id, user: { id: u.id, email: psirt(i), token, totpSecret: null, api: apiClient(t, token) } })
    }
  })

  it('lets a vendor see only its own party, and not the matrix', async () => {
    const v = vendors[3]!
    const view = (await v.user.api.get(`/api/v1/cases/${caseId}`)).json
    expect(view.viewer).toBe('party')
    expect(view.parties.map((p: any) => p.id)).toEqual([v.partyId])
    expect(JSON.stringify(view)).not.toContain(vendorName(4).ja)
    expect(JSON.stringify(view)).not.toContain('libexample 2.x を組み込んだ')
    expect((await v.user.api.get(`/api/v1/cases/${caseId}/vendors`)).status).toBe(404)
    expect((await v.user.api.post(`/api/v1/cases/${caseId}/vendors/remind`)).status).toBe(404)
    expect((await v.user.api.post(`/api/v1/cases/${caseId}/parties/${vendors[4]!.partyId}/response`, { response: 'not_vulnerable' })).status).toBe(404)
    const page = await t.app.request(`/cases/${caseId}`, { headers: { authorization: `Bearer ${v.user.token}` } })
    const html = await page.text()
    expect(html).toContain('VU#123456')
    expect(html).not.toContain(`/cases/${caseId}/vendors`)
  })

  it('reminds those who have not answered, with a pointer only', async () => {
    for (const [i, v] of vendors.slice(0, 10).entries()) {
      expect((await v.user.api.post(`/api/v1/cases/${caseId}/parties/${v.partyId}/acknowledge`)).status).toBe(200)
      const res = await v.user.api.post(`/api/v1/cases/${caseId}/parties/${v.partyId}/response`, {
        response: 'vulnerable', statement: { ja: `${vendorName(i).ja}: 修正版を公開しました。`, en: `${vendorName(i).en}: a fixed version is available.` },
      })
      expect(res.status, JSON.stringify(res.json)).toBe(200)
    }
    const m = (await coordinator.api.get(`/api/v1/cases/${caseId}/vendors?filter=no_answer`)).json
    expect(m.counts.no_answer).toBe(VENDORS - 10)
    expect(m.vendors).toHaveLength(VENDORS - 10)
    t.clock.advance(86400_000)
    const r = await coordinator.api.post(`/api/v1/cases/${caseId}/vendors/remind`)
    expect(r.json.reminded).toHaveLength(VENDORS - 10)
    const reminder = (await lastMailTo(t, psirt(29)))[0]!
    expect(reminder.subject).toContain('ご回答のお願い')
    expect(reminder.body_text).toContain(`/cases/${caseId}`)
    expect(reminder.body_text).not.toContain('libexample')
    expect((await lastMailTo(t, psirt(0)))[0]!.subject).not.toContain('ご回答のお願い')
    const after = (await coordinator.api.get(`/api/v1/cases/${caseId}/vendors?filter=no_answer`)).json
    expect(new Date(after.vendors[0].lastContactAt).getTime()).toBe(t.clock.now().getTime())
  })

  it('records every answer: a status per vulnerability and a statement from each vendor', async () => {
    for (const [i, v] of vendors.entries()) {
      if (i >= 10) {
        const notAffected = i % 7 === 0
        const res = await v.user.api.post(`/api/v1/cases/${caseId}/parties/${v.partyId}/response`, {
          response: notAffected ? 'not_vulnerable' : 'vulnerable',
          statement: {
            ja: `${vendorName(i).ja}: ${notAffected ? '当社製品は影響を受けません。' : '修正版を公開しました。'}`,
            en: `${vendorName(i).en}: ${notAffected ? 'not affected.' : 'a fixed version is available.'}`,
          },
        })
        expect(res.status, JSON.stringify(res.json)).toBe(200)
      }
      for (const [k, vulnerabilityId] of vulnIds.entries()) {
        const status = i % 7 === 0 ? 'not_affected' : k === 0 || i % 2 === 0 ? 'fixed' : 'affected'
        const res = await v.user.api.post(`/api/v1/cases/${caseId}/parties/${v.partyId}/vulnerability-statuses`, { vulnerabilityId, status })
        expect(res.status, JSON.stringify(res.json)).toBe(200)
      }
    }
    const m = (await coordinator.api.get(`/api/v1/cases/${caseId}/vendors`)).json
    const notAffected = Array.from({ length: VENDORS }, (_, i) => i).filter((i) => i % 7 === 0).length
    const affected = Array.from({ length: VENDORS }, (_, i) => i).filter((i) => i % 7 !== 0 && i % 2 === 1).length
    expect(m.counts).toMatchObject({ all: VENDORS, not_notified: 0, no_answer: 0, withStatement: VENDORS, affected, fixed: VENDORS - notAffected - affected })
    expect((await coordinator.api.get(`/api/v1/cases/${caseId}`)).json.status).toBe('fix_in_progress')
  })

  it('renders the vendor matrix of 30 vendors in well under a second', async () => {
    const started = performance.now()
    const res = await t.app.request(`/cases/${caseId}/vendors`, { headers: { authorization: `Bearer ${coordinator.token}` } })
    const html = await res.text()
    const ms = performance.now() - started
    expect(res.status).toBe(200)
    expect(html.match(/<tr data-party=/g)).toHaveLength(VENDORS)
    expect(html).toContain('CVE-2026-11112')
    expect(ms).toBeLessThan(1000)
  })

  it('publishes the JVNVU# advisory on the agreed date with all 30 vendor statements', async () => {
    const draft = await coordinator.api.put(`/api/v1/cases/${caseId}/advisory`, {
      title: { ja: 'libexample における複数の脆弱性', en: 'Multiple vulnerabilities in libexample' },
      overview: { ja: '概要', en: 'Overview' }, description: { ja: '詳細', en: 'Details' }, impact: { ja: '影響', en: 'Impact' }, solution: { ja: '各ベンダ情報を参照', en: 'See each vendor' },
      affectedProducts: [{ developer: 'libexample project', product: 'libexample', versions: '2.0 - 2.4' }],
      references: [{ title: 'CERT/CC VU#123456', url: 'https://kb.cert.org/vuls/id/123456' }],
      vulnerabilities: [
        { id: vulnIds[0], title: { ja: 'ヒープバッファオーバーフロー', en: 'Heap-based buffer overflow' }, cveId: 'CVE-2026-11111', cweId: 'CWE-122', cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        { id: vulnIds[1], title: { ja: '情報漏えい', en: 'Information disclosure' }, cveId: 'CVE-2026-11112', cweId: 'CWE-200' },
      ],
    })
    expect(draft.status, JSON.stringify(draft.json)).toBe(200)
    const scheduled = await coordinator.api.post(`/api/v1/cases/${caseId}/advisory/schedule`, { publishAt: AGREED })
    expect(scheduled.status, JSON.stringify(scheduled.json)).toBe(200)
    const identifier: string = scheduled.json.identifier
    expect(identifier).toMatch(/^JVNVU#\d{8}$/)
    const slug = identifier.replace('#', '')
    const anon = apiClient(t)
    t.clock.set('2026-05-20T00:59:59Z')
    expect((await anon.get(`/api/v1/advisories/${slug}`)).status).toBe(404)
    expect(await publishDueAdvisories(t.deps)).toBe(0)

    t.clock.set(AGREED)
    expect(await publishDueAdvisories(t.deps)).toBe(1)
    expect((await coordinator.api.get(`/api/v1/cases/${caseId}`)).json.status).toBe('published')
    const pub = await anon.get(`/api/v1/advisories/${slug}`)
    expect(pub.status).toBe(200)
    const statements = pub.json.vendorStatements
    expect(statements).toHaveLength(VENDORS)
    expect(statements.map((s: any) => s.developer.ja).sort()).toEqual(Array.from({ length: VENDORS }, (_, i) => vendorName(i).ja))
    const html = (await anon.get(`/advisories/${slug}`)).text
    for (let i = 0; i < VENDORS; i++) expect(html).toContain(`${vendorName(i).ja}: `)
  })
})

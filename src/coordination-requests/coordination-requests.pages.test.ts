import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser, type BrowserClient, type TestUser } from '../../test/support/clients.js'
import { walkToNotifiedDeveloper } from '../../test/support/story.js'

let t: TestApp
let coordinator: TestUser
let b: BrowserClient

const count = async (table: 'cases' | 'organizations' | 'case_parties' | 'case_events') =>
  Number((await t.db.selectFrom(table).select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  coordinator = await createUser(t, { roles: ['coordinator'], name: 'Coordinator Kato' })
  b = browserClient(t)
  await signInBrowser(t, b, coordinator)
})
afterAll(async () => { await t.close() })

const requestForm = (overrides: Record<string, string | string[]> = {}) => ({
  sourceName: 'CISA', sourceReference: 'ICSA-26-100-01', receivedOn: '2026-04-01', title: '制御機器の脆弱性', summary: '要約',
  agreedPublicationAt: '2026-05-01T10:00',
  vulnTitleJa: ['認証の欠如', '', ''], vulnTitleEn: ['Missing authentication', '', ''], vulnCveId: ['CVE-2026-20001', '', ''],
  vulnCweId: ['CWE-306', '', ''], vulnCvss31Vector: ['', '', ''], vulnCvss40Vector: ['', '', ''],
  ...overrides,
})

describe('opening a coordination request from the form', () => {
  it('keeps what was typed and writes nothing when a field is wrong', async () => {
    expect((await b.get('/coordination-requests/new')).status).toBe(200)
    const before = await count('cases')
    const res = await b.post('/coordination-requests', requestForm({ vulnCvss31Vector: ['CVSS:3.1/AV:X', '', ''] }))
    expect(res.status).toBe(400)
    expect(res.text).toContain('ICSA-26-100-01')
    // The wrong cell is marked and described by the message beside the vulnerabilities table; the summary links to it.
    const cell = /<input name="vulnCvss31Vector" id="vuln-1-cvss31Vector"[^>]*>/.exec(res.text)?.[0] ?? ''
    expect(cell).toContain('aria-invalid="true"')
    expect(cell).toContain('aria-describedby="vulnerabilities-error')
    expect(res.text).toContain('href="#vuln-1-cvss31Vector"')
    expect(res.text).not.toMatch(/<input name="vulnTitleJa" id="vuln-1-title-ja"[^>]*aria-invalid/)
    expect(await count('cases')).toBe(before)
  })

  it('adds rows without losing what was typed', async () => {
    const res = await b.post('/coordination-requests', { ...requestForm(), moreRows: '1', rows: '3' })
    expect(res.status).toBe(200)
    expect(res.text.match(/name="vulnTitleJa"/g)).toHaveLength(8)
    expect(res.text).toContain('認証の欠如')
  })

  it('opens the case in Japan time and goes to its vendor matrix', async () => {
    const res = await b.post('/coordination-requests', requestForm())
    expect(res.status).toBe(303)
    const caseId = res.location!.match(/^\/cases\/([^/]+)\/vendors$/)![1]!
    const req = await t.db.selectFrom('coordination_requests').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow()
    expect(req.agreed_publication_at?.toISOString()).toBe('2026-05-01T01:00:00.000Z')
    const list = await b.get('/coordination-requests')
    expect(list.text).toContain('ICSA-26-100-01')
    const again = await b.post('/coordination-requests', requestForm())
    expect(again.status).toBe(409)
  })
})

describe('the vendor matrix', () => {
  let caseId = ''

  beforeAll(async () => {
    const res = await coordinator.api.post('/api/v1/coordination-requests', {
      sourceName: 'Vendor PSIRT', sourceReference: 'PSIRT-2026-7', receivedOn: '2026-04-01', title: '組込みライブラリの脆弱性', summary: 's',
      vulnerabilities: [{ titleJa: 'XSS', titleEn: 'XSS' }],
    })
    caseId = res.json.caseId
  })

  it('adds picked organisations and pasted lines in one go, reusing one of the same name', async () => {
    const existing = await coordinator.api.post('/api/v1/organizations', { nameJa: '既存電機株式会社', nameEn: 'Kizon Electric' })
    await b.get(`/cases/${caseId}/vendors`)
    const lines = ['既存電機株式会社 | Kizon Electric', ...Array.from({ length: 59 }, (_, i) => `新規${i}株式会社 | New ${i} Co. | psirt@new${i}.example`),
      '連絡先なし工業 | <script>alert(1)</script> Inc.'].join('\n')
    const res = await b.post(`/cases/${caseId}/vendors`, { organizationId: existing.json.id, newOrganizations: lines })
    expect(res.status).toBe(303)
    expect(res.location).toBe(`/cases/${caseId}/vendors?done=added&n=61`)
    expect((await b.get(res.location!)).text).toContain('61 組織を追加しました（追加済みだった組織 0 件）')
    expect(await t.db.selectFrom('organizations').select('id').where('name_ja', '=', '既存電機株式会社').execute()).toHaveLength(1)
  })

  it('refuses a bad line or an unknown organisation without adding anyone', async () => {
    const parties = await count('case_parties')
    const bad = await b.post(`/cases/${caseId}/vendors`, { newOrganizations: '別会社 | Other | not-an-address' })
    expect(bad.status).toBe(400)
    const unknown = await coordinator.api.post(`/api/v1/cases/${caseId}/vendors`, { organizations: [{ nameJa: '追加A' }, { organizationId: 'nope' }] })
    expect(unknown.status).toBe(400)
    expect(unknown.json.error.code).toBe('coordination_requests.unknown_organization')
    expect(await count('case_parties')).toBe(parties)
    expect(await t.db.selectFrom('organizations').select('id').where('name_ja', '=', '追加A').execute()).toEqual([])
  })

  it('shows counts, pages of 50, filters, and escapes vendor names', async () => {
    const first = await b.get(`/cases/${caseId}/vendors`)
    expect(first.text.match(/<tr data-party=/g)).toHaveLength(50)
    expect(first.text).toContain('未通知 (61)')
    expect(first.text).toContain('未通知の 59 組織に通知')
    expect(first.text).toContain('rel="next"')
    const second = await b.get(`/cases/${caseId}/vendors?filter=all&page=2`)
    expect(second.text.match(/<tr data-party=/g)).toHaveLength(11)
    const en = await b.get(`/cases/${caseId}/vendors?page=2&lang=en`)
    expect(en.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Inc.')
    expect(en.text).not.toContain('<script>alert(1)</script>')
    const none = await b.get(`/cases/${caseId}/vendors?filter=affected&lang=ja`)
    expect(none.text).toContain('該当する組織はありません。')
    expect((await b.get(`/cases/${caseId}/vendors?filter=bogus`)).status).toBe(400)
  })

  it('notifies only those with a contact, and reports the rest', async () => {
    const events = await count('case_events')
    const res = await b.post(`/cases/${caseId}/vendors/notify`, {})
    expect(res.location).toBe(`/cases/${caseId}/vendors?done=notified&n=59&skipped=2`)
    expect(await count('case_events')).toBe(events + 59)
    const notice = await b.get(res.location!)
    expect(notice.text).toContain('59 組織に通知しました（連絡先のない組織 2 件）')
    expect(notice.text).toContain('未回答 (59)')
  })

  it('does nothing and records nothing when nobody is left to remind', async () => {
    const w = await walkToNotifiedDeveloper(t)
    await w.developer.api.post(`/api/v1/cases/${w.caseId}/parties/${w.partyId}/response`, { response: 'vulnerable', statementJa: '対応済み' })
    const events = await count('case_events')
    const res = await w.coordinator.api.post(`/api/v1/cases/${w.caseId}/vendors/remind`)
    expect(res.json).toEqual({ reminded: [], mails: 0 })
    expect(await count('case_events')).toBe(events)
    // a finder's case has the matrix too, linked from its page
    const page = await t.app.request(`/cases/${w.caseId}`, { headers: { authorization: `Bearer ${w.coordinator.token}` } })
    expect(await page.text()).toContain(`/cases/${w.caseId}/vendors`)
    expect((await w.developer.api.get(`/api/v1/cases/${w.caseId}/vendors`)).status).toBe(404)
    expect((await w.intake.api.get(`/api/v1/cases/${w.caseId}/vendors`)).status).toBe(404)
  })

  it('refuses bulk notification on a closed case', async () => {
    const w = await walkToNotifiedDeveloper(t)
    await w.developer.api.post(`/api/v1/cases/${w.caseId}/parties/${w.partyId}/response`, { response: 'not_vulnerable' })
    const res = await w.coordinator.api.post(`/api/v1/cases/${w.caseId}/vendors/notify`)
    expect(res.status).toBe(409)
    expect(res.json.error.code).toBe('coordination_requests.not_coordinating')
  })
})

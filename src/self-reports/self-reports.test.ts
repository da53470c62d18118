import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, createUser, lastMailTo, signInBrowser, type BrowserClient, type TestUser } from '../../test/support/clients.js'
import { walkToNotifiedDeveloper } from '../../test/support/story.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'

let t: TestApp
let coordinator: TestUser
let intake: TestUser
let developer: TestUser
let devBrowser: BrowserClient
let other: Awaited<ReturnType<typeof walkToNotifiedDeveloper>>

const selfReport = (overrides: Record<string, string> = {}) => ({
  productName: 'Example NAS', productVersions: '3.0.0 – 3.2.1', productType: 'peripheral',
  vulnerabilityTitleJa: 'OS コマンドインジェクション', vulnerabilityTitleEn: 'OS command injection',
  description: '管理画面の診断機能に OS コマンドインジェクションの脆弱性 <script>alert(1)</script>', cveId: 'CVE-2026-30001', cweId: 'CWE-78',
  cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H',
  fixDescription: 'ファームウェア 3.2.2 で修正', fixedVersions: '3.2.2', fixReleasedOn: '2026-03-25', proposedPublicationDate: '2026-04-15',
  statementJa: '最新のファームウェアに更新してください。', statementEn: 'Please update the firmware.',
  ...overrides,
})

const count = async (table: 'cases' | 'self_reports' | 'case_parties') =>
  Number((await t.db.selectFrom(table).select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  other = await walkToNotifiedDeveloper(t)
  coordinator = other.coordinator
  intake = other.intake
  const org = await coordinator.api.post('/api/v1/organizations', { nameJa: '例示ストレージ株式会社', nameEn: 'Example Storage Inc.' })
  developer = await createUser(t, { organizationId: org.json.id, name: 'Dev Suzuki' })
  devBrowser = browserClient(t)
  await signInBrowser(t, devBrowser, developer)
})
afterAll(async () => { await t.close() })

describe('a developer reporting its own product (自社製品届出)', () => {
  let caseId = ''
  let selfReportId = ''

  it('offers the form to members of developer organisations only', async () => {
    expect((await devBrowser.get('/self-reports/new')).text).toContain('name="_csrf"')
    expect((await apiClient(t, (await createUser(t)).token).get('/self-reports/new')).status).toBe(404)
    expect((await coordinator.api.get('/self-reports/new')).status).toBe(404)
  })

  it('keeps what was typed and writes nothing when the input is wrong', async () => {
    const before = await count('cases')
    const res = await devBrowser.post('/self-reports', selfReport({ cvss31Vector: 'CVSS:3.1/AV:Q', statementJa: '' }))
    expect(res.status).toBe(400)
    expect(res.text).toContain('Example NAS')
    const api = await developer.api.post('/api/v1/self-reports', selfReport({ cvss31Vector: 'CVSS:3.1/AV:Q' }))
    expect(api.json.error.code).toBe('advisories.invalid_cvss')
    expect(await count('cases')).toBe(before)
  })

  it('files it: a received self_report case, the organisation already a notified party with its answer', async () => {
    const res = await devBrowser.post('/self-reports', selfReport())
    expect(res.status).toBe(303)
    const receipt = res.location!.match(/filed=(SR-2026-\d{6})$/)![1]!
    const list = await devBrowser.get(res.location!)
    expect(list.text).toContain(receipt)
    const mine = (await developer.api.get('/api/v1/self-reports')).json.selfReports
    expect(mine).toHaveLength(1)
    ;({ id: selfReportId, caseId } = mine[0])
    expect(mine[0]).toMatchObject({ receiptNumber: receipt, status: 'received', fixReleasedOn: '2026-03-25' })
    const view = (await developer.api.get(`/api/v1/cases/${caseId}`)).json
    expect(view).toMatchObject({ viewer: 'party', status: 'received', source: 'self_report' })
    expect(view.parties).toHaveLength(1)
    expect(view.parties[0]).toMatchObject({ status: 'responded', response: 'vulnerable', proposedPublicationDate: '2026-04-15', statement: { ja: '最新のファームウェアに更新してください。' } })
    expect(view.parties[0].vulnerabilityStatuses.map((s: any) => s.status)).toEqual(['fixed'])
    expect(view.vulnerabilities[0]).toMatchObject({ cve: 'CVE-2026-30001', cvss31: { score: 7.2 } })
    const mail = (await lastMailTo(t, developer.email))[0]!
    expect(mail.subject).toContain(receipt)
    expect(mail.body_text).not.toContain('コマンドインジェクション')
    expect((await developer.api.get('/api/v1/my/cases')).json.cases.map((k: any) => k.id)).toEqual([caseId])
  })

  it('lets the developer see its self-reports and nothing else', async () => {
    expect((await developer.api.get(`/api/v1/cases/${other.caseId}`)).status).toBe(404)
    expect((await devBrowser.get(`/cases/${other.caseId}`)).status).toBe(404)
    expect((await developer.api.get('/api/v1/intake/queue')).status).toBe(404)
    expect((await developer.api.get('/api/v1/coordination/cases')).status).toBe(404)
    expect((await developer.api.get(`/api/v1/cases/${caseId}/vendors`)).status).toBe(404)
    expect((await developer.api.post(`/api/v1/self-reports/${selfReportId}/accept`, {})).status).toBe(404)
    // the other case's developer neither sees this self-report nor its case
    expect((await other.developer.api.get(`/api/v1/self-reports/${selfReportId}`)).status).toBe(404)
    expect((await other.developer.api.get(`/api/v1/cases/${caseId}`)).status).toBe(404)
    expect((await other.developer.api.get('/api/v1/self-reports')).json.selfReports).toEqual([])
    const page = await devBrowser.get(`/cases/${caseId}?tab=report`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page.text).not.toContain('<script>alert(1)</script>')
  })

  it('waits for review on the staff list; intake and coordinators see it', async () => {
    const staffList = await t.app.request('/self-reports', { headers: { authorization: `Bearer ${intake.token}` } })
    const html = await staffList.text()
    expect(html).toContain(`/self-reports/${selfReportId}/accept`)
    expect((await coordinator.api.get('/api/v1/self-reports')).json.selfReports.map((r: any) => r.id)).toContain(selfReportId)
  })

  it('is accepted, then taken into coordination with the ordinary transitions and no notification mail', async () => {
    const mailsBefore = (await lastMailTo(t, developer.email)).length
    t.clock.set('2026-04-01T03:00:00Z')
    const accepted = await coordinator.api.post(`/api/v1/self-reports/${selfReportId}/accept`, {})
    expect(accepted.json).toMatchObject({ status: 'accepted' })
    expect((await coordinator.api.post(`/api/v1/self-reports/${selfReportId}/accept`, {})).status).toBe(409)
    t.clock.set('2026-04-02T01:00:00Z')
    const started = await coordinator.api.post(`/api/v1/self-reports/${selfReportId}/start`)
    expect(started.json).toMatchObject({ status: 'fix_in_progress' })
    const kase = (await coordinator.api.get(`/api/v1/cases/${caseId}`)).json
    expect(kase).toMatchObject({ status: 'fix_in_progress', startDate: '2026-04-02' })
    expect(kase.timeline.map((e: any) => e.type)).toEqual(['self_report_submitted', 'accept', 'notify_developer', 'confirm_vulnerable'])
    const mails = await lastMailTo(t, developer.email)
    expect(mails.length).toBe(mailsBefore + 1)
    expect(mails[0]!.subject).toContain('受理')
    expect(await t.db.selectFrom('invitations').select('id').where('case_id', '=', caseId).execute()).toEqual([])
    const page = await t.app.request(`/cases/${caseId}`, { headers: { authorization: `Bearer ${coordinator.token}` } })
    expect(await page.text()).toContain('ファームウェア 3.2.2 で修正')
  })

  it('is published as a JVN# advisory with the developer\'s statement', async () => {
    const vulnId = (await coordinator.api.get(`/api/v1/cases/${caseId}`)).json.vulnerabilities[0].id
    const draft = await coordinator.api.put(`/api/v1/cases/${caseId}/advisory`, {
      title: { ja: 'Example NAS における OS コマンドインジェクションの脆弱性', en: 'Example NAS vulnerable to OS command injection' },
      overview: { ja: '概要', en: 'Overview' }, description: { ja: '詳細', en: 'Details' }, impact: { ja: '影響', en: 'Impact' }, solution: { ja: '更新', en: 'Update' },
      affectedProducts: [{ developer: '例示ストレージ株式会社', product: 'Example NAS', versions: '3.0.0 - 3.2.1' }],
      vulnerabilities: [{ id: vulnId, titleJa: 'OS コマンドインジェクション', titleEn: 'OS command injection', cveId: 'CVE-2026-30001', cweId: 'CWE-78' }],
    })
    expect(draft.status, JSON.stringify(draft.json)).toBe(200)
    const scheduled = await coordinator.api.post(`/api/v1/cases/${caseId}/advisory/schedule`, { publishAt: '2026-04-15T01:00:00Z' })
    expect(scheduled.json.identifier).toMatch(/^JVN#\d{8}$/)
    t.clock.set('2026-04-15T01:00:00Z')
    expect(await publishDueAdvisories(t.deps)).toBe(1)
    const pub = await apiClient(t).get(`/api/v1/advisories/${scheduled.json.identifier.replace('#', '')}`)
    expect(pub.json.vendorStatements).toEqual([{ developer: { ja: '例示ストレージ株式会社', en: 'Example Storage Inc.' }, statement: { ja: '最新のファームウェアに更新してください。', en: 'Please update the firmware.' },
      statuses: [{ position: 1, cveId: 'CVE-2026-30001', status: 'fixed' }] }])
    expect((await developer.api.get('/api/v1/self-reports')).json.selfReports[0].status).toBe('published')
  })

  it('can be refused with a reason, which the developer is told to sign in for', async () => {
    const filed = await developer.api.post('/api/v1/self-reports', selfReport({ productName: 'Old NAS', cveId: '' }))
    expect(filed.status).toBe(201)
    expect((await intake.api.post(`/api/v1/self-reports/${filed.json.selfReportId}/reject`, { reason: 'duplicate' })).status).toBe(400)
    expect((await intake.api.post(`/api/v1/self-reports/${filed.json.selfReportId}/start`)).status).toBe(404)
    t.clock.advance(3600_000)
    const res = await intake.api.post(`/api/v1/self-reports/${filed.json.selfReportId}/reject`, { reason: 'out_of_scope', note: '国内未販売' })
    expect(res.json).toMatchObject({ status: 'not_accepted' })
    const mine = (await developer.api.get(`/api/v1/self-reports/${filed.json.selfReportId}`)).json
    expect(mine).toMatchObject({ status: 'not_accepted', rejectionReason: 'out_of_scope' })
    expect((await lastMailTo(t, developer.email))[0]!.subject).toBe(`[keikai] 自社製品届出について（${filed.json.receiptNumber}）`)
  })
})

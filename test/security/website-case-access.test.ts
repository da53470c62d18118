import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { apiClient, createUser, type TestUser } from '../support/clients.js'
import { registerOperator } from '../support/website-story.js'
import { websiteReport } from '../support/fixtures.js'

/**
 * DESIGN §5 for website cases on the routes every case shares: intake staff see all, the operator
 * organisation only its own case and only from notification on, the finder their own report;
 * coordinators, developers, committee members, administrators and other operators nothing (404).
 */
type Who = 'anonymous' | 'finder' | 'otherFinder' | 'intake' | 'coordinator' | 'developer' | 'admin' | 'committee' | 'operator' | 'otherOperator'
const EVERYONE: Who[] = ['anonymous', 'finder', 'otherFinder', 'intake', 'coordinator', 'developer', 'admin', 'committee', 'operator', 'otherOperator']

let t: TestApp
let users: Record<Who, TestUser | null>
let caseId: string, reportId: string, attachmentId: string, partyId: string
let intake: TestUser
let op: Awaited<ReturnType<typeof registerOperator>>

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  intake = await createUser(t, { roles: ['intake'] })
  const finder = await createUser(t)
  // A multipart report with a screenshot attached.
  const fd = new FormData()
  for (const [k, v] of Object.entries(websiteReport({ urls: 'https://leak.example.jp/form', consentShareIdentity: 'on' }))) fd.set(k, String(v))
  fd.set('attachments', new File([new Uint8Array([1, 2, 3])], 'screenshot.png', { type: 'image/png' }))
  const filed = await t.app.request('/api/v1/reports/website', { method: 'POST', headers: { authorization: `Bearer ${finder.token}` }, body: fd })
  expect(filed.status).toBe(201)
  const receipt = (await filed.json()).receiptNumber
  const report = await t.db.selectFrom('reports').select(['id', 'case_id']).where('receipt_number', '=', receipt).executeTakeFirstOrThrow()
  caseId = report.case_id
  reportId = report.id
  attachmentId = (await t.db.selectFrom('attachments').select('id').where('report_id', '=', reportId).executeTakeFirstOrThrow()).id
  expect((await intake.api.post(`/api/v1/cases/${caseId}/accept`, {})).json.status).toBe('accepted')
  op = await registerOperator(intake)
  const other = await registerOperator(intake, { nameJa: '別の運営者', nameEn: 'Other operator', orgType: 'company' })
  const devOrg = crypto.randomUUID()
  await t.db.insertInto('organizations').values({ id: devOrg, kind: 'developer', name_ja: '開発者', name_en: 'Dev' }).execute()
  users = {
    anonymous: null, finder, otherFinder: await createUser(t), intake, coordinator: await createUser(t, { roles: ['coordinator'] }),
    developer: await createUser(t, { organizationId: devOrg }), admin: await createUser(t, { roles: ['admin'] }), committee: await createUser(t, { roles: ['committee'] }),
    operator: await createUser(t, { organizationId: op.orgId }), otherOperator: await createUser(t, { organizationId: other.orgId }),
  }
})
afterAll(async () => { await t.close() })

async function call(who: Who, method: string, path: string, body: unknown = method === 'GET' ? undefined : {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (users[who]) headers.authorization = `Bearer ${users[who]!.token}`
  const res = await t.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: res.status, location: res.headers.get('location'), text: await res.text() }
}
const refused = (who: Who, r: { status: number; location: string | null }) =>
  who === 'anonymous' ? r.status === 401 || r.status === 404 || (r.status === 303 && Boolean(r.location?.startsWith('/login'))) : r.status === 404

async function whoMay(method: string, path: string): Promise<Who[]> {
  const out: Who[] = []
  for (const who of EVERYONE) {
    const r = await call(who, method, path)
    expect(r.status, `${who} ${method} ${path}`).not.toBe(403)
    if (!refused(who, r)) out.push(who)
  }
  return out
}

describe('a website case on the shared case routes', () => {
  it('before the operator is notified: intake and the finder only', async () => {
    expect(await whoMay('GET', `/api/v1/cases/${caseId}`)).toEqual(['finder', 'intake'])
    expect(await whoMay('GET', `/cases/${caseId}`)).toEqual(['finder', 'intake'])
  })

  it('from notification on: also the operator organisation, never another operator or a coordinator', async () => {
    const n = await intake.api.post(`/api/v1/cases/${caseId}/operator`, { organizationId: op.orgId, contactId: op.contactId })
    expect(n.status).toBe(200)
    partyId = n.json.partyId
    expect(await whoMay('GET', `/api/v1/cases/${caseId}`)).toEqual(['finder', 'intake', 'operator'])
    expect(await whoMay('GET', `/cases/${caseId}`)).toEqual(['finder', 'intake', 'operator'])
    // Attachments (PoC, screenshots): the finder who sent them and intake, not the operator.
    expect(await whoMay('GET', `/cases/${caseId}/attachments/${attachmentId}`)).toEqual(['finder', 'intake'])
    // The operator thread: intake and the operator; the finder thread: the finder and intake.
    expect(await whoMay('POST', `/api/v1/cases/${caseId}/threads/developer/${partyId}/messages`)).toEqual(['intake', 'operator'])
    expect(await whoMay('POST', `/api/v1/cases/${caseId}/threads/finder/${reportId}/messages`)).toEqual(['finder', 'intake'])
    expect(await whoMay('GET', '/api/v1/websites/cases')).toEqual(['intake'])
  })

  it('the operator sees the finder only with consent, and its reads are logged', async () => {
    const view = await apiClient(t, users.operator!.token).get(`/api/v1/cases/${caseId}`)
    expect(view.json.reports[0].finder.name).toBe('佐藤 花子')
    expect(view.json.reports[0].attachments).toEqual([])
    const logged = await t.db.selectFrom('access_log').select('what').where('case_id', '=', caseId).where('user_id', '=', users.operator!.id).execute()
    expect(logged.map((l) => l.what)).toContain('case_view:party')
  })

  it('intake and the operator exchange messages; each side is told by mail', async () => {
    const asked = await intake.api.post(`/api/v1/cases/${caseId}/threads/developer/${partyId}/messages`, { body: '修正予定日を教えてください' })
    expect(asked.status).toBe(201)
    t.clock.advance(60_000)
    const answered = await apiClient(t, users.operator!.token).post(`/api/v1/cases/${caseId}/threads/developer/${partyId}/messages`, { body: '来週修正します' })
    expect(answered.status).toBe(201)
    const view = await apiClient(t, users.operator!.token).get(`/api/v1/cases/${caseId}`)
    expect(view.json.threads).toEqual([{ kind: 'developer', partyId, messages: [expect.objectContaining({ body: '修正予定日を教えてください' }), expect.objectContaining({ body: '来週修正します' })] }])
    const toOperator = await t.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', users.operator!.email).execute()
    expect(toOperator.length).toBeGreaterThan(0)
    const toIntake = await t.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', intake.email).execute()
    expect(toIntake.length).toBeGreaterThan(0)
  })
})

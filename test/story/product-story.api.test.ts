import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { apiClient, browserClient, createUser, lastMailTo, TEST_PASSWORD } from '../support/clients.js'
import { walkToNotifiedDeveloper } from '../support/story.js'

let t: TestApp
let s: Awaited<ReturnType<typeof walkToNotifiedDeveloper>>
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  s = await walkToNotifiedDeveloper(t)
})
afterAll(async () => { await t.close() })

describe('the product story through the API', () => {
  it('records the 起算日 at notification and tells the finder', async () => {
    const kase = await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)
    expect(kase.json.status).toBe('developer_notified')
    expect(kase.json.startDate).toBe('2026-04-01')
    const tracking = await apiClient(t).get(`/api/v1/tracking/${s.filed.trackingToken}`)
    expect(tracking.json.startDate).toBe('2026-04-01')
    const finderEmail = (await t.db.selectFrom('reports').select('finder_email').where('receipt_number', '=', s.filed.receiptNumber).executeTakeFirstOrThrow()).finder_email!
    const subjects = (await lastMailTo(t, finderEmail)).map((m) => m.subject)
    expect(subjects.some((x) => x.includes('製品開発者への連絡を開始しました'))).toBe(true)
  })

  it('makes the invitation single-use', async () => {
    const b = browserClient(t)
    const again = await b.get(s.invitationPath)
    expect(again.status).toBe(404)
    const post = await b.post(s.invitationPath, { displayName: 'Intruder', email: 'intruder@example.test', password: TEST_PASSWORD })
    expect(post.status).toBe(404)
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'intruder@example.test').executeTakeFirst()).toBeUndefined()
  })

  it('shows the developer exactly their case and nothing else', async () => {
    const mine = await s.developer.api.get('/api/v1/my/cases')
    expect(mine.json.cases.map((c: any) => c.id)).toEqual([s.caseId])
    const view = await s.developer.api.get(`/api/v1/cases/${s.caseId}`)
    expect(view.status).toBe(200)
    expect(view.json.viewer).toBe('party')
    expect(view.json.contactAttempts).toEqual([])
    expect(view.json.reports[0].finder.name).toBe('山田 太郎')
    expect((await s.developer.api.get('/api/v1/intake/queue')).status).toBe(404)
    expect((await s.developer.api.get('/api/v1/coordination/cases')).status).toBe(404)
    const page = await s.developerBrowser.get(`/cases/${s.caseId}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('サンプルルータ WR-1000')
    const logged = await t.db.selectFrom('access_log').select('what').where('user_id', '=', s.developer.id).execute()
    expect(logged.length).toBeGreaterThan(0)
  })

  it('keeps each thread to its own parties', async () => {
    const dev = await s.developer.api.post(`/api/v1/cases/${s.caseId}/threads/developer/${s.partyId}/messages`, { body: '確認しました。調査します。' })
    expect(dev.status).toBe(201)
    const reportId = (await t.db.selectFrom('reports').select('id').where('receipt_number', '=', s.filed.receiptNumber).executeTakeFirstOrThrow()).id
    const staff = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/threads/finder/${reportId}/messages`, { body: '発見者さんへ: 開発者に連絡しました' })
    expect(staff.status).toBe(201)
    // the developer cannot read or write the finder thread
    expect((await s.developer.api.post(`/api/v1/cases/${s.caseId}/threads/finder/${reportId}/messages`, { body: 'x' })).status).toBe(404)
    const devView = (await s.developer.api.get(`/api/v1/cases/${s.caseId}`)).json
    expect(JSON.stringify(devView)).not.toContain('発見者さんへ')
    // the finder sees their thread and not the developer thread
    const tracking = (await apiClient(t).get(`/api/v1/tracking/${s.filed.trackingToken}`)).json
    expect(tracking.messages.map((m: any) => m.body)).toEqual(['発見者さんへ: 開発者に連絡しました'])
    expect(JSON.stringify(tracking)).not.toContain('調査します')
    // the coordinator sees both
    const coordView = JSON.stringify((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json)
    expect(coordView).toContain('調査します')
    expect(coordView).toContain('発見者さんへ')
  })

  it('lets the developer acknowledge and answer vulnerable with a statement and a date', async () => {
    const ack = await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/acknowledge`)
    expect(ack.status).toBe(200)
    const res = await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, {
      response: 'vulnerable', statementJa: '修正版 1.2.4 を公開しました。', statementEn: 'Version 1.2.4 fixes this.', fixPlan: 'Release 1.2.4', proposedPublicationDate: '2026-05-15',
    })
    expect(res.status).toBe(200)
    const kase = (await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json
    expect(kase.status).toBe('fix_in_progress')
    expect(kase.parties[0]).toMatchObject({ response: 'vulnerable', proposedPublicationDate: '2026-05-15' })
    expect(kase.timeline.map((e: any) => e.type)).toEqual(expect.arrayContaining(['report_submitted', 'accept', 'notify_developer', 'start_investigation', 'confirm_vulnerable']))
  })

  it('refuses another organisation\'s developer with 404', async () => {
    const otherOrg = await s.coordinator.api.post('/api/v1/organizations', { nameJa: '別会社', nameEn: 'Other Co.' })
    const outsider = await createUser(t, { organizationId: otherOrg.json.id })
    expect((await outsider.api.get(`/api/v1/cases/${s.caseId}`)).status).toBe(404)
    expect((await outsider.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'not_vulnerable' })).status).toBe(404)
  })
})

describe('a developer who answers not vulnerable', () => {
  it('closes the case as not_vulnerable and the finder is told', async () => {
    const w = await walkToNotifiedDeveloper(t)
    const res = await w.developer.api.post(`/api/v1/cases/${w.caseId}/parties/${w.partyId}/response`, { response: 'not_vulnerable', statementJa: '仕様通りの動作です。' })
    expect(res.status).toBe(200)
    const row = await t.db.selectFrom('cases').select(['status', 'closed_at']).where('id', '=', w.caseId).executeTakeFirstOrThrow()
    expect(row.status).toBe('not_vulnerable')
    expect(row.closed_at).toBeTruthy()
    expect((await apiClient(t).get(`/api/v1/tracking/${w.filed.trackingToken}`)).json.status).toBe('not_vulnerable')
  })
})

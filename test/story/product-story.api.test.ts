import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { apiClient, browserClient, createUser, lastMailTo, TEST_PASSWORD } from '../support/clients.js'
import { walkToNotifiedDeveloper } from '../support/story.js'
import { publishDueAdvisories } from '../../src/advisories/publication.usecases.js'

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
      response: 'vulnerable', statement: { ja: '修正版 1.2.4 を公開しました。', en: 'Version 1.2.4 fixes this.' }, fixPlan: 'Release 1.2.4', proposedPublicationDate: '2026-05-15',
    })
    expect(res.status).toBe(200)
    const kase = (await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json
    expect(kase.status).toBe('fix_in_progress')
    expect(kase.parties[0]).toMatchObject({ response: 'vulnerable', proposedPublicationDate: '2026-05-15' })
    expect(kase.timeline.map((e: any) => e.type)).toEqual(expect.arrayContaining(['report_submitted', 'accept', 'notify_developer', 'start_investigation', 'confirm_vulnerable']))
  })

  it('lets staff classify the case by product type and cause for the statistics', async () => {
    const res = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/classification`, { cause: 'web_application' })
    expect(res.json).toMatchObject({ productType: 'router', cause: 'web_application', previousCause: null })
    expect((await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/classification`, { cause: 'toaster' })).status).toBe(400)
    expect((await s.developer.api.post(`/api/v1/cases/${s.caseId}/classification`, { cause: 'other_web' })).status).toBe(404)
    const ev = await t.db.selectFrom('case_events').select('data').where('case_id', '=', s.caseId).where('type', '=', 'case_classified').executeTakeFirstOrThrow()
    expect(ev.data).toMatchObject({ cause: 'web_application' })
  })

  it('refuses another organisation\'s developer with 404', async () => {
    const otherOrg = await s.coordinator.api.post('/api/v1/organizations', { name: { ja: '別会社', en: 'Other Co.' } })
    const outsider = await createUser(t, { organizationId: otherOrg.json.id })
    expect((await outsider.api.get(`/api/v1/cases/${s.caseId}`)).status).toBe(404)
    expect((await outsider.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'not_vulnerable' })).status).toBe(404)
  })
})

describe('publishing the advisory', () => {
  const title = { ja: 'WR-1000 におけるクロスサイト・スクリプティングの脆弱性', en: 'WR-1000 vulnerable to cross-site scripting' }
  let identifier = ''

  it('drafts the advisory with its vulnerability, scores CVSS, and schedules it', async () => {
    const draft = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, {
      title, overview: { ja: '概要です', en: 'Overview' }, description: { ja: '詳細です', en: 'Details' },
      impact: { ja: '影響です', en: 'Impact' }, solution: { ja: 'アップデートしてください', en: 'Update' },
      affectedProducts: [{ developer: 'サンプル電機株式会社', product: 'WR-1000', versions: '1.0.0 - 1.2.3' }],
      vulnerabilities: [{ title: { ja: 'XSS', en: 'XSS' }, cweId: 'CWE-79', cveId: 'CVE-2026-12345',
        cvss31Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', cvss40Vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N' }],
    })
    expect(draft.status).toBe(200)
    const kase = (await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json
    expect(kase.vulnerabilities[0]).toMatchObject({ cve: 'CVE-2026-12345', cwe: 'CWE-79', cvss31: { score: 6.1 }, cvss40: { score: 5.1 } })
    const scheduled = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/schedule`, { publishAt: '2026-05-15T01:00:00Z' })
    expect(scheduled.status).toBe(200)
    identifier = scheduled.json.identifier
    expect(identifier).toMatch(/^JVN#\d{8}$/)
    expect((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json.status).toBe('publication_scheduled')
  })

  it('keeps it off every public output until its time, then shows it everywhere at once', async () => {
    const slug = identifier.replace('#', '')
    const anon = apiClient(t)
    const outputs = async () => ({
      index: (await anon.get('/advisories')).text.includes(title.ja),
      detail: (await anon.get(`/advisories/${slug}`)).status,
      rss: (await anon.get('/rss/advisories.rdf')).text.includes(slug),
      api: (await anon.get('/api/v1/advisories')).text.includes(identifier),
      search: (await anon.get(`/advisories?q=${encodeURIComponent('スクリプティング')}`)).text.includes(title.ja),
      home: (await anon.get('/')).text.includes(title.ja),
    })
    t.clock.set('2026-05-15T00:59:59Z')
    expect(await outputs()).toEqual({ index: false, detail: 404, rss: false, api: false, search: false, home: false })
    t.clock.set('2026-05-15T01:00:00Z')
    expect(await outputs()).toEqual({ index: true, detail: 200, rss: true, api: true, search: true, home: true })
    const en = await anon.get(`/advisories/${slug}?lang=en`)
    expect(en.text).toContain(title.en)
    expect(en.text).toContain('Taro Yamada')
  })

  it('records the publication: case published, event logged, finder told', async () => {
    expect(await publishDueAdvisories(t.deps)).toBe(1)
    expect(await publishDueAdvisories(t.deps)).toBe(0)
    const kase = (await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json
    expect(kase.status).toBe('published')
    expect(kase.timeline.map((e: any) => e.type)).toContain('publish')
    const tracking = (await apiClient(t).get(`/api/v1/tracking/${s.filed.trackingToken}`)).json
    expect(tracking).toMatchObject({ status: 'published', advisory: { identifier } })
    const finderEmail = (await t.db.selectFrom('reports').select('finder_email').where('receipt_number', '=', s.filed.receiptNumber).executeTakeFirstOrThrow()).finder_email!
    const published = (await lastMailTo(t, finderEmail)).find((m) => m.subject.includes('公表しました'))
    expect(published?.body_text).toContain(`/advisories/${identifier.replace('#', '')}`)
  })
})

describe('a case with several developers', () => {
  it('tracks each organisation separately and shows each only its own part', async () => {
    const w = await walkToNotifiedDeveloper(t)
    const org2 = await w.coordinator.api.post('/api/v1/organizations', { name: { ja: '第二電機', en: 'Second Electric' } })
    const contact2 = await w.coordinator.api.post(`/api/v1/organizations/${org2.json.id}/contacts`, { name: 'PSIRT', email: 'psirt@second.example' })
    const party2 = await w.coordinator.api.post(`/api/v1/cases/${w.caseId}/parties`, { organizationId: org2.json.id })
    const dev2 = await createUser(t, { organizationId: org2.json.id })
    // not yet notified: the second organisation sees nothing
    expect((await dev2.api.get(`/api/v1/cases/${w.caseId}`)).status).toBe(404)
    await w.coordinator.api.post(`/api/v1/cases/${w.caseId}/parties/${party2.json.partyId}/notify`, { contactId: contact2.json.id })
    await w.developer.api.post(`/api/v1/cases/${w.caseId}/parties/${w.partyId}/response`, { response: 'not_vulnerable', statement: { ja: '当社製品は影響を受けません' } })
    expect((await w.coordinator.api.get(`/api/v1/cases/${w.caseId}`)).json.status).toBe('developer_notified')
    await dev2.api.post(`/api/v1/cases/${w.caseId}/parties/${party2.json.partyId}/response`, { response: 'vulnerable', statement: { ja: '修正版を準備中' } })
    const staff = (await w.coordinator.api.get(`/api/v1/cases/${w.caseId}`)).json
    expect(staff.status).toBe('fix_in_progress')
    expect(staff.parties.map((p: any) => p.response).sort()).toEqual(['not_vulnerable', 'vulnerable'])
    const seen2 = (await dev2.api.get(`/api/v1/cases/${w.caseId}`)).json
    expect(seen2.parties.map((p: any) => p.id)).toEqual([party2.json.partyId])
    expect(JSON.stringify(seen2)).not.toContain('当社製品は影響を受けません')
    // the second developer cannot answer for the first
    expect((await dev2.api.post(`/api/v1/cases/${w.caseId}/parties/${w.partyId}/response`, { response: 'vulnerable' })).status).toBe(404)
  })
})

describe('a developer who answers not vulnerable', () => {
  it('closes the case as not_vulnerable and the finder is told', async () => {
    const w = await walkToNotifiedDeveloper(t)
    const res = await w.developer.api.post(`/api/v1/cases/${w.caseId}/parties/${w.partyId}/response`, { response: 'not_vulnerable', statement: { ja: '仕様通りの動作です。' } })
    expect(res.status).toBe(200)
    const row = await t.db.selectFrom('cases').select(['status', 'closed_at']).where('id', '=', w.caseId).executeTakeFirstOrThrow()
    expect(row.status).toBe('not_vulnerable')
    expect(row.closed_at).toBeTruthy()
    expect((await apiClient(t).get(`/api/v1/tracking/${w.filed.trackingToken}`)).json.status).toBe('not_vulnerable')
  })
})

describe('notifying an organisation twice', () => {
  it('is refused, so it is mailed once', async () => {
    const w = await walkToNotifiedDeveloper(t)
    const contact = (await w.coordinator.api.get(`/api/v1/organizations/${w.orgId}`)).json.contacts[0]
    const again = await w.coordinator.api.post(`/api/v1/cases/${w.caseId}/parties/${w.partyId}/notify`, { contactId: contact.id })
    expect(again.status).toBe(409)
    expect(again.json.error.code).toBe('coordination.already_notified')
    expect((await lastMailTo(t, w.contactEmail)).length).toBe(1)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, lastMailTo, signInBrowser, TEST_PASSWORD, type TestUser } from '../../test/support/clients.js'
import { walkToNotifiedDeveloper } from '../../test/support/story.js'
import { actorOf } from '../cases/case-events.js'
import { loadCurrentUser } from '../accounts/accounts.repository.js'
import { scheduleAdvisory } from '../advisories/advisories.usecases.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'
import { notifyDueProvisions } from './provision-notices.job.js'

/**
 * The provision story: an advisory scheduled for Monday 2026-06-01 10:00 JST, provided 5 business
 * days earlier — from 2026-05-25 00:00 JST (2026-05-24T15:00Z) — to the electricity sector and to
 * one named finance organisation. Time moves forward through the tests, in order.
 */
const SECRET = '優先提供される秘密の脆弱性'
const PROVIDE_AT = '2026-05-24T15:00:00.000Z'
const JUST_BEFORE = '2026-05-24T14:59:59.000Z'

let t: TestApp
let s: Awaited<ReturnType<typeof walkToNotifiedDeveloper>>
let elec: TestUser, finance: TestUser, telecom: TestUser, committee: TestUser, admin: TestUser
let provisionId: string
const orgs: Record<string, string> = {}

async function memberOf(orgId: string, name: string) { return createUser(t, { organizationId: orgId, name }) }
const provisionPath = () => `/api/v1/priority-information/provisions/${provisionId}`

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  s = await walkToNotifiedDeveloper(t)
  await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'vulnerable', statement: { ja: '修正版を提供します' } })
  const draft = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, {
    title: { ja: SECRET, en: 'Secret prioritised flaw' }, overview: { ja: '概要', en: 'Overview' }, description: { ja: '詳細', en: 'Details' },
    impact: { ja: '影響', en: 'Impact' }, solution: { ja: '対策', en: 'Solution' },
    vulnerabilities: [{ title: { ja: 'XSS', en: 'XSS' }, cweId: 'CWE-79' }], affectedProducts: [{ developer: 'サンプル電機', product: 'WR-1000', versions: '1.0' }],
  })
  expect(draft.status, JSON.stringify(draft.json)).toBe(200)
  const scheduled = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/schedule`, { publishAt: '2026-06-01T01:00:00Z' })
  expect(scheduled.status).toBe(200)
  for (const [key, sector, name] of [['elec', 'electricity', '東日本電力'], ['elec2', 'electricity', '西日本電力'], ['finance', 'finance', '架空銀行'], ['telecom', 'telecommunications', '架空通信']]) {
    const r = await s.coordinator.api.post('/api/v1/priority-information/organizations', { name: { ja: name, en: `${key} Co.` }, sector })
    expect(r.status, JSON.stringify(r.json)).toBe(201)
    orgs[key!] = r.json.id
  }
  elec = await memberOf(orgs.elec!, 'Elec member')
  finance = await memberOf(orgs.finance!, 'Bank member')
  telecom = await memberOf(orgs.telecom!, 'Telecom member')
  committee = await createUser(t, { roles: ['committee'] })
  admin = await createUser(t, { roles: ['admin'] })
})
afterAll(async () => { await t.close() })

describe('critical-infrastructure organisations', () => {
  it('are registered with a sector and invite their members, who then count as critical-infrastructure operators', async () => {
    const bad = await s.coordinator.api.post('/api/v1/priority-information/organizations', { name: { ja: 'x', en: 'x' }, sector: 'space' })
    expect(bad.status).toBe(400)
    const invited = await admin.api.post(`/api/v1/priority-information/organizations/${orgs.elec2}/invitations`, { email: 'soc@west-power.example' })
    expect(invited.status).toBe(201)
    expect(JSON.stringify(invited.json)).not.toContain('/invitations/')
    const mail = (await lastMailTo(t, 'soc@west-power.example'))[0]!
    const path = new URL(mail.body_text.match(/https?:\/\/\S+\/invitations\/\S+/)![0]).pathname
    const b = browserClient(t)
    await b.get(path)
    const created = await b.post(path, { displayName: 'West SOC', email: 'soc@west-power.example', password: TEST_PASSWORD })
    expect(created.status).toBe(303)
    const row = await t.db.selectFrom('users').select('id').where('email', '=', 'soc@west-power.example').executeTakeFirstOrThrow()
    expect((await loadCurrentUser(t.db, row.id))!.organizationKind).toBe('critical_infrastructure')
    const list = await b.get('/priority-information')
    expect(list.status).toBe(200)
    const org = await s.coordinator.api.get(`/api/v1/priority-information/organizations/${orgs.elec2}`)
    expect(org.json.sector).toBe('electricity')
    expect(org.json.members.map((m: any) => m.email)).toEqual(['soc@west-power.example'])
    // a developer organisation is not one of them
    expect((await s.coordinator.api.get(`/api/v1/priority-information/organizations/${s.orgId}`)).status).toBe(404)
  })
})

describe('marking an advisory for priority provision', () => {
  it('refuses an empty choice or a developer organisation, writing nothing', async () => {
    const events = async () => (await t.db.selectFrom('case_events').select('id').where('case_id', '=', s.caseId).execute()).length
    const before = await events()
    const empty = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/priority-information`, { sectors: [], organizationIds: [] })
    expect([empty.status, empty.json.error.code]).toEqual([400, 'priority_information.no_recipients'])
    const dev = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/priority-information`, { sectors: [], organizationIds: [s.orgId] })
    expect([dev.status, dev.json.error.code]).toEqual([400, 'priority_information.unknown_organization'])
    expect(await events()).toBe(before)
    expect(await t.db.selectFrom('priority_information_provisions').select('id').execute()).toEqual([])
  })

  it('computes the provision time from the publication date and records a case event', async () => {
    const marked = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/priority-information`, { sectors: ['electricity'], organizationIds: [orgs.finance] })
    expect(marked.status, JSON.stringify(marked.json)).toBe(200)
    provisionId = marked.json.provision.id
    expect(marked.json.provision).toMatchObject({ leadBusinessDays: 5, provideAt: PROVIDE_AT, state: 'pending', sectors: ['electricity'] })
    expect(marked.json.provision.recipients.map((o: any) => o.id).sort()).toEqual([orgs.elec, orgs.elec2, orgs.finance].sort())
    const event = await t.db.selectFrom('case_events').select(['type', 'data']).where('case_id', '=', s.caseId).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(event.type).toBe('priority_information_marked')
    // the staff deadline clock for the provision is running
    const timer = await t.db.selectFrom('timers').select(['resolved_at']).where('case_id', '=', s.caseId).where('kind', '=', 'priority_information_lead').executeTakeFirstOrThrow()
    expect(timer.resolved_at).toBeNull()
    const b = browserClient(t)
    await signInBrowser(t, b, s.coordinator)
    const casePage = await b.get(`/cases/${s.caseId}?tab=advisory`)
    expect(casePage.text).toContain('id="priority-information"')
    expect(casePage.text).toContain('2026/05/25 00:00')
  })
})

describe('the provision before, at and after its time', () => {
  it('is visible to nobody one second before its time, and nobody is mailed', async () => {
    t.clock.set(JUST_BEFORE)
    for (const u of [elec, finance, telecom]) {
      expect((await u.api.get(provisionPath())).status).toBe(404)
      expect((await u.api.get('/api/v1/priority-information/provisions')).json.provisions).toEqual([])
    }
    expect(await notifyDueProvisions(t.deps)).toBe(0)
  })

  it('opens at its time to exactly its recipients, the terms first', async () => {
    t.clock.set(PROVIDE_AT)
    const first = await elec.api.get(provisionPath())
    expect([first.status, first.json.error.code]).toEqual([409, 'priority_information.terms_not_accepted'])
    expect(first.text).not.toContain(SECRET)
    const listed = (await elec.api.get('/api/v1/priority-information/provisions')).json.provisions
    expect(listed).toMatchObject([{ id: provisionId, state: 'open', termsAccepted: false, title: null }])
    expect((await elec.api.post(`${provisionPath()}/acceptance`)).status).toBe(200)
    const read = await elec.api.get(provisionPath())
    expect(read.status).toBe(200)
    expect(read.json.advisory.title.ja).toBe(SECRET)
    // the named finance organisation reads it through the pages: terms, accept, draft
    const b = browserClient(t)
    await signInBrowser(t, b, finance)
    const terms = await b.get(`/priority-information/provisions/${provisionId}`)
    expect(terms.status).toBe(200)
    expect(terms.text).toContain('秘密保持条件')
    expect(terms.text).not.toContain(SECRET)
    const accepted = await b.post(`/priority-information/provisions/${provisionId}/accept`, {})
    expect([accepted.status, accepted.location]).toEqual([303, `/priority-information/provisions/${provisionId}`])
    expect((await b.get(`/priority-information/provisions/${provisionId}`)).text).toContain(SECRET)
    // everyone else: 404, the same as for a provision that does not exist
    for (const u of [telecom, s.developer, committee, admin, s.intake]) {
      expect((await u.api.get(provisionPath())).status).toBe(404)
      expect((await u.api.post(`${provisionPath()}/acceptance`)).status).toBe(404)
    }
    const finder = await createUser(t)
    expect((await finder.api.get(provisionPath())).status).toBe(404)
  })

  it('logs every access and shows coordinators the recipients and the log, not the recipient view', async () => {
    const log = await t.db.selectFrom('access_log').select('what').where('user_id', '=', elec.id).orderBy('id').execute()
    expect(log.map((l) => l.what)).toEqual(['priority_information:terms_shown', 'priority_information:terms_accepted', 'priority_information:draft_read'])
    const record = await s.coordinator.api.get(provisionPath())
    expect(record.status).toBe(200)
    expect(record.json.acceptances.map((a: any) => a.email).sort()).toEqual([elec.email, finance.email].sort())
    expect(record.json.accessLog.filter((l: any) => l.email === elec.email)).toHaveLength(3)
    expect(await t.db.selectFrom('access_log').select('id').where('user_id', '=', s.coordinator.id).execute()).toEqual([])
    expect((await s.coordinator.api.post(`${provisionPath()}/acceptance`)).status).toBe(404)
  })

  it('mails each recipient organisation once, even with two runs at the same time', async () => {
    const counts = await Promise.all([notifyDueProvisions(t.deps), notifyDueProvisions(t.deps)])
    expect(counts[0]! + counts[1]!).toBe(3)
    expect(await notifyDueProvisions(t.deps)).toBe(0)
    for (const u of [elec, finance]) {
      const mails = await lastMailTo(t, u.email)
      expect(mails).toHaveLength(1)
      expect(mails[0]!.body_text).toContain(`/priority-information/provisions/${provisionId}`)
      expect(mails[0]!.body_text).not.toContain(SECRET)
    }
    expect(await lastMailTo(t, telecom.email)).toEqual([])
    const timer = await t.db.selectFrom('timers').select(['resolution']).where('case_id', '=', s.caseId).where('kind', '=', 'priority_information_lead').executeTakeFirstOrThrow()
    expect(timer.resolution).toBe('provided')
  })

  it('moves with the publication date: the old time shows nothing, the new time opens it and mails again', async () => {
    await scheduleAdvisory(t.deps, { caseId: s.caseId, actor: actorOf((await loadCurrentUser(t.db, s.coordinator.id))!), publishAt: new Date('2026-06-15T01:00:00Z'), reason: '修正版の遅延' })
    // 5 business days before Monday 2026-06-15: Monday 2026-06-08 00:00 JST
    expect((await elec.api.get(provisionPath())).status).toBe(404)
    expect((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/priority-information`)).json.provision.provideAt).toBe('2026-06-07T15:00:00.000Z')
    t.clock.set('2026-06-07T14:59:59Z')
    expect((await elec.api.get(provisionPath())).status).toBe(404)
    expect(await notifyDueProvisions(t.deps)).toBe(0)
    t.clock.set('2026-06-07T15:00:00Z')
    expect((await elec.api.get(provisionPath())).status).toBe(200)
    expect(await notifyDueProvisions(t.deps)).toBe(3)
    expect((await lastMailTo(t, elec.email)).map((m) => m.subject)).toContain('[keikai] 優先情報の提供日時が変更されました')
  })

  it('counts provisions and acceptances by sector for staff only', async () => {
    const stats = await s.coordinator.api.get('/api/v1/priority-information/stats')
    const row = (sector: string) => stats.json.rows.find((r: any) => r.sector === sector)
    expect(row('electricity')).toEqual({ sector: 'electricity', organizations: 2, provisions: 1, acceptances: 1 })
    expect(row('finance')).toEqual({ sector: 'finance', organizations: 1, provisions: 1, acceptances: 1 })
    expect(row('telecommunications')).toEqual({ sector: 'telecommunications', organizations: 1, provisions: 0, acceptances: 0 })
    expect(stats.json.provisionsProvided).toBe(1)
    expect((await elec.api.get('/api/v1/priority-information/stats')).status).toBe(404)
    const b = browserClient(t)
    await signInBrowser(t, b, s.coordinator)
    const statsPage = await b.get('/priority-information/stats')
    // Column labels for phones (data-label) are presentation; the row's cells are what is checked.
    expect(statsPage.text.replace(/ data-label="[^"]*"/g, '')).toMatch(/<tr data-sector="electricity"><td>電力<\/td><td>2<\/td><td>1<\/td><td>1<\/td><\/tr>/)
    const list = await b.get('/priority-information')
    expect(list.text).toContain(`/priority-information/provisions/${provisionId}`)
    const record = await b.get(`/priority-information/provisions/${provisionId}`)
    expect(record.status).toBe(200)
    expect(record.text).toContain('公表前の脆弱性対策情報を閲覧')
    expect(record.text).toContain(elec.email)
    const orgPage = await b.get(`/priority-information/organizations/${orgs.finance}`)
    expect(orgPage.text).toContain('架空銀行')
    expect(orgPage.text).toContain('name="_csrf"')
  })

  it('after publication is just a link to the public advisory', async () => {
    t.clock.set('2026-06-15T01:00:00Z')
    await publishDueAdvisories(t.deps)
    const identifier = (await t.db.selectFrom('advisories').select('identifier').where('case_id', '=', s.caseId).executeTakeFirstOrThrow()).identifier!
    const slug = identifier.replace('#', '')
    const api = await elec.api.get(provisionPath())
    expect(api.json).toMatchObject({ state: 'published', url: `http://keikai.test/advisories/${slug}` })
    expect(api.json.advisory).toBeUndefined()
    const b = browserClient(t)
    await signInBrowser(t, b, elec)
    const pageRes = await b.get(`/priority-information/provisions/${provisionId}`)
    expect(pageRes.text).toContain(`href="/advisories/${slug}"`)
    expect(pageRes.text).not.toContain('秘密保持条件に同意')
    expect((await telecom.api.get(provisionPath())).status).toBe(404)
    expect(await notifyDueProvisions(t.deps)).toBe(0)
  })
})

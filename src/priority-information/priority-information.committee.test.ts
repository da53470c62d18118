import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser, type TestUser } from '../../test/support/clients.js'
import { declareThroughApi, walkToUnansweredDeveloper, type UnansweredCase } from '../uncontactable/uncontactable.test-support.js'

/**
 * Priority information on a case the committee decided to publish (連絡不能公表): scheduled for
 * Monday 2026-06-01 10:00 JST, provided from 2026-05-25 00:00 JST to the electricity sector.
 */
const TITLE = '委員会判定で公表される秘密の脆弱性'
const REASON = '電力分野で広く使われており、公表前に利用中止の準備が必要'
const PROVIDE_AT = '2026-05-24T15:00:00.000Z'

let t: TestApp
let s: UnansweredCase
let recipient: TestUser
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  s = await walkToUnansweredDeveloper(t)
  t.clock.set('2026-04-15T01:00:00Z')
  await declareThroughApi(s)
  const member = await createUser(t, { roles: ['committee'] })
  const { referralId } = (await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/committee-referrals`, { reason: 'uncontactable' })).json
  await member.api.post(`/api/v1/committee/referrals/${referralId}/votes`, { vote: 'publish', comment: '' })
  const decided = await s.coordinator.api.post(`/api/v1/committee/referrals/${referralId}/decision`, {
    decision: 'publish', reasons: '利用者保護', publishAt: '2026-06-01T01:00:00Z',
    advisory: {
      title: { ja: TITLE, en: 'Secret committee-decided flaw' }, overview: { ja: '概要', en: 'Overview' }, description: { ja: '詳細', en: 'Details' },
      impact: { ja: '影響', en: 'Impact' }, solution: { ja: '利用を中止してください', en: 'Stop using it' },
      vulnerabilities: [{ title: { ja: 'XSS', en: 'XSS' }, cweId: 'CWE-79' }], affectedProducts: [{ developer: '音信不通電機', product: 'WR-1000', versions: '1.0' }],
    },
  })
  expect(decided.status, decided.text).toBe(201)
  const org = await s.coordinator.api.post('/api/v1/priority-information/organizations', { name: { ja: '東日本電力', en: 'East Power' }, sector: 'electricity' })
  recipient = await createUser(t, { organizationId: org.json.id, name: 'Power SOC' })
})
afterAll(async () => { await t.close() })

describe('priority information on a case published by committee decision', () => {
  it('warns on the marking form that the rules never considered it, and asks why', async () => {
    const ja = (await s.coordinator.api.get(`/cases/${s.caseId}?tab=advisory`)).text
    expect(ja).toContain('data-testid="committee-decision-warning"')
    expect(ja).toContain('連絡不能公表')
    expect(ja).toContain('想定していません')
    expect(ja).toContain('name="committeeDecisionReason"')
    expect((await s.coordinator.api.get(`/cases/${s.caseId}?tab=advisory&lang=en`)).text).toContain('never considered publications decided by the committee')
  })

  it('refuses the marking without a reason, in the API and the form', async () => {
    const api = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/priority-information`, { sectors: ['electricity'], organizationIds: [] })
    expect(api.status).toBe(400)
    expect(api.json.error.code).toBe('priority_information.committee_reason_required')
    expect(api.json.error.details.fields).toHaveProperty('committeeDecisionReason')
    expect((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/priority-information`)).json.provision).toBeNull()

    const b = browserClient(t)
    await signInBrowser(t, b, s.coordinator)
    await b.get(`/cases/${s.caseId}?tab=advisory`)
    const form = await b.post(`/cases/${s.caseId}/priority-information`, { sectors: 'electricity', leadBusinessDays: '5', committeeDecisionReason: '  ' })
    expect(form.status).toBe(400)
    expect(form.text).toContain('data-testid="committee-decision-warning"')
    expect(form.text).toContain('委員会の判定による公表を優先情報提供の対象にする理由を記入してください')
  })

  it('records the reason and that the provision comes from a committee decision, for staff', async () => {
    const marked = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/priority-information`, { sectors: ['electricity'], organizationIds: [], committeeDecisionReason: REASON })
    expect(marked.status, marked.text).toBe(200)
    expect(marked.json.provision).toMatchObject({ fromCommitteeDecision: true, committeeDecisionReason: REASON })
    const provisionId = marked.json.provision.id
    const event = await t.db.selectFrom('case_events').select('data').where('case_id', '=', s.caseId).where('type', '=', 'priority_information_marked').executeTakeFirstOrThrow()
    expect(event.data).toMatchObject({ fromCommitteeDecision: true, committeeDecision: 'uncontactable', committeeDecisionReason: REASON })
    const record = await s.coordinator.api.get(`/priority-information/provisions/${provisionId}`)
    expect(record.text).toContain('data-testid="from-committee"')
    expect(record.text).toContain(REASON)
    expect((await s.coordinator.api.get('/priority-information')).text).toContain('data-testid="from-committee"')
    expect((await s.coordinator.api.get(`/cases/${s.caseId}?tab=advisory`)).text).toContain(REASON)
    expect((await s.coordinator.api.get(`/api/v1/priority-information/provisions/${provisionId}`)).json).toMatchObject({ fromCommitteeDecision: true, committeeDecisionReason: REASON })
  })

  it('tells the recipient the information comes from a committee decision, but not the coordinator\'s reason', async () => {
    const provisionId = (await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/priority-information`)).json.provision.id
    t.clock.set(PROVIDE_AT)
    const terms = await recipient.api.get(`/priority-information/provisions/${provisionId}`)
    expect(terms.status).toBe(200)
    expect(terms.text).toContain('公表判定委員会の判定に基づき、製品開発者の確認を経ずに公表されるもの')
    expect((await recipient.api.post(`/api/v1/priority-information/provisions/${provisionId}/acceptance`, {})).status).toBe(200)
    const draft = await recipient.api.get(`/priority-information/provisions/${provisionId}`)
    expect(draft.text).toContain(TITLE)
    expect(draft.text).toContain('data-testid="recipient-committee-notice"')
    expect(draft.text).not.toContain(REASON)
    const api = await recipient.api.get(`/api/v1/priority-information/provisions/${provisionId}`)
    expect(api.json).toMatchObject({ fromCommitteeDecision: true, state: 'open' })
    expect(api.text).not.toContain(REASON)
    const list = await recipient.api.get('/api/v1/priority-information/provisions')
    expect(list.json.provisions[0]).toMatchObject({ fromCommitteeDecision: true })
    expect(list.text).not.toContain(REASON)
  })
})

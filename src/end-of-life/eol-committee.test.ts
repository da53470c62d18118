import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, createUser } from '../../test/support/clients.js'
import { walkToUnansweredDeveloper } from '../uncontactable/uncontactable.test-support.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'
import { completeDraft, walkToEndOfLife } from './eol.test-support.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-01T01:00:00Z' }) })
afterAll(async () => { await t.close() })

const referralOf = (caseId: string) => t.db.selectFrom('committee_referrals').select(['id', 'reason', 'note', 'status']).where('case_id', '=', caseId).executeTakeFirst()

describe('EoL case D: uncoordinatable', () => {
  it('refers the case to the committee, whose decision publishes the "stop using" advisory', async () => {
    const s = await walkToEndOfLife(t)
    expect((await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'D' })).status).toBe(400)
    const res = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'D', note: '修正予定なし、公表も拒否' })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json).toMatchObject({ handling: 'D', status: 'committee_review', solutionFilled: true })
    expect(await referralOf(s.caseId)).toMatchObject({ id: res.json.referralId, reason: 'uncoordinatable', note: '修正予定なし、公表も拒否', status: 'open' })
    const timeline = (await s.caseJson()).timeline.map((e: { type: string }) => e.type)
    expect(timeline.slice(-3)).toEqual(['refer_to_committee', 'eol_handling_chosen', 'advisory_draft_saved'])

    const member = await createUser(t, { roles: ['committee'], name: 'Member Mori' })
    expect((await member.api.post(`/api/v1/committee/referrals/${res.json.referralId}/votes`, { vote: 'publish', comment: '利用中止を呼びかけるべき' })).status).toBe(201)
    const content = (await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/advisory`)).json.advisory.content
    const publishAt = new Date(t.clock.now().getTime() + 3600_000)
    const decided = await s.coordinator.api.post(`/api/v1/committee/referrals/${res.json.referralId}/decision`, {
      decision: 'publish', reasons: '利用者保護のため公表', publishAt: publishAt.toISOString(), advisory: completeDraft(content),
    })
    expect(decided.status, JSON.stringify(decided.json)).toBe(201)
    t.clock.set(new Date(publishAt.getTime() + 1000))
    await publishDueAdvisories(t.deps)
    expect((await s.caseJson()).status).toBe('published')
    const advisory = (await apiClient(t).get(`/api/v1/advisories/${decided.json.identifier.replace('#', '')}`)).json
    expect(advisory.solution.ja).toContain('使用を中止')
    expect(advisory.solution.en).toContain('Stop using WR-1000')
    expect((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/end-of-life`)).json.handling).toBe('D')
  })
})

describe('EoL case E: uncontactable', () => {
  it('declares a developer who stopped answering uncontactable once the contact policy is met, then refers the case', async () => {
    const s = await walkToEndOfLife(t)
    for (const attemptedOn of ['2026-04-02', '2026-04-03', '2026-04-06']) {
      const r = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/contact-attempts`, { channel: 'email', address: s.contactEmail, attemptedOn, result: 'no_answer' })
      expect(r.status, r.text).toBe(201)
    }
    t.clock.set('2026-04-07T01:00:00Z')
    const early = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'E', note: '通知後に応答なし' })
    expect(early.status).toBe(409)
    expect(early.json.error.code).toBe('uncontactable.policy_not_met')
    expect((await s.caseJson()).status).toBe('developer_notified')
    expect((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/end-of-life`)).json.handling).toBe(null)

    t.clock.set('2026-04-20T01:00:00Z')
    const res = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'E', note: '通知後に応答なし' })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json).toMatchObject({ handling: 'E', status: 'committee_review' })
    expect(await referralOf(s.caseId)).toMatchObject({ reason: 'uncontactable', status: 'open' })
    const timeline = (await s.caseJson()).timeline.map((e: { type: string }) => e.type)
    expect(timeline.slice(-4)).toEqual(['declare_uncontactable', 'refer_to_committee', 'eol_handling_chosen', 'advisory_draft_saved'])
    const listed = (await apiClient(t).get('/api/v1/uncontactable')).json.listings
    expect(listed.map((l: { developer: { ja: string } }) => l.developer.ja)).toContain('サンプル電機株式会社')
  })

  it('refers a developer who could never be notified', async () => {
    const s = await walkToUnansweredDeveloper(t, { attempts: [
      { channel: 'email', attemptedOn: '2026-04-21', result: 'no_answer' },
      { channel: 'email', attemptedOn: '2026-04-22', result: 'bounced' },
      { channel: 'phone', attemptedOn: '2026-04-23', result: 'no_answer' },
    ] })
    expect((await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/end-of-life`, { supportEndDate: '2019-03-31' })).status).toBe(200)
    t.clock.set('2026-05-20T01:00:00Z')
    const res = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'E', note: '連絡先がすべて不通' })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json).toMatchObject({ handling: 'E', status: 'committee_review' })
    expect((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json.timeline.map((e: { type: string }) => e.type))
      .toEqual(expect.arrayContaining(['declare_uncontactable', 'refer_to_committee', 'eol_handling_chosen']))
  })
})

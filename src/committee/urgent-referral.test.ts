import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { createUser, type TestUser } from '../../test/support/clients.js'
import { productReport } from '../../test/support/fixtures.js'
import { runDeadlineJobs } from '../deadlines/deadline-jobs.js'
import { afterRestart, twoRunnersAtOnce } from '../deadlines/deadline-jobs.test-support.js'
import { declareThroughApi, walkToUnansweredDeveloper, type UnansweredCase } from '../uncontactable/uncontactable.test-support.js'

const DESCRIPTION = productReport().description as string
const URGENCY_REASON = '同種の攻撃が観測されており利用者への危険が差し迫っている'

let t: TestApp
let chair: TestUser, member: TestUser, recusing: TestUser, admin: TestUser
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  chair = await createUser(t, { roles: ['committee'], name: 'Chair Mori' })
  member = await createUser(t, { roles: ['committee'], name: 'Member Abe', email: `member-en-${Math.random().toString(36).slice(2)}@example.test` })
  recusing = await createUser(t, { roles: ['committee'], name: 'Member Ueda' })
  admin = await createUser(t, { roles: ['admin'] })
  await t.db.updateTable('users').set({ locale: 'en' }).where('id', '=', member.id).execute()
})
afterAll(async () => { await t.close() })

const mailTo = (to: string, subjectLike: string) => t.db.selectFrom('mail_outbox').select(['subject', 'body_text'])
  .where('to_address', '=', to).where('subject', 'like', subjectLike).orderBy('created_at').execute()
const eventsOf = (caseId: string, type: string) => t.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).where('type', '=', type).execute()

async function listedCase(ja: string, en: string) {
  t.clock.set('2026-04-01T01:00:00Z')
  const s = await walkToUnansweredDeveloper(t, { orgName: { ja, en } })
  t.clock.set('2026-04-15T01:00:00Z')
  await declareThroughApi(s)
  await runDeadlineJobs(t.deps) // the ordinary referral clock starts at the listing
  return s
}

const timerOf = async (s: UnansweredCase, kind: string) =>
  ((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/deadlines`)).json.timers as any[]).filter((x) => x.kind === kind).at(-1)

describe('an urgent referral to the committee', () => {
  let s: UnansweredCase
  let referralId: string

  it('is marked urgent by a coordinator with a reason, and every member who can act is mailed at once without case details', async () => {
    s = await listedCase('緊急電機株式会社', 'Urgent Electric Co.')
    referralId = (await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/committee-referrals`, { reason: 'uncontactable', note: '応答なし' })).json.referralId
    expect((await recusing.api.post(`/api/v1/committee/referrals/${referralId}/recusal`, { reason: '利害関係あり' })).status).toBe(201)
    t.clock.set('2026-04-16T01:00:00Z') // Thursday, 10:00 in Tokyo

    const blank = await s.coordinator.api.post(`/api/v1/committee/referrals/${referralId}/urgency`, { reason: ' ' })
    expect(blank.status).toBe(400)
    expect(blank.json.error.details.fields).toHaveProperty('reason')
    // Members vote; they do not set the committee's agenda.
    expect((await chair.api.post(`/api/v1/committee/referrals/${referralId}/urgency`, { reason: URGENCY_REASON })).status).toBe(404)

    const marked = await s.coordinator.api.post(`/api/v1/committee/referrals/${referralId}/urgency`, { reason: URGENCY_REASON })
    expect(marked.status, marked.text).toBe(201)
    // Three business days from Thursday 16 April: Friday, Monday, Tuesday.
    expect(marked.json).toMatchObject({ referralId, due: '2026-04-21' })
    const ja = await mailTo(chair.email, '%緊急%')
    expect(ja).toHaveLength(1)
    expect(ja[0]!.body_text).toContain(`/committee/referrals/${referralId}`)
    expect(ja[0]!.body_text).toContain('2026/04/21')
    const en = await mailTo(member.email, '%URGENT%')
    expect(en).toHaveLength(1)
    for (const mail of [...ja, ...en]) {
      expect(mail.body_text).not.toContain(DESCRIPTION)
      expect(mail.body_text).not.toContain(URGENCY_REASON)
    }
    expect(await mailTo(recusing.email, '%緊急%')).toEqual([])
    expect((await eventsOf(s.caseId, 'committee_urgency_marked'))[0]!.data).toMatchObject({ referralId, reason: URGENCY_REASON })

    const again = await s.coordinator.api.post(`/api/v1/committee/referrals/${referralId}/urgency`, { reason: 'もう一度' })
    expect(again.status).toBe(409)
    expect(again.json.error.code).toBe('committee.already_urgent')
  })

  it('comes first in the committee list with a badge, and its page shows the reason to members who may read it', async () => {
    t.clock.set('2026-04-16T02:00:00Z')
    const later = await listedCase('後発電機', 'Later Electric')
    t.clock.set('2026-04-16T03:00:00Z')
    const ordinary = (await later.coordinator.api.post(`/api/v1/cases/${later.caseId}/committee-referrals`, { reason: 'uncontactable' })).json.referralId
    const list = (await chair.api.get('/api/v1/committee/referrals')).json.referrals
    expect(list.map((r: { id: string }) => r.id).slice(0, 2)).toEqual([referralId, ordinary])
    expect(list[0]).toMatchObject({ urgent: true })
    expect(list[1]).toMatchObject({ urgent: false })
    const html = (await chair.api.get('/committee')).text
    expect(html.indexOf(`data-referral="${referralId}" data-urgent="true"`)).toBeGreaterThan(-1)
    expect(html.indexOf(`data-referral="${referralId}"`)).toBeLessThan(html.indexOf(`data-referral="${ordinary}"`))
    expect(html).toContain('data-testid="urgent-badge"')

    const page = (await chair.api.get(`/committee/referrals/${referralId}`)).text
    expect(page).toContain(URGENCY_REASON)
    expect(page).toContain('2026/04/21')
    expect(page).not.toContain('data-testid="mark-urgent"')
    const recusedPage = (await recusing.api.get(`/committee/referrals/${referralId}`)).text
    expect(recusedPage).toContain('data-testid="urgent-badge"')
    expect(recusedPage).not.toContain(URGENCY_REASON)
    expect((await recusing.api.get(`/api/v1/committee/referrals/${referralId}`)).json.referral).not.toHaveProperty('urgency_reason')
  })

  it('lets the secretariat convene a meeting for this referral only', async () => {
    const page = await s.coordinator.api.get(`/committee/referrals/${referralId}`)
    expect(page.text).toContain(`/committee/meetings?referral=${referralId}`)
    const form = (await s.coordinator.api.get(`/committee/meetings?referral=${referralId}`)).text
    expect(form).toContain('data-testid="meeting-for-referral"')
    expect(form).toContain('この付議だけを審議する会合')
    expect(form.match(/name="referralIds"/g)).toHaveLength(1)
    expect(form).toMatch(new RegExp(`value="${referralId}" checked`))
    expect((await s.coordinator.api.get('/committee/meetings?referral=nonexistent')).text).not.toContain('data-testid="meeting-for-referral"')
    const recorded = await s.coordinator.api.post('/api/v1/committee/meetings', { heldOn: '2026-04-17', chairId: chair.id, attendeeIds: [chair.id, member.id], referralIds: [referralId] })
    expect(recorded.status, recorded.text).toBe(201)
    expect((await s.coordinator.api.get(`/api/v1/committee/meetings/${recorded.json.meetingId}`)).json.referrals.map((r: { id: string }) => r.id)).toEqual([referralId])
  })

  it('runs on its own shorter deadline policy: reminded once, whatever the runners; the ordinary referral clock ended at the referral', async () => {
    t.clock.set('2026-04-17T01:00:00Z')
    await runDeadlineJobs(t.deps)
    expect((await timerOf(s, 'committee_referral')).resolved).toMatchObject({ resolution: 'referred' })
    const urgent = await timerOf(s, 'committee_urgent_referral')
    expect(urgent).toMatchObject({ dueDate: '2026-04-21', resolved: null })
    const reminders = () => mailTo(s.coordinator.email, '%緊急付議の判定期限%')
    expect(await reminders()).toEqual([])
    // The reminder goes one business day before: Monday 20 April, from 00:00 in Tokyo.
    t.clock.set('2026-04-19T15:00:00Z')
    await twoRunnersAtOnce(t)
    await afterRestart(t)
    expect((await reminders()).map((m) => m.subject)).toEqual(['[keikai] 期日が近づいています: 緊急付議の判定期限'])
    expect((await reminders())[0]!.body_text).not.toContain(DESCRIPTION)
    // The administrator edits it at /deadlines/policies like the others.
    const policies = (await admin.api.get('/api/v1/deadlines/policies')).json.policies as any[]
    expect(policies.find((p) => p.kind === 'committee_urgent_referral')).toMatchObject({ amount: 3, unit: 'business_days', baseEvent: 'urgent_referral' })
    expect((await admin.api.get('/deadlines/policies')).text).toContain('緊急付議の判定期限')
  })

  it('goes back to normal handling when the urgency is cancelled with a reason', async () => {
    t.clock.set('2026-04-20T01:00:00Z')
    expect((await s.coordinator.api.post(`/api/v1/committee/referrals/${referralId}/urgency/cancellation`, {})).status).toBe(400)
    const cancelled = await s.coordinator.api.post(`/api/v1/committee/referrals/${referralId}/urgency/cancellation`, { reason: '攻撃の観測は誤報だった' })
    expect(cancelled.status, cancelled.text).toBe(200)
    await runDeadlineJobs(t.deps)
    expect((await timerOf(s, 'committee_urgent_referral')).resolved).toMatchObject({ resolution: 'urgency_cancelled' })
    expect((await chair.api.get('/api/v1/committee/referrals')).json.referrals.find((r: { id: string }) => r.id === referralId)).toMatchObject({ urgent: false })
    expect((await eventsOf(s.caseId, 'committee_urgency_cancelled'))[0]!.data).toMatchObject({ reason: '攻撃の観測は誤報だった' })
    const twice = await s.coordinator.api.post(`/api/v1/committee/referrals/${referralId}/urgency/cancellation`, { reason: 'x' })
    expect(twice.json.error.code).toBe('committee.not_urgent')
    // No overdue notice for a clock that was stopped.
    t.clock.set('2026-04-22T01:00:00Z')
    await runDeadlineJobs(t.deps)
    expect((await mailTo(s.coordinator.email, '%期日を過ぎました: 緊急付議%'))).toEqual([])
  })

  it('can be referred as urgent directly (a reason is required); a decision ends the urgency', async () => {
    const d = await listedCase('直行電機', 'Direct Electric')
    const missing = await d.coordinator.api.post(`/api/v1/cases/${d.caseId}/committee-referrals`, { reason: 'uncontactable', urgent: true })
    expect(missing.status).toBe(400)
    expect(missing.json.error.details.fields).toHaveProperty('urgencyReason')
    const referred = await d.coordinator.api.post(`/api/v1/cases/${d.caseId}/committee-referrals`, { reason: 'uncontactable', urgent: true, urgencyReason: URGENCY_REASON })
    expect(referred.status, referred.text).toBe(201)
    expect(referred.json).toMatchObject({ urgent: true })
    // One mail per member, the urgent one instead of the ordinary one.
    const mails = (await mailTo(chair.email, '%')).filter((m) => m.body_text.includes(`/committee/referrals/${referred.json.referralId}`))
    expect(mails.map((m) => m.subject)).toEqual(['[keikai] 【緊急】公表判定委員会に緊急の付議があります'])
    await runDeadlineJobs(t.deps)
    expect(await timerOf(d as UnansweredCase, 'committee_urgent_referral')).toMatchObject({ dueDate: '2026-04-20', resolved: null })

    await member.api.post(`/api/v1/committee/referrals/${referred.json.referralId}/votes`, { vote: 'keep_waiting', comment: '' })
    expect((await d.coordinator.api.post(`/api/v1/committee/referrals/${referred.json.referralId}/decision`, { decision: 'keep_waiting', reasons: '連絡先を再調査' })).status).toBe(201)
    await runDeadlineJobs(t.deps)
    expect((await timerOf(d as UnansweredCase, 'committee_urgent_referral')).resolved).toMatchObject({ resolution: 'decided' })
    expect((await d.coordinator.api.get(`/api/v1/committee/referrals/${referred.json.referralId}`)).json.referral).toMatchObject({ urgent: false })
  })

  it('offers the urgent referral on the case page form', async () => {
    const f = await listedCase('画面電機', 'Form Electric')
    const html = (await f.coordinator.api.get(`/cases/${f.caseId}?tab=parties`)).text
    expect(html).toContain('name="urgent"')
    expect(html).toContain('name="urgencyReason"')
  })
})

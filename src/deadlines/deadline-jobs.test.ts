import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { walkToNotifiedDeveloper } from '../../test/support/story.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'
import { systemActor, transitionProductCase } from '../cases/case-events.js'
import { runDeadlineJobs } from './deadline-jobs.js'
import { startTimer } from './timers.usecases.js'
import { afterRestart, twoRunnersAtOnce } from './deadline-jobs.test-support.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2025-04-28T01:00:00Z' }) })
afterAll(async () => { await t.close() })

/** Deadline mail in the outbox to one address (reminders and overdue notices). */
async function deadlineMail(to: string) {
  return t.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('to_address', '=', to)
    .where((eb) => eb.or([eb('subject', 'like', '%期日%'), eb('subject', 'like', '%受領確認%'), eb('subject', 'like', '%Deadline%')]))
    .orderBy('created_at').execute()
}


describe('deadline reminders', () => {
  it('are sent once and not twice: with two runners at once, and again after a restart', async () => {
    const s = await walkToNotifiedDeveloper(t) // Monday 28 April 2025, 10:00 in Tokyo
    await runDeadlineJobs(t.deps)
    expect(await deadlineMail(s.coordinator.email)).toEqual([])

    // The acknowledgement is due Thursday 8 May; the reminder goes out two business days before, on Friday 2 May.
    t.clock.set('2025-05-01T14:59:00Z')
    await twoRunnersAtOnce(t)
    expect(await deadlineMail(s.coordinator.email)).toEqual([])

    t.clock.set('2025-05-02T00:30:00Z')
    await twoRunnersAtOnce(t)
    await afterRestart(t)
    const staff = await deadlineMail(s.coordinator.email)
    expect(staff.map((m) => m.subject)).toEqual(['[keikai] 期日が近づいています: 開発者の受領確認期限'])
    expect(staff[0]!.body_text).toContain('2025/05/08')
    expect(staff[0]!.body_text).toContain(`http://keikai.test/cases/${s.caseId}`)
    // No vulnerability details in mail: not even the product name.
    expect(staff[0]!.body_text).not.toContain('WR-1000')
    const developer = await deadlineMail(s.contactEmail)
    expect(developer.map((m) => m.subject)).toEqual(['[keikai] 脆弱性通知の受領確認のお願い'])

    // Past the due day: one overdue notice each, however many runners and restarts.
    t.clock.set('2025-05-08T15:00:00Z')
    await twoRunnersAtOnce(t)
    await afterRestart(t)
    await twoRunnersAtOnce(t)
    expect((await deadlineMail(s.coordinator.email)).map((m) => m.subject)).toEqual([
      '[keikai] 期日が近づいています: 開発者の受領確認期限', '[keikai] 期日を過ぎました: 開発者の受領確認期限',
    ])
    expect(await deadlineMail(s.contactEmail)).toHaveLength(2)
    const timer = await t.db.selectFrom('timers').selectAll().where('case_id', '=', s.caseId).where('kind', '=', 'developer_acknowledgement').executeTakeFirstOrThrow()
    expect(timer.reminded_at).toEqual(new Date('2025-05-02T00:30:00Z'))
    expect(timer.overdue_notified_at).toEqual(new Date('2025-05-08T15:00:00Z'))
  })

  it('a timer first seen after its due time gets only the overdue notice', async () => {
    t.clock.set('2025-06-02T01:00:00Z')
    const s = await walkToNotifiedDeveloper(t)
    t.clock.set('2025-07-01T01:00:00Z')
    await runDeadlineJobs(t.deps)
    expect((await deadlineMail(s.coordinator.email)).map((m) => m.subject)).toEqual(['[keikai] 期日を過ぎました: 開発者の受領確認期限'])
  })
})

describe('the acknowledgement reminder to a developer without an account yet', () => {
  it('goes to the invited contact in both languages, with no secret link', async () => {
    t.clock.set('2025-08-04T01:00:00Z')
    const s = await walkToNotifiedDeveloper(t)
    await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/acknowledge`)
    const org = await s.coordinator.api.post('/api/v1/organizations', { name: { ja: '第二電機', en: 'Second Electric' } })
    const contact = await s.coordinator.api.post(`/api/v1/organizations/${org.json.id}/contacts`, { name: 'PSIRT', email: 'psirt@second.example' })
    const party = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/parties`, { organizationId: org.json.id })
    expect((await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/parties/${party.json.partyId}/notify`, { contactId: contact.json.id })).status).toBe(200)
    await runDeadlineJobs(t.deps)
    t.clock.set('2025-08-14T01:00:00Z') // past the due day (12 August), within the invitation's 14 days
    await runDeadlineJobs(t.deps)
    const mail = await deadlineMail('psirt@second.example')
    expect(mail).toHaveLength(1)
    expect(mail[0]!.subject).toBe('[keikai] 脆弱性通知の受領確認がまだです / [keikai] Our vulnerability notification is not yet acknowledged')
    expect(mail[0]!.body_text).not.toMatch(/invitations\//)
    // The first developer acknowledged long ago and hears nothing more.
    expect(await deadlineMail(s.contactEmail)).toEqual([])
  })
})

const advisory = {
  title: { ja: 'WR-1000 におけるクロスサイト・スクリプティングの脆弱性', en: 'WR-1000 cross-site scripting' },
  overview: { ja: '概要', en: 'Overview' }, description: { ja: '詳細', en: 'Details' }, impact: { ja: '影響', en: 'Impact' }, solution: { ja: '対策', en: 'Solution' },
  vulnerabilities: [{ title: { ja: 'XSS', en: 'XSS' }, cweId: 'CWE-79' }], affectedProducts: [{ developer: 'サンプル電機', product: 'WR-1000', versions: '1.0' }],
}

describe('the publication target', () => {
  it('runs from the 起算日, follows the agreed publication date as it moves, and ends at publication', async () => {
    t.clock.set('2025-09-01T01:00:00Z')
    const s = await walkToNotifiedDeveloper(t)
    const target = async () => ((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/deadlines`)).json.timers as any[]).find((x) => x.kind === 'publication_target')
    await runDeadlineJobs(t.deps)
    expect((await target()).dueDate).toBe('2025-10-16')

    await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'vulnerable', statement: { ja: '修正版を公開予定' } })
    expect((await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, advisory)).status).toBe(200)
    expect((await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/schedule`, { publishAt: '2025-10-10T02:00:00Z' })).status).toBe(200)
    await runDeadlineJobs(t.deps)
    expect((await target())).toMatchObject({ dueAt: '2025-10-10T02:00:00.000Z', dueDate: '2025-10-10' })
    // The priority-information feature starts its lead-time timer; it then follows the date too.
    await t.db.transaction().execute((trx) => startTimer(trx, { caseId: s.caseId, kind: 'priority_information_lead', baseDate: new Date('2025-10-10T02:00:00Z'), now: t.clock.now() }))
    const priority = async () => ((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/deadlines`)).json.timers as any[]).find((x) => x.kind === 'priority_information_lead')
    expect((await priority()).dueDate).toBe('2025-10-03') // five business days before Friday 10 October

    // Moving the date needs a reason (the advisories feature refuses it without one); the timer follows the move.
    const noReason = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/schedule`, { publishAt: '2025-10-24T02:00:00Z' })
    expect(noReason.status).toBe(400)
    expect(noReason.json.error.code).toBe('advisories.reason_required')
    expect((await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/advisory/schedule`, { publishAt: '2025-10-24T02:00:00Z', reason: '開発者の修正版リリースが遅れるため' })).status).toBe(200)
    await runDeadlineJobs(t.deps)
    const moved = await target()
    expect(moved).toMatchObject({ dueAt: '2025-10-24T02:00:00.000Z', dueDate: '2025-10-24', resolved: null })
    expect((await priority()).dueDate).toBe('2025-10-17')

    t.clock.set('2025-10-24T02:00:01Z')
    expect(await publishDueAdvisories(t.deps)).toBe(1)
    await runDeadlineJobs(t.deps)
    expect((await target()).resolved).toMatchObject({ resolution: 'published' })
    expect((await priority()).resolved).toMatchObject({ resolution: 'published' })
    // Published on time: no overdue notice for the publication target.
    expect((await deadlineMail(s.coordinator.email)).map((m) => m.subject)).not.toContain('[keikai] 期日を過ぎました: 公表目標日')
  })
})

describe('an uncontactable developer', () => {
  it('starts the committee-referral and product-details clocks at the listing, and referral and resumption end them', async () => {
    t.clock.set('2025-11-04T01:00:00Z')
    const s = await walkToNotifiedDeveloper(t)
    await runDeadlineJobs(t.deps)
    const timers = async () => (await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/deadlines`)).json.timers as any[]
    const of = async (kind: string) => (await timers()).find((x) => x.kind === kind)

    t.clock.set('2025-12-01T01:00:00Z') // Monday
    await transitionProductCase(t.db, { caseId: s.caseId, action: 'declare_uncontactable', actor: systemActor, clock: t.clock })
    await runDeadlineJobs(t.deps)
    expect((await of('developer_acknowledgement')).resolved).toMatchObject({ resolution: 'moved_on' })
    // Twenty business days, skipping 29 December – 3 January: due Monday 5 January 2026.
    expect((await of('committee_referral')).dueDate).toBe('2026-01-05')
    expect((await of('uncontactable_product_details')).dueDate).toBe('2026-03-01')

    await transitionProductCase(t.db, { caseId: s.caseId, action: 'refer_to_committee', actor: systemActor, clock: t.clock })
    await runDeadlineJobs(t.deps)
    expect((await of('committee_referral')).resolved).toMatchObject({ resolution: 'referred' })
    expect((await of('uncontactable_product_details')).resolved).toBeNull()

    await transitionProductCase(t.db, { caseId: s.caseId, action: 'resume_coordination', actor: systemActor, clock: t.clock })
    await runDeadlineJobs(t.deps)
    expect((await of('uncontactable_product_details')).resolved).toMatchObject({ resolution: 'resumed' })
    expect((await of('publication_target')).resolved).toBeNull()
  })
})

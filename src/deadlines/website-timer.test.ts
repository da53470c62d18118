import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { createUser, type TestUser } from '../../test/support/clients.js'
import { fileWebsiteReport, registerOperator, walkToNotifiedOperator } from '../../test/support/website-story.js'
import { runDeadlineJobs } from './deadline-jobs.js'
import { afterRestart, twoRunnersAtOnce } from './deadline-jobs.test-support.js'

let t: TestApp
let admin: TestUser
let coordinator: TestUser
beforeAll(async () => {
  t = await setupTestApp({ now: '2025-04-01T01:00:00Z' }) // Tuesday 1 April 2025, 10:00 in Tokyo
  admin = await createUser(t, { roles: ['admin'], name: 'Admin Abe' })
  coordinator = await createUser(t, { roles: ['coordinator'], name: 'Coordinator Kato' })
})
afterAll(async () => { await t.close() })

const STAFF_REMINDER = '[keikai] 期日が近づいています: ウェブサイトの取扱い長期化'
const STAFF_OVERDUE = '[keikai] 期日を過ぎました: ウェブサイトの取扱い長期化'
const OPERATOR_REMINDER = '[keikai] ウェブサイトの脆弱性の修正状況をお知らせください'
const OPERATOR_OVERDUE = '[keikai] ウェブサイトの脆弱性の修正が長期化しています'

/** The long-running notices in the outbox to one address, oldest first. */
async function noticesTo(to: string) {
  return t.db.selectFrom('mail_outbox').select(['subject', 'body_text']).where('to_address', '=', to)
    .where((eb) => eb.or([eb('subject', 'like', '%ウェブサイトの取扱い長期化%'), eb('subject', 'like', '%ウェブサイトの脆弱性の修正%')]))
    .orderBy('created_at').orderBy('id').execute()
}
const subjectsTo = async (to: string) => (await noticesTo(to)).map((m) => m.subject)


async function longRunningTimers(caseId: string, staff: TestUser) {
  const res = await staff.api.get(`/api/v1/cases/${caseId}/deadlines`)
  expect(res.status).toBe(200)
  return (res.json.timers as any[]).filter((x) => x.kind === 'website_long_running')
}

describe('the long-running clock of a website case', () => {
  it('starts at the first notification and reminds the operator and the handling officer once before day 90 and once after it', async () => {
    const s = await walkToNotifiedOperator(t)
    const otherIntake = await createUser(t, { roles: ['intake'], name: 'Intake Ueda' })
    await runDeadlineJobs(t.deps)
    const [timer] = await longRunningTimers(s.caseId, s.intake)
    // 90 calendar days after Tuesday 1 April: Monday 30 June, due by the end of that day.
    expect(timer).toMatchObject({ dueDate: '2025-06-30', resolved: null, overdue: false })
    // Intake sees it on the deadline queue; coordinators never see website cases.
    expect(((await s.intake.api.get('/api/v1/deadlines')).json.timers as any[]).some((x) => x.id === timer.id)).toBe(true)
    expect(((await coordinator.api.get('/api/v1/deadlines')).json.timers as any[]).some((x) => x.caseId === s.caseId)).toBe(false)

    // The reminder goes out ten business days before: Monday 16 June, 00:00 in Tokyo.
    t.clock.set('2025-06-15T14:59:00Z')
    await twoRunnersAtOnce(t)
    expect(await subjectsTo(s.intake.email)).toEqual([])
    t.clock.set('2025-06-15T15:00:00Z')
    await twoRunnersAtOnce(t)
    await afterRestart(t)
    expect(await subjectsTo(s.intake.email)).toEqual([STAFF_REMINDER])
    expect(await subjectsTo(s.contactEmail)).toEqual([OPERATOR_REMINDER])
    const [staffMail] = await noticesTo(s.intake.email)
    const [operatorMail] = await noticesTo(s.contactEmail)
    expect(staffMail!.body_text).toContain('2025/06/30')
    expect(operatorMail!.body_text).toContain(`http://keikai.test/cases/${s.caseId}`)
    // A pointer to sign in, nothing about the site.
    for (const m of [staffMail!, operatorMail!]) {
      expect(m.body_text).not.toContain('city.sample.lg.jp')
      expect(m.body_text).not.toContain('script')
      expect(m.body_text).not.toContain('クロスサイト')
    }
    // The case has its officer: other intake staff and coordinators hear nothing.
    expect(await subjectsTo(otherIntake.email)).toEqual([])
    expect(await subjectsTo(coordinator.email)).toEqual([])

    // Past the due day: one overdue notice each, however many runners and restarts.
    t.clock.set('2025-06-30T15:00:00Z')
    await twoRunnersAtOnce(t)
    await afterRestart(t)
    await twoRunnersAtOnce(t)
    expect(await subjectsTo(s.intake.email)).toEqual([STAFF_REMINDER, STAFF_OVERDUE])
    expect(await subjectsTo(s.contactEmail)).toEqual([OPERATOR_REMINDER, OPERATOR_OVERDUE])
    const [after] = await longRunningTimers(s.caseId, s.intake)
    expect(after).toMatchObject({ overdue: true, remindedAt: '2025-06-15T15:00:00.000Z', overdueNotifiedAt: '2025-06-30T15:00:00.000Z', resolved: null })

    // The operator reports its fix: the clock ends as 'closed' and sends nothing more.
    expect((await s.operator.api.post(`/api/v1/cases/${s.caseId}/fix`, { fixType: 'code_fixed' })).status).toBe(200)
    t.clock.set('2025-07-31T01:00:00Z')
    await runDeadlineJobs(t.deps)
    expect((await longRunningTimers(s.caseId, s.intake))[0].resolved).toMatchObject({ resolution: 'closed' })
    expect(await noticesTo(s.contactEmail)).toHaveLength(2)
  })

  it('with no officer on the case, reminds every intake officer (not coordinators), and an operator contact not yet registered in both languages', async () => {
    t.clock.set('2025-08-01T01:00:00Z') // Friday
    // A short policy, so that the deadline falls while the contact's invitation (14 days) is still open.
    expect((await admin.api.put('/api/v1/deadlines/policies/website_long_running', { amount: 10, reminderLeadBusinessDays: 2 })).status).toBe(200)
    const intake = await createUser(t, { roles: ['intake'], name: 'Intake Ono' })
    const filed = await fileWebsiteReport(t)
    expect((await intake.api.post(`/api/v1/cases/${filed.caseId}/accept`, {})).status).toBe(200)
    const op = await registerOperator(intake, { nameJa: '未登録株式会社', nameEn: 'Unregistered Inc.', orgType: 'company' })
    expect((await intake.api.post(`/api/v1/cases/${filed.caseId}/operator`, { organizationId: op.orgId, contactId: op.contactId })).status).toBe(200)
    await t.db.updateTable('cases').set({ coordinator_id: null }).where('id', '=', filed.caseId).execute()
    const otherIntake = await createUser(t, { roles: ['intake'], name: 'Intake Ueno' })
    await runDeadlineJobs(t.deps)
    expect((await longRunningTimers(filed.caseId, intake))[0].dueDate).toBe('2025-08-11')

    t.clock.set('2025-08-11T15:00:00Z') // the end of Monday 11 August in Tokyo
    await runDeadlineJobs(t.deps)
    await afterRestart(t)
    for (const who of [intake, otherIntake]) expect(await subjectsTo(who.email)).toEqual([STAFF_OVERDUE])
    expect(await subjectsTo(coordinator.email)).toEqual([])
    expect(await subjectsTo(admin.email)).toEqual([])
    const [invited] = await noticesTo(op.contactEmail)
    expect(invited!.subject).toBe(`${OPERATOR_OVERDUE} / [keikai] The fix of your website is taking long`)
    expect(invited!.body_text).toContain('became long-running on 2025-08-11')
    expect(invited!.body_text).not.toMatch(/invitations\//)
    expect(await noticesTo(op.contactEmail)).toHaveLength(1)
    expect((await admin.api.put('/api/v1/deadlines/policies/website_long_running', { amount: 90, reminderLeadBusinessDays: 10 })).status).toBe(200)
  })

  it('ends when the case stalls, and continues from the first notification when handling resumes, without repeating a notice', async () => {
    t.clock.set('2025-09-01T01:00:00Z') // Monday
    const s = await walkToNotifiedOperator(t)
    await runDeadlineJobs(t.deps)
    expect((await longRunningTimers(s.caseId, s.intake))[0].dueDate).toBe('2025-11-30')

    t.clock.set('2025-11-20T01:00:00Z') // after the reminder day (Monday 17 November)
    await runDeadlineJobs(t.deps)
    expect(await subjectsTo(s.contactEmail)).toEqual([OPERATOR_REMINDER])
    const stalled = await s.intake.api.post(`/api/v1/cases/${s.caseId}/website-closure`, { ending: 'stalled', reason: 'operator_unreachable', note: '連絡がとれない' })
    expect(stalled.status, JSON.stringify(stalled.json)).toBe(200)
    await runDeadlineJobs(t.deps)
    expect((await longRunningTimers(s.caseId, s.intake))[0].resolved).toMatchObject({ resolution: 'closed' })

    t.clock.set('2025-11-25T01:00:00Z')
    const resumed = await s.intake.api.post(`/api/v1/cases/${s.caseId}/resume-handling`, { note: '運営者から連絡があった' })
    expect(resumed.status, JSON.stringify(resumed.json)).toBe(200)
    await twoRunnersAtOnce(t)
    await afterRestart(t)
    const timers = await longRunningTimers(s.caseId, s.intake)
    expect(timers).toHaveLength(2)
    const running = timers.find((x) => !x.resolved)
    expect(running).toMatchObject({ dueDate: '2025-11-30', remindedAt: '2025-11-20T01:00:00.000Z' })
    expect(await subjectsTo(s.contactEmail)).toEqual([OPERATOR_REMINDER])

    t.clock.set('2025-12-01T01:00:00Z')
    await runDeadlineJobs(t.deps)
    await afterRestart(t)
    expect(await subjectsTo(s.contactEmail)).toEqual([OPERATOR_REMINDER, OPERATOR_OVERDUE])
    expect(await longRunningTimers(s.caseId, s.intake)).toHaveLength(2)
  })

  it('a policy change to 120 days applies to clocks started from then on; running ones keep their date', async () => {
    t.clock.set('2026-01-05T01:00:00Z') // Monday
    const before = await walkToNotifiedOperator(t)
    await runDeadlineJobs(t.deps)
    const changed = await admin.api.put('/api/v1/deadlines/policies/website_long_running', { amount: 120 })
    expect(changed.status).toBe(200)
    expect(changed.json.policy).toMatchObject({ kind: 'website_long_running', amount: 120, unit: 'calendar_days', baseEvent: 'notification' })
    const after = await walkToNotifiedOperator(t)
    await runDeadlineJobs(t.deps)
    expect((await longRunningTimers(before.caseId, before.intake))[0].dueDate).toBe('2026-04-05')
    expect((await longRunningTimers(after.caseId, after.intake))[0].dueDate).toBe('2026-05-05')
    // The administrators' page names the website clock's starting point.
    const policiesPage = await admin.api.get('/api/v1/deadlines/policies')
    expect((policiesPage.json.policies as any[]).map((p) => p.kind).at(-1)).toBe('website_long_running')
  })
})

describe('an operator nobody of which ever joined', () => {
  it('is invited again by the overdue notice, once, its first invitation having run out', async () => {
    t.clock.set('2025-04-01T01:00:00Z')
    const intake = await createUser(t, { roles: ['intake'] })
    const filed = await fileWebsiteReport(t)
    await intake.api.post(`/api/v1/cases/${filed.caseId}/accept`, {})
    const op = await registerOperator(intake)
    await intake.api.post(`/api/v1/cases/${filed.caseId}/operator`, { organizationId: op.orgId, contactId: op.contactId })
    await runDeadlineJobs(t.deps)
    t.clock.set('2025-10-01T01:00:00Z') // past the due day (whatever the earlier tests set the policy to); the 14-day invitation is long gone
    await runDeadlineJobs(t.deps)
    await afterRestart(t)
    const invitations = (await t.db.selectFrom('mail_outbox').select('body_text').where('to_address', '=', op.contactEmail).execute())
      .filter((m) => /\/invitations\//.test(m.body_text))
    expect(invitations).toHaveLength(2) // the notification, and one fresh invitation
    const open = await t.db.selectFrom('invitations').select('id').where('case_id', '=', filed.caseId).where('expires_at', '>', t.clock.now()).execute()
    expect(open).toHaveLength(1)
  })
})


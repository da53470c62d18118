import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser, type TestUser } from '../../test/support/clients.js'
import { walkToNotifiedDeveloper } from '../../test/support/story.js'
import { runDeadlineJobs } from './deadline-jobs.js'

let t: TestApp
let admin: TestUser
beforeAll(async () => {
  t = await setupTestApp({ now: '2025-04-01T01:00:00Z' })
  admin = await createUser(t, { roles: ['admin'], name: 'Admin Abe' })
})
afterAll(async () => { await t.close() })

const DAY = 86400_000

/** A case notified at `at` (an instant), with the deadline job run once afterwards. */
async function notifiedAt(at: string) {
  t.clock.set(at)
  const s = await walkToNotifiedDeveloper(t)
  await runDeadlineJobs(t.deps)
  const timers = async () => (await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/deadlines`)).json.timers as any[]
  const ack = async () => (await timers()).find((x) => x.kind === 'developer_acknowledgement')
  return { ...s, timers, ack }
}

describe('acknowledgement due dates on Japanese business days', () => {
  it('a case notified just before Golden Week is due on the fifth business day after it', async () => {
    // Monday 28 April 2025: 29 April (昭和の日), 3–6 May (憲法記念日, みどりの日, こどもの日, 振替休日) are not business days.
    const s = await notifiedAt('2025-04-28T01:00:00Z')
    const ack = await s.ack()
    expect(ack.dueDate).toBe('2025-05-08')
    expect(ack.businessDaysLeft).toBe(5)
    expect(ack.overdue).toBe(false)
    const target = (await s.timers()).find((x) => x.kind === 'publication_target')
    expect(target.dueDate).toBe('2025-06-12') // 45 calendar days after the 起算日

    const queue = await s.coordinator.api.get('/deadlines')
    expect(queue.status).toBe(200)
    expect(queue.text).toContain('開発者の受領確認期限')
    expect(queue.text).toContain('2025/05/08')
    expect(queue.text).toContain('あと5就業日')
  })

  it('a case notified just before the year end skips 29 December – 3 January and the weekend after', async () => {
    const s = await notifiedAt('2025-12-25T06:00:00Z') // Thursday 25 December, 15:00 in Tokyo
    expect((await s.ack()).dueDate).toBe('2026-01-08')
  })

  it('counts the Japan day, whatever the hour in UTC: notified at 08:30 on Friday in Tokyo (still Thursday in UTC)', async () => {
    const s = await notifiedAt('2025-12-04T23:30:00Z') // Friday 5 December 08:30 JST
    expect((await s.ack()).dueDate).toBe('2025-12-12')
  })

  it('shows days overdue once the due day has passed, and the developer acknowledging ends the timer', async () => {
    const s = await notifiedAt('2025-04-28T01:00:00Z')
    t.clock.set('2025-05-12T03:00:00Z') // Monday after the due Thursday
    const ack = await s.ack()
    expect(ack.overdue).toBe(true)
    expect(ack.businessDaysOverdue).toBe(2) // Friday 9 and Monday 12 May

    expect((await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/acknowledge`)).status).toBe(200)
    await runDeadlineJobs(t.deps)
    const after = await s.ack()
    expect(after.resolved).toMatchObject({ resolution: 'acknowledged' })
    const queue = (await s.coordinator.api.get('/api/v1/deadlines')).json.timers as any[]
    expect(queue.some((x) => x.id === ack.id)).toBe(false)
    expect(queue.some((x) => x.caseId === s.caseId && x.kind === 'publication_target')).toBe(true)
  })
})

describe('pausing a deadline', () => {
  it('is refused without a reason, and with one it stops the clock, logs an event and delays the due date on resume', async () => {
    const s = await notifiedAt('2025-04-28T01:00:00Z')
    const ack = await s.ack()
    for (const body of [{}, { reason: '' }, { reason: '   ' }]) {
      const refused = await s.coordinator.api.post(`/api/v1/deadlines/${ack.id}/pause`, body)
      expect(refused.status).toBe(400)
      expect(refused.json.error.code).toBe('deadlines.reason_required')
    }
    expect((await s.ack()).paused).toBeNull()

    const paused = await s.coordinator.api.post(`/api/v1/deadlines/${ack.id}/pause`, { reason: '開発者から担当者不在の連絡（5/7まで）' })
    expect(paused.status).toBe(200)
    expect(paused.json.timer.paused.reason).toBe('開発者から担当者不在の連絡（5/7まで）')
    const event = await t.db.selectFrom('case_events').select(['type', 'data', 'actor_label']).where('case_id', '=', s.caseId)
      .where('type', '=', 'timer_paused').executeTakeFirstOrThrow()
    expect(event.data).toMatchObject({ timerId: ack.id, reason: '開発者から担当者不在の連絡（5/7まで）' })
    expect(event.actor_label).toBe('Coordinator Kato')
    expect((await s.coordinator.api.post(`/api/v1/deadlines/${ack.id}/pause`, { reason: 'again' })).status).toBe(409)

    // A paused clock sends nothing, even past its reminder time.
    t.clock.advance(7 * DAY)
    await runDeadlineJobs(t.deps)
    expect(await t.db.selectFrom('mail_outbox').select('id').where('subject', 'like', '%期日%').where('to_address', '=', s.coordinator.email).execute()).toEqual([])

    const resumed = await s.coordinator.api.post(`/api/v1/deadlines/${ack.id}/resume`)
    expect(resumed.status).toBe(200)
    expect(new Date(resumed.json.timer.dueAt).getTime() - new Date(ack.dueAt).getTime()).toBe(7 * DAY)
    expect(resumed.json.timer.dueDate).toBe('2025-05-15')
    expect(resumed.json.timer.paused).toBeNull()
    const types = (await t.db.selectFrom('case_events').select('type').where('case_id', '=', s.caseId).orderBy('id').execute()).map((e) => e.type)
    expect(types).toContain('timer_resumed')
    expect((await s.coordinator.api.post(`/api/v1/deadlines/${ack.id}/resume`)).status).toBe(409)
  })

  it('works from the queue page with the form, and a blank reason gets the error page (400)', async () => {
    const s = await notifiedAt('2025-04-28T01:00:00Z')
    const ack = await s.ack()
    const staff = await createUser(t, { roles: ['intake'], name: 'Intake Iida' })
    const b = browserClient(t)
    await signInBrowser(t, b, staff)
    const queue = await b.get('/deadlines')
    expect(queue.text).toContain(`action="/deadlines/${ack.id}/pause"`)
    const blank = await b.post(`/deadlines/${ack.id}/pause`, { reason: ' ', returnTo: 'queue' })
    expect(blank.status).toBe(400)
    expect(blank.text).toContain('期限を停止する理由を入力してください。')
    const ok = await b.post(`/deadlines/${ack.id}/pause`, { reason: '<script>alert("pause")</script>', returnTo: 'case' })
    expect(ok.status).toBe(303)
    expect(ok.location).toBe(`/cases/${s.caseId}`)
    const casePage = await b.get(`/cases/${s.caseId}?tab=deadlines`)
    expect(casePage.text).toContain('&lt;script&gt;alert(&quot;pause&quot;)&lt;/script&gt;')
    expect(casePage.text).not.toContain('<script>alert("pause")</script>')
    expect(casePage.text).toContain(`action="/deadlines/${ack.id}/resume"`)
    // The developer's view of the same case has no deadlines section: deadlines are staff work.
    const developerPage = await s.developer.api.get(`/cases/${s.caseId}?tab=deadlines`)
    expect(developerPage.status).toBe(200)
    expect(developerPage.text).not.toContain('case-deadlines')
    expect(developerPage.text).not.toContain('alert(&quot;pause')
  })
})

describe('deadline policies', () => {
  it('an administrator changes a value; new timers use it, running ones keep theirs, and the change is logged', async () => {
    const before = await notifiedAt('2025-04-28T01:00:00Z')
    const changed = await admin.api.put('/api/v1/deadlines/policies/developer_acknowledgement', { amount: 10, reminderLeadBusinessDays: 3 })
    expect(changed.status).toBe(200)
    expect(changed.json.policy).toMatchObject({ kind: 'developer_acknowledgement', amount: 10, unit: 'business_days', reminderLeadBusinessDays: 3 })

    const after = await notifiedAt('2025-04-28T02:00:00Z')
    expect((await after.ack()).dueDate).toBe('2025-05-15') // ten business days
    expect((await before.ack()).dueDate).toBe('2025-05-08')

    const listed = await admin.api.get('/api/v1/deadlines/policies')
    expect(listed.json.changes[0]).toMatchObject({ kind: 'developer_acknowledgement', changedBy: 'Admin Abe', previous: { amount: 5, reminderLeadBusinessDays: 2 }, next: { amount: 10, reminderLeadBusinessDays: 3 } })
    expect((await admin.api.put('/api/v1/deadlines/policies/developer_acknowledgement', {})).status).toBe(400)
    expect((await admin.api.put('/api/v1/deadlines/policies/developer_acknowledgement', { amount: -1 })).status).toBe(400)
    expect((await admin.api.put('/api/v1/deadlines/policies/developer_acknowledgement', { unit: 'weeks' })).status).toBe(400)
    expect((await admin.api.put('/api/v1/deadlines/policies/no_such_kind', { amount: 1 })).status).toBe(404)
    expect((await before.coordinator.api.put('/api/v1/deadlines/policies/developer_acknowledgement', { amount: 1 })).status).toBe(404)
    await admin.api.put('/api/v1/deadlines/policies/developer_acknowledgement', { amount: 5, reminderLeadBusinessDays: 2 })
  })

  it('an administrator edits a policy on the page; a disabled policy starts no timers', async () => {
    const b = browserClient(t)
    await signInBrowser(t, b, admin)
    const form = await b.get('/deadlines/policies')
    expect(form.status).toBe(200)
    expect(form.text).toContain('action="/deadlines/policies/publication_target"')
    const bad = await b.post('/deadlines/policies/publication_target', { amount: 'many', unit: 'calendar_days', reminderLeadBusinessDays: '5' })
    expect(bad.status).toBe(400)
    // Unticked "enabled": the publication target is switched off.
    const saved = await b.post('/deadlines/policies/publication_target', { amount: '60', unit: 'calendar_days', reminderLeadBusinessDays: '5' })
    expect(saved.status, saved.text.match(/<div class="error"[\s\S]*?<\/div>/)?.[0]).toBe(303)
    const page = await b.get(saved.location!)
    expect(page.text).toContain('設定を保存しました。')
    expect(page.text).toContain('Admin Abe')

    const s = await notifiedAt('2025-04-28T05:00:00Z')
    expect((await s.timers()).map((x) => x.kind)).toEqual(['developer_acknowledgement'])
    await b.post('/deadlines/policies/publication_target', { amount: '45', unit: 'calendar_days', reminderLeadBusinessDays: '5', enabled: 'on' })
    expect((await admin.api.get('/api/v1/deadlines/policies')).json.policies.find((p: any) => p.kind === 'publication_target')).toMatchObject({ amount: 45, enabled: true })
  })
})

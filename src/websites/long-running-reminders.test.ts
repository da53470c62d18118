import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser, type BrowserClient, type TestUser } from '../../test/support/clients.js'
import { walkToNotifiedOperator } from '../../test/support/website-story.js'
import { walkToNotifiedDeveloper } from '../../test/support/story.js'

let t: TestApp
let intake: TestUser
let open1: Awaited<ReturnType<typeof walkToNotifiedOperator>>
let open2: Awaited<ReturnType<typeof walkToNotifiedOperator>>
let fixed: Awaited<ReturnType<typeof walkToNotifiedOperator>>
let productCaseId: string

beforeAll(async () => {
  t = await setupTestApp({ now: '2025-04-01T01:00:00Z' })
  intake = await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
  open1 = await walkToNotifiedOperator(t, { intake })
  open2 = await walkToNotifiedOperator(t, { intake, vulnerabilityType: 'sql_injection' })
  fixed = await walkToNotifiedOperator(t, { intake })
  expect((await fixed.operator.api.post(`/api/v1/cases/${fixed.caseId}/fix`, { fixType: 'code_fixed' })).status).toBe(200)
  productCaseId = (await walkToNotifiedDeveloper(t)).caseId
  t.clock.set('2025-07-15T01:00:00Z') // 105 days after notification
})
afterAll(async () => { await t.close() })

const mailCount = async (to: string) => (await t.db.selectFrom('mail_outbox').select('id').where('to_address', '=', to).execute()).length
const reminders = async (caseId: string) =>
  t.db.selectFrom('case_events').select(['data', 'actor_user_id', 'occurred_at']).where('case_id', '=', caseId).where('type', '=', 'remind_operator').orderBy('id').execute()

describe('reminders from the long-running dashboard, by API', () => {
  it('remind each open website case\'s operator and skip the others with a reason', async () => {
    const before = await mailCount(open1.contactEmail)
    const res = await intake.api.post('/api/v1/websites/long-running/reminders', {
      caseIds: [open1.caseId, fixed.caseId, productCaseId, 'no-such-case', open1.caseId], note: '90日を超えたため',
    })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json).toEqual({
      reminded: [{ caseId: open1.caseId, recipients: 1 }],
      skipped: [{ caseId: fixed.caseId, reason: 'not_open' }, { caseId: productCaseId, reason: 'not_website' }, { caseId: 'no-such-case', reason: 'not_found' }],
    })
    expect(await mailCount(open1.contactEmail)).toBe(before + 1)
    const mail = (await t.db.selectFrom('mail_outbox').select('body_text').where('to_address', '=', open1.contactEmail).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow()).body_text
    expect(mail).not.toContain('90日を超えたため')
    expect(mail).not.toContain('city.sample.lg.jp')
    const events = await reminders(open1.caseId)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ actor_user_id: intake.id, data: { reminded: 1, note: '90日を超えたため' } })
    expect(await reminders(fixed.caseId)).toEqual([])

    const row = ((await intake.api.get('/api/v1/websites/long-running')).json.cases as any[]).find((c) => c.caseId === open1.caseId)
    expect(row.lastReminderOn).toBe('2025-07-15')
  })

  it('refuse an empty or malformed selection with 400 and remind nobody', async () => {
    const before = await mailCount(open2.contactEmail)
    for (const body of [{}, { caseIds: [] }, { caseIds: 'x' }, { caseIds: [open2.caseId], extra: 1 }]) {
      const res = await intake.api.post('/api/v1/websites/long-running/reminders', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.json.error.code).toBe('request.invalid')
    }
    expect(await mailCount(open2.contactEmail)).toBe(before)
    expect(await reminders(open2.caseId)).toEqual([])
  })
})

describe('reminders from the long-running page', () => {
  let b: BrowserClient
  beforeAll(async () => {
    b = browserClient(t)
    await signInBrowser(t, b, intake)
  })

  it('send to the ticked cases and say so', async () => {
    const page = await b.get('/websites/long-running?type=sql_injection')
    expect(page.status).toBe(200)
    expect(page.text).toContain(`name="caseIds" value="${open2.caseId}"`)
    expect(page.text).not.toContain(`value="${open1.caseId}"`)
    expect(page.text).toContain('action="/websites/long-running/reminders?type=sql_injection"')
    const res = await b.post('/websites/long-running/reminders?type=sql_injection', { caseIds: [open2.caseId, fixed.caseId], note: 'ページから' })
    expect(res.status).toBe(303)
    expect(res.location).toBe('/websites/long-running?type=sql_injection&reminded=1&skipped=1')
    const after = await b.get(res.location!)
    expect(after.text).toContain('1件の案件の運営者にリマインダーを送りました。')
    expect(after.text).toContain('1件は対応中のウェブサイト案件ではないため、送りませんでした。')
    expect(await reminders(open2.caseId)).toHaveLength(1)
  })

  it('a case\'s own button reminds that case only, whatever else is ticked', async () => {
    await b.get('/websites/long-running')
    const res = await b.post('/websites/long-running/reminders', { caseIds: [open1.caseId, open2.caseId], single: open1.caseId })
    expect(res.status).toBe(303)
    expect(res.location).toBe('/websites/long-running?reminded=1&skipped=0')
    expect(await reminders(open1.caseId)).toHaveLength(2)
    expect(await reminders(open2.caseId)).toHaveLength(1)
  })

  it('asks to select a case when none is ticked, keeping the note, and refuses a form without its CSRF token', async () => {
    await b.get('/websites/long-running')
    const none = await b.post('/websites/long-running/reminders', { note: 'メモ<script>' })
    expect(none.status).toBe(400)
    expect(none.text).toContain('caseIds')
    expect(none.text).toContain('メモ&lt;script&gt;')
    const forged = await b.post('/websites/long-running/reminders', { caseIds: open2.caseId }, { csrf: null })
    expect(forged.status).toBe(403)
    expect(await reminders(open2.caseId)).toHaveLength(1)
  })
})

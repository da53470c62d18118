import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { apiClient, createUser, lastMailTo, type TestUser } from '../support/clients.js'
import { fileWebsiteReport, registerOperator, walkToNotifiedOperator } from '../support/website-story.js'
import { closeByAlert } from '../../src/websites/website-cases.usecases.js'
import { systemActor } from '../../src/cases/case-events.js'

/** The website flow of DESIGN §4 through the API: every ending, what the finder is told, who sees what. */
let t: TestApp
let intake: TestUser
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  intake = await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
})
afterAll(async () => { await t.close() })
beforeEach(() => { t.clock.set('2026-04-01T01:00:00Z') })

const finderMailSubjects = async (email: string) => (await lastMailTo(t, email)).map((m) => m.subject)
const eventsOf = async (caseId: string) => (await t.db.selectFrom('case_events').select(['type', 'to_status', 'data']).where('case_id', '=', caseId).orderBy('id').execute())

describe('a website report', () => {
  it('is filed on its own form shape, gets a receipt, and is tracked like a product report', async () => {
    const email = 'hanako@example.test'
    const filed = await fileWebsiteReport(t, { finderEmail: email, urls: ['https://shop.example.jp/a', 'https://shop.example.jp/b'] })
    expect(filed.receiptNumber).toMatch(/^KK-2026-\d{6}$/)
    const tracked = await apiClient(t).get(`/api/v1/tracking/${filed.trackingToken}`)
    expect(tracked.json.status).toBe('received')
    expect(tracked.json.details.urls).toEqual(['https://shop.example.jp/a', 'https://shop.example.jp/b'])
    expect(await finderMailSubjects(email)).toEqual([expect.stringContaining(filed.receiptNumber)])
    const kase = await t.db.selectFrom('cases').selectAll().where('id', '=', filed.caseId).executeTakeFirstOrThrow()
    expect(kase).toMatchObject({ kind: 'website', status: 'received', vulnerability_type: 'xss', impact: 'fake_content', title: 'shop.example.jp' })
  })

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    for (const bad of [{ urls: ['javascript:alert(1)'] }, { urls: [] }, { vulnerabilityType: 'rowhammer' }, { impact: '' }, { description: '' }]) {
      const r = await apiClient(t).post('/api/v1/reports/website', { ...(await import('../support/fixtures.js')).websiteReport(), ...bad })
      expect(r.status, JSON.stringify(bad)).toBe(400)
      expect(r.json.error.code).toBe('request.invalid')
    }
    const after = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('is refused by intake like any report, and the finder is told', async () => {
    const filed = await fileWebsiteReport(t, { finderEmail: 'refused@example.test' })
    const r = await intake.api.post(`/api/v1/cases/${filed.caseId}/reject`, { reason: 'out_of_scope' })
    expect(r.json.status).toBe('not_accepted')
    expect((await finderMailSubjects('refused@example.test')).some((s) => s.includes('受理しませんでした'))).toBe(true)
  })
})

describe('the endings of a website case', () => {
  for (const fixType of ['code_fixed', 'workaround', 'page_deleted'] as const) {
    it(`fixed (${fixType}): the operator reports it, the finder is told, the days-to-fix clock ran from the notification`, async () => {
      const s = await walkToNotifiedOperator(t, { intake, report: { finderEmail: `fix-${fixType}@example.test` } })
      const kase = await t.db.selectFrom('cases').select(['start_date', 'status', 'coordinator_id']).where('id', '=', s.caseId).executeTakeFirstOrThrow()
      expect(kase).toMatchObject({ status: 'operator_notified', start_date: '2026-04-01', coordinator_id: intake.id })
      t.clock.advance(20 * 86400_000)
      const fixed = await s.operator.api.post(`/api/v1/cases/${s.caseId}/fix`, { fixType, fixedOn: '2026-04-15' })
      expect(fixed.status, JSON.stringify(fixed.json)).toBe(200)
      expect(fixed.json.status).toBe('fixed')
      const tracked = await apiClient(t).get(`/api/v1/tracking/${s.filed.trackingToken}`)
      expect(tracked.json).toMatchObject({ status: 'fixed', website: { notifiedOn: '2026-04-01', fixType, fixedOn: '2026-04-15' } })
      const subjects = await finderMailSubjects(`fix-${fixType}@example.test`)
      expect(subjects).toHaveLength(4) // received, accepted, operator notified, fixed — newest first
      expect(subjects[0]).toContain('修正されました')
      expect(subjects.some((x) => x.includes('運営者に連絡しました'))).toBe(true)
      const fix = (await eventsOf(s.caseId)).find((e) => e.type === 'report_fix')!
      expect(fix.data).toMatchObject({ fixType, fixedOn: '2026-04-15', onBehalf: false })
      // The case's handler hears of it.
      expect((await lastMailTo(t, intake.email)).some((m) => m.subject.includes('修正完了'))).toBe(true)
    })
  }

  it('fixed, recorded by intake on the operator\'s behalf, needs its source and a date within the clock', async () => {
    const s = await walkToNotifiedOperator(t, { intake })
    t.clock.advance(3 * 86400_000)
    expect((await intake.api.post(`/api/v1/cases/${s.caseId}/fix`, { fixType: 'code_fixed' })).json.error.code).toBe('websites.source_required')
    expect((await intake.api.post(`/api/v1/cases/${s.caseId}/fix`, { fixType: 'code_fixed', fixedOn: '2026-03-31', source: 'mail' })).json.error.code).toBe('websites.fixed_on_out_of_range')
    expect((await intake.api.post(`/api/v1/cases/${s.caseId}/fix`, { fixType: 'code_fixed', fixedOn: '2026-04-30', source: 'mail' })).json.error.code).toBe('websites.fixed_on_out_of_range')
    const r = await intake.api.post(`/api/v1/cases/${s.caseId}/fix`, { fixType: 'workaround', source: '運営者からの電話 4/4' })
    expect(r.json.status).toBe('fixed')
    expect((await eventsOf(s.caseId)).find((e) => e.type === 'report_fix')!.data).toMatchObject({ fixType: 'workaround', fixedOn: '2026-04-04', onBehalf: true, source: '運営者からの電話 4/4' })
    expect((await intake.api.post(`/api/v1/cases/${s.caseId}/fix`, { fixType: 'workaround', source: 'again' })).status).toBe(409)
  })

  it('not vulnerable: the operator disputes, intake closes it, the finder is told', async () => {
    const s = await walkToNotifiedOperator(t, { intake, report: { finderEmail: 'nv@example.test' } })
    const d = await s.operator.api.post(`/api/v1/cases/${s.caseId}/dispute`, { reason: '入力値は出力時にエスケープされています' })
    expect(d.json.status).toBe('operator_notified')
    expect((await lastMailTo(t, intake.email)).some((m) => m.subject.includes('異議'))).toBe(true)
    expect((await intake.api.post(`/api/v1/cases/${s.caseId}/website-closure`, { ending: 'not_vulnerable' })).status).toBe(400)
    const r = await intake.api.post(`/api/v1/cases/${s.caseId}/website-closure`, { ending: 'not_vulnerable', note: '再現せず、運営者と確認' })
    expect(r.json.status).toBe('not_vulnerable')
    expect((await apiClient(t).get(`/api/v1/tracking/${s.filed.trackingToken}`)).json.status).toBe('not_vulnerable')
    expect((await finderMailSubjects('nv@example.test')).some((x) => x.includes('取扱いを終了'))).toBe(true)
    // The operator can no longer report a fix on a closed case.
    expect((await s.operator.api.post(`/api/v1/cases/${s.caseId}/fix`, { fixType: 'code_fixed' })).status).toBe(409)
  })

  it('stalled before any notification (operator unreachable), then notified when found, then fixed', async () => {
    const filed = await fileWebsiteReport(t, { finderEmail: 'stall@example.test' })
    await intake.api.post(`/api/v1/cases/${filed.caseId}/accept`, { vulnerabilityType: 'sql_injection', impact: 'personal_info_leak' })
    expect((await intake.api.post(`/api/v1/cases/${filed.caseId}/website-closure`, { ending: 'stalled', note: '連絡先不明' })).json.fields?.reason ?? 'x').toBeTruthy()
    const stalled = await intake.api.post(`/api/v1/cases/${filed.caseId}/website-closure`, { ending: 'stalled', reason: 'operator_unreachable', note: '問い合わせ窓口なし' })
    expect(stalled.json.status).toBe('stalled')
    expect((await apiClient(t).get(`/api/v1/tracking/${filed.trackingToken}`)).json.status).toBe('stalled')
    expect((await intake.api.post(`/api/v1/cases/${filed.caseId}/resume-handling`, { note: 'x' })).json.error.code).toBe('websites.never_notified')
    const op = await registerOperator(intake, { orgType: 'company', nameJa: '見つかった株式会社', nameEn: 'Found KK' })
    t.clock.advance(10 * 86400_000)
    const n = await intake.api.post(`/api/v1/cases/${filed.caseId}/operator`, { organizationId: op.orgId, contactId: op.contactId })
    expect(n.json).toMatchObject({ status: 'operator_notified', notifiedOn: '2026-04-11' })
    const kase = await t.db.selectFrom('cases').select(['vulnerability_type', 'impact', 'start_date']).where('id', '=', filed.caseId).executeTakeFirstOrThrow()
    expect(kase).toEqual({ vulnerability_type: 'sql_injection', impact: 'personal_info_leak', start_date: '2026-04-11' })
    expect((await eventsOf(filed.caseId)).find((e) => e.type === 'notify_operator')!.data).toMatchObject({ organizationType: 'company', notifiedOn: '2026-04-11' })
  })

  it('stalled after notification, resumed when the operator reappears, the clock keeps its first notification', async () => {
    const s = await walkToNotifiedOperator(t, { intake })
    t.clock.advance(30 * 86400_000)
    expect((await intake.api.post(`/api/v1/cases/${s.caseId}/website-closure`, { ending: 'stalled', reason: 'coordination_stopped', note: '返信なし' })).json.status).toBe('stalled')
    // A stalled case is over for the operator until staff resume it.
    expect((await s.operator.api.post(`/api/v1/cases/${s.caseId}/fix`, { fixType: 'code_fixed' })).status).toBe(409)
    t.clock.advance(30 * 86400_000)
    expect((await intake.api.post(`/api/v1/cases/${s.caseId}/resume-handling`, { note: '運営者から連絡あり' })).json.status).toBe('operator_notified')
    expect((await s.operator.api.post(`/api/v1/cases/${s.caseId}/fix`, { fixType: 'page_deleted' })).json.status).toBe('fixed')
    const kase = await t.db.selectFrom('cases').select(['start_date', 'fixed_on']).where('id', '=', s.caseId).executeTakeFirstOrThrow()
    expect(kase).toEqual({ start_date: '2026-04-01', fixed_on: '2026-05-31' })
  })

  it('closed by a public alert: one event per case, only open cases, and the finder is told', async () => {
    const a = await walkToNotifiedOperator(t, { intake, report: { finderEmail: 'alert-a@example.test' } })
    const b = await fileWebsiteReport(t, { finderEmail: 'alert-b@example.test' })
    await intake.api.post(`/api/v1/cases/${b.caseId}/accept`, {})
    t.clock.advance(86400_000)
    for (const id of [a.caseId, b.caseId]) expect((await closeByAlert(t.deps, { caseId: id, alertId: 'alert-1', actor: systemActor })).to).toBe('closed_by_alert')
    await expect(closeByAlert(t.deps, { caseId: a.caseId, alertId: 'alert-1', actor: systemActor })).rejects.toMatchObject({ code: 'coordination.invalid_transition' })
    for (const id of [a.caseId, b.caseId]) {
      expect((await eventsOf(id)).filter((e) => e.type === 'close_by_alert').map((e) => e.data)).toEqual([{ alertId: 'alert-1' }])
    }
    expect((await finderMailSubjects('alert-b@example.test'))[0]).toContain('取扱いを終了')
  })

  it('reminds the operator: mail to its members, an event, nothing about the site in the mail', async () => {
    const s = await walkToNotifiedOperator(t, { intake, report: { urls: ['https://secret-site.example.jp/admin'] } })
    t.clock.advance(86400_000)
    const r = await intake.api.post(`/api/v1/cases/${s.caseId}/operator-reminders`, { note: '2回目' })
    expect(r.json).toEqual({ reminded: 1 })
    const mail = (await lastMailTo(t, s.contactEmail))[0]!
    expect(mail.subject).toContain('対応状況')
    expect(mail.body_text).not.toContain('secret-site')
  })
})

describe('who sees a website case', () => {
  it('the operator from notification on, and only its own; coordinators never; the finder its report', async () => {
    const s = await walkToNotifiedOperator(t, { intake })
    const coordinator = await createUser(t, { roles: ['coordinator'] })
    expect((await coordinator.api.get(`/api/v1/cases/${s.caseId}`)).status).toBe(404)
    const own = await s.operator.api.get(`/api/v1/cases/${s.caseId}`)
    expect(own.status).toBe(200)
    expect(own.json).toMatchObject({ kind: 'website', viewer: 'party', status: 'operator_notified', website: { notifiedOn: '2026-04-01' } })
    expect(own.json.reports[0].finder).toBeNull() // the finder did not consent to share identity
    expect((await s.operator.api.get('/api/v1/my/cases')).json.cases.map((k: { id: string }) => k.id)).toEqual([s.caseId])

    // Another operator's case, accepted but not yet notified to anyone, is invisible to this operator.
    const other = await fileWebsiteReport(t)
    await intake.api.post(`/api/v1/cases/${other.caseId}/accept`, {})
    expect((await s.operator.api.get(`/api/v1/cases/${other.caseId}`)).status).toBe(404)
    expect((await s.operator.api.post(`/api/v1/cases/${other.caseId}/fix`, { fixType: 'code_fixed' })).status).toBe(404)
    // Staff actions are not the operator's.
    expect((await s.operator.api.post(`/api/v1/cases/${s.caseId}/website-closure`, { ending: 'not_vulnerable', note: 'x' })).status).toBe(404)
    // Product routes refuse a website case.
    expect((await coordinator.api.post(`/api/v1/cases/${s.caseId}/take`)).status).toBe(404)
  })
})

describe('a reminder to an operator that never joined', () => {
  it('sends a fresh invitation once the first one has run out', async () => {
    const filed = await fileWebsiteReport(t)
    await intake.api.post(`/api/v1/cases/${filed.caseId}/accept`, {})
    const op = await registerOperator(intake)
    await intake.api.post(`/api/v1/cases/${filed.caseId}/operator`, { organizationId: op.orgId, contactId: op.contactId })
    t.clock.advance(30 * 86400_000)
    const r = await intake.api.post(`/api/v1/cases/${filed.caseId}/operator-reminders`, {})
    expect(r.json).toEqual({ reminded: 1 })
    const mails = await lastMailTo(t, op.contactEmail)
    expect(mails).toHaveLength(2)
    const link = mails[0]!.body_text.match(/https?:\/\/\S+\/invitations\/\S+/)![0]
    expect((await apiClient(t).get(new URL(link).pathname)).status).toBe(200)
  })
})

describe('duplicate website reports', () => {
  it('join one case: every finder follows it and is told the outcome; a product report cannot join it', async () => {
    const first = await walkToNotifiedOperator(t, { intake, finder: await createUser(t).then((u) => u.api), report: { finderEmail: 'dup-first@example.test' } })
    const finders = () => createUser(t).then((u) => u.api) // signed-in finders: the per-address report limit stays out of the way
    const second = await fileWebsiteReport(t, { finderEmail: 'dup-second@example.test' }, await finders())
    const joined = await intake.api.post(`/api/v1/cases/${second.caseId}/join-duplicate`, { targetReceipt: first.filed.receiptNumber })
    expect(joined.status, JSON.stringify(joined.json)).toBe(200)
    expect((await apiClient(t).get(`/api/v1/tracking/${second.trackingToken}`)).json.status).toBe('in_handling')
    expect((await finderMailSubjects('dup-second@example.test')).some((x) => x.includes('既存の案件にまとめました'))).toBe(true)
    const product = (await (await finders()).post('/api/v1/reports', (await import('../support/fixtures.js')).productReport())).json
    const productCase = (await t.db.selectFrom('reports').select('case_id').where('receipt_number', '=', product.receiptNumber).executeTakeFirstOrThrow()).case_id
    expect((await intake.api.post(`/api/v1/cases/${productCase}/join-duplicate`, { targetReceipt: first.filed.receiptNumber })).json.error.code).toBe('duplicates.kind_mismatch')

    t.clock.advance(86400_000)
    expect((await first.operator.api.post(`/api/v1/cases/${first.caseId}/fix`, { fixType: 'code_fixed' })).json.status).toBe('fixed')
    expect((await apiClient(t).get(`/api/v1/tracking/${second.trackingToken}`)).json.status).toBe('fixed')
    for (const email of ['dup-first@example.test', 'dup-second@example.test']) expect((await finderMailSubjects(email))[0]).toContain('修正されました')
    // A fixed case takes no more duplicates.
    const late = await fileWebsiteReport(t, {}, await finders())
    expect((await intake.api.post(`/api/v1/cases/${late.caseId}/join-duplicate`, { targetReceipt: first.filed.receiptNumber })).json.error.code).toBe('duplicates.target_closed')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser, type TestUser } from '../../test/support/clients.js'
import { fileWebsiteReport, walkToNotifiedOperator } from '../../test/support/website-story.js'
import { draftAlert, publishedAlert } from './alerts.test-support.js'

type Notified = Awaited<ReturnType<typeof walkToNotifiedOperator>>

let t: TestApp
let intake: TestUser
let xss: Notified[]
let sqli: Notified
let acceptedOnly: string
let received: string

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  intake = await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
  xss = []
  for (let i = 0; i < 3; i++) xss.push(await walkToNotifiedOperator(t, { intake, vulnerabilityType: 'xss' }))
  sqli = await walkToNotifiedOperator(t, { intake, vulnerabilityType: 'sql_injection' })
  acceptedOnly = (await fileWebsiteReport(t, { vulnerabilityType: 'xss' })).caseId
  expect((await intake.api.post(`/api/v1/cases/${acceptedOnly}/accept`, {})).json.status).toBe('accepted')
  received = (await fileWebsiteReport(t, { vulnerabilityType: 'xss' })).caseId
})
afterAll(async () => { await t.close() })

const statusOf = async (caseId: string) => (await t.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status
const closeEvents = (caseId: string) =>
  t.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).where('type', '=', 'close_by_alert').execute()
const coverageRows = (alertId: string) => t.db.selectFrom('alert_cases').selectAll().where('alert_id', '=', alertId).execute()

describe('an alert closes the website cases it covers', () => {
  let alertId: string

  it('lists the open website cases of the alert\'s type, with what staff need to recognise them', async () => {
    alertId = await draftAlert(intake, { vulnerabilityType: 'xss' })
    const listed = await intake.api.get(`/api/v1/staff/alerts/${alertId}/candidates`)
    expect(listed.status).toBe(200)
    expect(listed.json.vulnerabilityType).toBe('xss')
    const ids = listed.json.items.map((x: { caseId: string }) => x.caseId)
    expect(ids.sort()).toEqual([...xss.map((s) => s.caseId), acceptedOnly].sort())
    const first = listed.json.items.find((x: { caseId: string }) => x.caseId === xss[0]!.caseId)
    expect(first).toMatchObject({
      status: 'operator_notified', vulnerabilityType: 'xss', receiptNumbers: [xss[0]!.filed.receiptNumber],
      urls: ['https://www.city.sample.lg.jp/search?q=test'], operator: { ja: 'サンプル市', en: 'Sample City' }, notifiedOn: '2026-04-01',
    })
    const all = await intake.api.get(`/api/v1/staff/alerts/${alertId}/candidates?vulnerabilityType=all`)
    expect(all.json.items.map((x: { caseId: string }) => x.caseId)).toContain(sqli.caseId)
    expect(all.json.items.map((x: { caseId: string }) => x.caseId)).not.toContain(received)
  })

  it('refuses to cover anything but open website cases, writing nothing', async () => {
    const refused = await intake.api.post(`/api/v1/staff/alerts/${alertId}/cases`, { caseIds: [xss[0]!.caseId, received, 'no-such-case'] })
    expect(refused.status).toBe(409)
    expect(refused.json.error).toMatchObject({ code: 'alerts.case_not_coverable', details: { caseIds: [received, 'no-such-case'] } })
    expect(await coverageRows(alertId)).toEqual([])
    const empty = await intake.api.post(`/api/v1/staff/alerts/${alertId}/cases`, { caseIds: [] })
    expect(empty.status).toBe(400)
  })

  it('covers several cases at once, each once', async () => {
    const covered = await intake.api.post(`/api/v1/staff/alerts/${alertId}/cases`, { caseIds: [...xss.map((s) => s.caseId), acceptedOnly] })
    expect(covered.json).toEqual({ added: 4 })
    expect((await intake.api.post(`/api/v1/staff/alerts/${alertId}/cases`, { caseIds: [xss[0]!.caseId] })).json).toEqual({ added: 0 })
    const rows = await coverageRows(alertId)
    expect(rows).toHaveLength(4)
    expect(rows.every((r) => r.added_by === intake.id)).toBe(true)
    const staffView = await intake.api.get(`/api/v1/staff/alerts/${alertId}`)
    expect(staffView.json.coveredCases.map((x: { caseId: string }) => x.caseId).sort()).toEqual([...xss.map((s) => s.caseId), acceptedOnly].sort())
    // Covered cases are no longer offered.
    expect((await intake.api.get(`/api/v1/staff/alerts/${alertId}/candidates`)).json.items).toEqual([])
  })

  it('closes nothing while the alert is a draft', async () => {
    const res = await intake.api.post(`/api/v1/staff/alerts/${alertId}/closure`)
    expect(res.status).toBe(409)
    expect(res.json.error.code).toBe('alerts.not_published')
    expect(await statusOf(xss[0]!.caseId)).toBe('operator_notified')
  })

  it('closes every open covered case, each with its own event, and reports the one fixed meanwhile', async () => {
    const fixed = await xss[2]!.operator.api.post(`/api/v1/cases/${xss[2]!.caseId}/fix`, { fixType: 'code_fixed' })
    expect(fixed.status, JSON.stringify(fixed.json)).toBe(200)
    expect((await intake.api.post(`/api/v1/staff/alerts/${alertId}/publish`)).status).toBe(200)
    t.clock.set('2026-04-02T01:00:00Z')
    const res = await intake.api.post(`/api/v1/staff/alerts/${alertId}/closure`)
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ closedCount: 3, skippedCount: 1, skipped: [{ caseId: xss[2]!.caseId, status: 'fixed' }] })
    expect(res.json.closed.sort()).toEqual([xss[0]!.caseId, xss[1]!.caseId, acceptedOnly].sort())
    for (const caseId of [xss[0]!.caseId, xss[1]!.caseId, acceptedOnly]) {
      expect(await statusOf(caseId)).toBe('closed_by_alert')
      const events = await closeEvents(caseId)
      expect(events).toHaveLength(1)
      expect(events[0]).toMatchObject({ to_status: 'closed_by_alert', actor_user_id: intake.id, data: { alertId } })
      expect(events[0]!.occurred_at.toISOString()).toBe('2026-04-02T01:00:00.000Z')
    }
    expect(await statusOf(xss[2]!.caseId)).toBe('fixed')
    expect(await closeEvents(xss[2]!.caseId)).toEqual([])
  })

  it('closes nothing twice when run again', async () => {
    const again = await intake.api.post(`/api/v1/staff/alerts/${alertId}/closure`)
    expect(again.json).toMatchObject({ closedCount: 0, skippedCount: 4, closed: [] })
    for (const s of xss.slice(0, 2)) expect(await closeEvents(s.caseId)).toHaveLength(1)
  })

  it('keeps a closed case on the alert as its record, while an open case can be taken off', async () => {
    expect((await intake.api.post(`/api/v1/staff/alerts/${alertId}/cases`, { caseIds: [sqli.caseId] })).json).toEqual({ added: 1 })
    const refused = await intake.api.post(`/api/v1/staff/alerts/${alertId}/cases/removal`, { caseIds: [sqli.caseId, xss[0]!.caseId] })
    expect(refused.status).toBe(409)
    expect(refused.json.error).toMatchObject({ code: 'alerts.case_not_covered', details: { caseIds: [xss[0]!.caseId] } })
    expect(await coverageRows(alertId)).toHaveLength(5)
    expect((await intake.api.post(`/api/v1/staff/alerts/${alertId}/cases/removal`, { caseIds: [sqli.caseId] })).json).toEqual({ removed: 1 })
    expect(await statusOf(sqli.caseId)).toBe('operator_notified')
  })
})

describe('staff choose and close covered cases from the pages', () => {
  it('ticks cases, closes them, and sees how many were closed and skipped', async () => {
    const d = await walkToNotifiedOperator(t, { intake, vulnerabilityType: 'dns_misconfiguration' })
    const e = await walkToNotifiedOperator(t, { intake, vulnerabilityType: 'dns_misconfiguration' })
    const { alertId } = await publishedAlert(intake, { vulnerabilityType: 'dns_misconfiguration' })
    const browser = browserClient(t)
    await signInBrowser(t, browser, intake)

    const page = await browser.get(`/staff/alerts/${alertId}/cases`)
    expect(page.status).toBe(200)
    for (const s of [d, e]) {
      expect(page.text).toContain(`value="${s.caseId}"`)
      expect(page.text).toContain(s.filed.receiptNumber)
    }
    expect(page.text).not.toContain(`value="${sqli.caseId}"`) // another type: filtered out by default
    expect((await browser.get(`/staff/alerts/${alertId}/cases?vulnerabilityType=all`)).text).toContain(`value="${sqli.caseId}"`)

    const refused = await browser.post(`/staff/alerts/${alertId}/cases`, { caseIds: [d.caseId, received] })
    expect(refused.status).toBe(409)
    expect(refused.text).toContain('何も追加していません。')

    const covered = await browser.post(`/staff/alerts/${alertId}/cases`, { caseIds: [d.caseId, e.caseId] })
    expect(covered.status).toBe(303)
    expect((await browser.get(covered.location!)).text).toContain('2 件の届出を対象に追加しました。')

    expect((await e.operator.api.post(`/api/v1/cases/${e.caseId}/fix`, { fixType: 'page_deleted' })).status).toBe(200)
    const closed = await browser.post(`/staff/alerts/${alertId}/closure`, {})
    expect(closed.status).toBe(303)
    const after = await browser.get(closed.location!)
    expect(after.text).toContain('1 件の届出の取扱いを終了しました。取扱い中でなかった 1 件は飛ばしました。')
    expect(after.text).toContain('注意喚起により取扱い終了')
    expect(await statusOf(d.caseId)).toBe('closed_by_alert')
    expect(await statusOf(e.caseId)).toBe('fixed')
  })
})

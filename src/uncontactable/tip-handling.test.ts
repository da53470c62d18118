import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser } from '../../test/support/clients.js'
import { declareThroughApi, sendTipThroughApi, walkToUnansweredDeveloper, type UnansweredCase } from './uncontactable.test-support.js'

let t: TestApp
let s: UnansweredCase
let listingId: string
let usefulTip: string
let uselessTip: string

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  s = await walkToUnansweredDeveloper(t)
  t.clock.set('2026-04-15T01:00:00Z')
  listingId = (await declareThroughApi(s)).listingId
  usefulTip = await sendTipThroughApi(t, listingId, { message: '広報部 pr@silent.example が窓口です' })
  t.clock.set('2026-04-16T01:00:00Z')
  uselessTip = await sendTipThroughApi(t, listingId, { message: 'たぶん倒産しました' })
})
afterAll(async () => { await t.close() })

const handling = (tipId: string) => `/api/v1/uncontactable/tips/${tipId}/handling`
const casePage = async () => (await s.coordinator.api.get(`/cases/${s.caseId}?tab=parties`)).text
const handledEvents = () => t.db.selectFrom('case_events').selectAll().where('case_id', '=', s.caseId).where('type', '=', 'uncontactable_tip_handled').execute()
const tipRow = (id: string) => t.db.selectFrom('uncontactable_tips').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('handling the tips the public sends about an uncontactable developer', () => {
  it('shows the coordinators how many tips are still open, each with a form to handle it', async () => {
    const html = await casePage()
    expect(html).toContain('data-open-tips-summary="2"')
    expect(html).toContain('data-open-tips="2"')
    expect(html).toContain(`action="/uncontactable/tips/${usefulTip}/handling"`)
    expect(html).toContain('未対応のものが 2 件')
    expect((await s.coordinator.api.get(`/cases/${s.caseId}?tab=parties&lang=en`)).text).toContain('2 open of 2')
  })

  it('answers 404 to anyone but a coordinator, and to unknown tips', async () => {
    const intake = await createUser(t, { roles: ['intake'] })
    const finder = await createUser(t)
    for (const outsider of [s.intake, intake, finder]) {
      const r = await outsider.api.post(handling(usefulTip), { outcome: 'not_useful', note: 'x' })
      expect(r.status).toBe(404)
    }
    expect((await s.coordinator.api.post(handling('no-such-tip'), { outcome: 'not_useful', note: 'x' })).status).toBe(404)
    expect((await tipRow(usefulTip)).handled_at).toBeNull()
  })

  it('refuses bad input with 400 and writes nothing', async () => {
    for (const body of [{ outcome: 'reached_developer' }, { outcome: 'reached_developer', note: '   ' }, { outcome: 'maybe', note: 'x' }, { note: 'x' }]) {
      const r = await s.coordinator.api.post(handling(usefulTip), body)
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(r.json.error.code).toBe('request.invalid')
    }
    expect((await tipRow(usefulTip)).handled_at).toBeNull()
    expect(await handledEvents()).toHaveLength(0)
  })

  it('marks a tip handled with the outcome and a note, as a case event, once', async () => {
    t.clock.set('2026-04-17T02:00:00Z')
    const payload = '<script>alert("tip")</script>広報部に電話でつながった'
    const r = await s.coordinator.api.post(handling(usefulTip), { outcome: 'reached_developer', note: payload })
    expect(r.status, r.text).toBe(200)
    expect(r.json).toEqual({ tipId: usefulTip, outcome: 'reached_developer', handledAt: '2026-04-17T02:00:00.000Z' })
    const events = await handledEvents()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ actor_user_id: s.coordinator.id, data: { tipId: usefulTip, outcome: 'reached_developer' } })
    // The note stays with the tip, out of the event log.
    expect(JSON.stringify(events[0]!.data)).not.toContain('広報部')

    const again = await s.coordinator.api.post(handling(usefulTip), { outcome: 'not_useful', note: '別の人' })
    expect(again.status).toBe(409)
    expect(again.json.error.code).toBe('uncontactable.tip_already_handled')
    expect(await tipRow(usefulTip)).toMatchObject({ handling_outcome: 'reached_developer', handling_note: payload, handled_by: s.coordinator.id })
    expect(await handledEvents()).toHaveLength(1)

    const html = await casePage()
    expect(html).toContain('data-open-tips-summary="1"')
    expect(html).toContain('対応済み（開発者への連絡に役立った）: Coordinator Kato、2026/04/17')
    expect(html).toContain('&lt;script&gt;alert(&quot;tip&quot;)&lt;/script&gt;広報部に電話でつながった')
    expect(html).not.toContain('<script>alert("tip")')
    expect(html).not.toContain(`action="/uncontactable/tips/${usefulTip}/handling"`)
    expect((await s.coordinator.api.get(`/cases/${s.caseId}?tab=parties&lang=en`)).text).toContain('Handled (Used to reach the developer) by Coordinator Kato')
  })

  it('lets a coordinator handle a tip from the case page form, which needs its CSRF token', async () => {
    const browser = browserClient(t)
    await signInBrowser(t, browser, s.coordinator)
    await browser.get(`/cases/${s.caseId}?tab=parties`)
    const forged = await browser.post(`/uncontactable/tips/${uselessTip}/handling`, { outcome: 'not_useful', note: '情報が古い' }, { csrf: null })
    expect(forged.status).toBe(403)
    const done = await browser.post(`/uncontactable/tips/${uselessTip}/handling`, { outcome: 'not_useful', note: '情報が古い' })
    expect(done.status).toBe(303)
    expect(done.location).toBe(`/cases/${s.caseId}#tip-${uselessTip}`)
    const html = (await browser.get(`/cases/${s.caseId}?tab=parties`)).text
    expect(html).not.toContain('data-open-tips-summary')
    expect(html).toContain('data-open-tips="0"')
    expect(html).toContain('対応済み（役立たなかった）')
    expect(await handledEvents()).toHaveLength(2)
  })
})

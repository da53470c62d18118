import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from './support/test-app.js'
import { browserClient, signInBrowser } from './support/clients.js'
import { walkToNotifiedDeveloper } from './support/story.js'
import { placeOf } from '../src/platform/http/form-return.js'
import { runDeadlineJobs } from '../src/deadlines/deadline-jobs.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-10T03:00:00Z' }) })
afterAll(async () => { await t.close() })

async function coordinatorOnCase() {
  const s = await walkToNotifiedDeveloper(t)
  const b = browserClient(t)
  await signInBrowser(t, b, s.coordinator)
  await runDeadlineJobs(t.deps)
  return { ...s, b }
}

/** The links the summary offers as next actions, by transition. */
const nextActions = (html: string) => [...html.matchAll(/<li data-action="([a-z_]+)"><a href="([^"]+)">/g)].map((m) => ({ action: m[1]!, href: m[2]!.replaceAll('&amp;', '&') }))
const returnField = (html: string) => html.match(/name="_return" value="([^"]+)"/)?.[1]?.replaceAll('&amp;', '&')

describe('the case page summary and the forms the state allows', () => {
  it('while the developer investigates, offers neither 個別対応 nor the committee, and lists what the table allows', async () => {
    const s = await coordinatorOnCase()
    await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/acknowledge`)
    const page = await s.b.get(`/cases/${s.caseId}?tab=parties`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('data-status="investigating"')
    expect(page.text).not.toContain(`action="/cases/${s.caseId}/handle-individually"`)
    expect(page.text).not.toContain(`action="/cases/${s.caseId}/committee-referrals"`)
    expect(page.text).not.toContain('公表判定委員会に付議する')
    const offered = nextActions(page.text).map((a) => a.action)
    expect(offered).toEqual(expect.arrayContaining(['declare_uncontactable', 'close_low_impact']))
    expect(offered).not.toContain('handle_individually')
    expect(offered).not.toContain('refer_to_committee')
    // the low-impact ending the table still allows is there, as the summary said
    expect(page.text).toContain(`action="/cases/${s.caseId}/close-low-impact"`)
    expect(page.text).toContain('製品開発者の対応待ち（調整担当が待っています）')
  })

  it('once the developer is notified (before investigating), shows both forms and links the summary to them', async () => {
    const s = await coordinatorOnCase()
    const page = await s.b.get(`/cases/${s.caseId}?tab=parties`)
    expect(page.text).toContain('data-status="developer_notified"')
    expect(page.text).toContain(`action="/cases/${s.caseId}/handle-individually"`)
    expect(page.text).toContain(`action="/cases/${s.caseId}/committee-referrals"`)
    const offered = nextActions(page.text)
    expect(offered).toEqual(expect.arrayContaining([
      { action: 'handle_individually', href: `/cases/${s.caseId}?tab=parties#endings` },
      { action: 'refer_to_committee', href: `/cases/${s.caseId}?tab=parties#committee` },
    ]))
    expect(page.text).toContain('個別対応として終了する')
    // the summary and its next actions are on every tab, the forms only on theirs
    const timeline = await s.b.get(`/cases/${s.caseId}?tab=timeline`)
    expect(nextActions(timeline.text).map((a) => a.action)).toContain('handle_individually')
    expect(timeline.text).not.toContain(`action="/cases/${s.caseId}/handle-individually"`)
  })

  it('shows the due dates with business days left in the summary', async () => {
    const s = await coordinatorOnCase()
    const page = await s.b.get(`/cases/${s.caseId}?tab=timeline`)
    const summary = page.text.slice(page.text.indexOf('data-testid="case-summary"'), page.text.indexOf('<nav class="tabs"'))
    expect(summary).toMatch(/data-summary-timer="[a-z_]+"><time datetime="\d{4}-\d{2}-\d{2}">\d{4}\/\d{2}\/\d{2}<\/time> \(あと\d+就業日\)/)
  })

  it('a notified developer gets the summary, without staff actions or the deadlines tab', async () => {
    const s = await coordinatorOnCase()
    const dev = s.developerBrowser
    const page = await dev.get(`/cases/${s.caseId}?tab=deadlines`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('data-testid="case-summary"')
    expect(page.text).not.toContain('data-testid="next-actions"')
    expect(page.text).not.toContain('data-tab="deadlines"')
    // an unknown or staff-only tab falls back to the report
    expect(page.text).toContain('data-tab-panel="report"')
  })
})

describe('tabs', () => {
  it('render their own sections and not the others', async () => {
    const s = await coordinatorOnCase()
    const tab = async (name: string) => (await s.b.get(`/cases/${s.caseId}?tab=${name}`)).text
    const report = await tab('report')
    expect(report).toContain('data-tab-panel="report"')
    expect(report).toContain(s.filed.receiptNumber)
    expect(report).toMatch(/<a [^>]*aria-current="page"[^>]*>届出<\/a>|<a href="[^"]*tab=report" aria-current="page"/)
    expect(report).not.toContain('<ol class="timeline">')
    expect(report).not.toContain(`action="/cases/${s.caseId}/threads/developer/`)
    expect(report).not.toContain('data-testid="case-deadlines"')

    const threads = await tab('threads')
    expect(threads).toContain(`action="/cases/${s.caseId}/threads/developer/${s.partyId}"`)
    expect(threads).not.toContain('<ol class="timeline">')
    expect(threads).not.toContain(`action="/cases/${s.caseId}/accept"`)

    const deadlines = await tab('deadlines')
    expect(deadlines).toContain('data-testid="case-deadlines"')
    expect(deadlines).not.toContain(`action="/cases/${s.caseId}/threads/`)

    const timeline = await tab('timeline')
    expect(timeline).toContain('<ol class="timeline">')
    expect(timeline).not.toContain('data-testid="case-deadlines"')
    for (const html of [report, threads, deadlines, timeline]) expect(html).toContain('data-testid="case-summary"')
  })

  it('a form posted from a tab comes back to that tab', async () => {
    const s = await coordinatorOnCase()
    const threads = await s.b.get(`/cases/${s.caseId}?tab=threads`)
    const back = returnField(threads.text)
    expect(back).toBe(`/cases/${s.caseId}?tab=threads`)
    const posted = await s.b.post(`/cases/${s.caseId}/threads/developer/${s.partyId}`, { body: '確認をお願いします', _return: back! })
    expect(posted.status).toBe(303)
    expect(posted.location).toBe(`/cases/${s.caseId}?tab=threads`)
    const after = await s.b.get(posted.location!)
    expect(after.text).toContain('確認をお願いします')

    // a pause posted from the deadlines tab (another feature's form) comes back there too
    const deadlines = await s.b.get(`/cases/${s.caseId}?tab=deadlines`)
    const timerId = deadlines.text.match(/action="\/deadlines\/([^/]+)\/pause"/)![1]!
    const paused = await s.b.post(`/deadlines/${timerId}/pause`, { returnTo: 'case', reason: '開発者の社内調整待ち', _return: returnField(deadlines.text)! })
    expect(paused.location).toBe(`/cases/${s.caseId}?tab=deadlines`)
  })

  it('the place a form returns to can only be the page it redirects to anyway', () => {
    expect(placeOf('/cases/1', '/cases/1?tab=parties')).toBe('/cases/1?tab=parties')
    expect(placeOf('/cases/1#website', '/cases/1?tab=parties')).toBe('/cases/1?tab=parties#website')
    expect(placeOf('/cases/1', '/cases/2?tab=parties')).toBe('/cases/1')
    expect(placeOf('/cases/1', '//evil.example/cases/1')).toBe('/cases/1')
    expect(placeOf('/cases/1', 'https://evil.example/cases/1')).toBe('/cases/1')
    expect(placeOf('/my/reports/1', '/cases/1?tab=threads')).toBe('/my/reports/1')
    expect(placeOf('/cases/1', undefined)).toBe('/cases/1')
  })
})


import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser } from '../../test/support/clients.js'
import { walkToNotifiedDeveloper } from '../../test/support/story.js'
import { defaultLeadBusinessDays, provideAtFor } from './provision-time.js'
import { notifyDueProvisions } from './provision-notices.job.js'

describe('the provision time', () => {
  it('counts Japanese business days back from the publication day and opens at 00:00 JST', () => {
    // Monday 2026-06-01 10:00 JST → Monday 2026-05-25 00:00 JST
    expect(provideAtFor(new Date('2026-06-01T01:00:00Z'), 5)!.toISOString()).toBe('2026-05-24T15:00:00.000Z')
    // Golden Week 2026: 4, 5, 6 May (6th a substitute holiday) and 29 April are skipped
    expect(provideAtFor(new Date('2026-05-07T01:00:00Z'), 5)!.toISOString()).toBe('2026-04-23T15:00:00.000Z')
    // Year end: 29 December – 3 January are not business days
    expect(provideAtFor(new Date('2027-01-05T01:00:00Z'), 2)!.toISOString()).toBe('2026-12-27T15:00:00.000Z')
    // the Japan date counts, whatever the UTC date: 2026-06-01 08:00 JST is 2026-05-31 in UTC
    expect(provideAtFor(new Date('2026-05-31T23:00:00Z'), 1)!.toISOString()).toBe('2026-05-28T15:00:00.000Z')
    expect(provideAtFor(null, 5)).toBeNull()
  })
})

let t: TestApp
let s: Awaited<ReturnType<typeof walkToNotifiedDeveloper>>
let ciOrgId: string
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  s = await walkToNotifiedDeveloper(t)
  await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'vulnerable' })
  ciOrgId = (await s.coordinator.api.post('/api/v1/priority-information/organizations', { nameJa: '<script>alert(1)</script>電力', nameEn: 'Power', sector: 'electricity' })).json.id
})
afterAll(async () => { await t.close() })

describe('marking on the case page', () => {
  it('needs an advisory draft first', async () => {
    const r = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/priority-information`, { sectors: ['gas'], organizationIds: [] })
    expect([r.status, r.json.error.code]).toEqual([409, 'priority_information.no_advisory'])
  })

  it('offers the form to coordinators, escapes organisation names, and answers a bad choice with 400', async () => {
    const draft = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, { title: { ja: '題', en: 'Title' }, overview: {}, description: {}, impact: {}, solution: {} })
    expect(draft.status, JSON.stringify(draft.json)).toBe(200)
    const b = browserClient(t)
    await signInBrowser(t, b, s.coordinator)
    const casePage = await b.get(`/cases/${s.caseId}?tab=advisory`)
    expect(casePage.text).toContain(`action="/cases/${s.caseId}/priority-information"`)
    expect(casePage.text).not.toContain('<script>alert(1)</script>')
    expect(casePage.text).toContain('&lt;script&gt;')
    const bad = await b.post(`/cases/${s.caseId}/priority-information`, { leadBusinessDays: '5' })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('分野または組織を1つ以上選んでください。')
    const noCsrf = await b.post(`/cases/${s.caseId}/priority-information`, { sectors: 'gas', leadBusinessDays: '5' }, { csrf: null })
    expect(noCsrf.status).toBe(403)
    const ok = await b.post(`/cases/${s.caseId}/priority-information`, { sectors: 'electricity', leadBusinessDays: '3' })
    expect([ok.status, ok.location]).toEqual([303, `/cases/${s.caseId}#priority-information`])
    // the developer's view of the case shows nothing of it
    const dev = await s.developerBrowser.get(`/cases/${s.caseId}?tab=advisory`)
    expect(dev.text).not.toContain('priority-information')
  })

  it('has no provision while the advisory has no publication date', async () => {
    const member = await createUser(t, { organizationId: ciOrgId })
    const r = await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/priority-information`)
    expect(r.json.provision).toMatchObject({ state: 'unscheduled', provideAt: null, leadBusinessDays: 3 })
    t.clock.set('2027-01-01T00:00:00Z')
    expect((await member.api.get(`/api/v1/priority-information/provisions/${r.json.provision.id}`)).status).toBe(404)
    expect(await notifyDueProvisions(t.deps)).toBe(0)
    t.clock.set('2026-04-01T02:00:00Z')
  })

  it('keeps sectors to critical-infrastructure organisations in the database', async () => {
    await expect(t.db.updateTable('organizations').set({ sector: 'gas' }).where('id', '=', s.orgId).execute()).rejects.toThrow()
    await expect(sql`update organizations set sector = 'space' where id = ${ciOrgId}`.execute(t.db)).rejects.toThrow()
  })

  it('takes the default lead time from the deadlines policy', async () => {
    const policy = (values: { offset_amount?: number; enabled?: boolean; offset_unit?: 'business_days' | 'calendar_days' }) =>
      t.db.updateTable('deadline_policies').set(values).where('kind', '=', 'priority_information_lead').execute()
    expect(await defaultLeadBusinessDays(t.db)).toBe(5)
    await policy({ offset_amount: 3 })
    expect(await defaultLeadBusinessDays(t.db)).toBe(3)
    await policy({ offset_unit: 'calendar_days' })
    expect(await defaultLeadBusinessDays(t.db)).toBe(5)
    await policy({ offset_unit: 'business_days', enabled: false })
    expect(await defaultLeadBusinessDays(t.db)).toBe(5)
    await policy({ offset_amount: 5, enabled: true })
  })
})

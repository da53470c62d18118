import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, createUser, lastMailTo } from '../../test/support/clients.js'
import { productReport } from '../../test/support/fixtures.js'
import { recordDueListingDetails } from './listing-details.job.js'
import { declareThroughApi, walkToUnansweredDeveloper, type UnansweredCase } from './uncontactable.test-support.js'

const DESCRIPTION = productReport().description as string
const PRODUCT = productReport().productName as string

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-01T01:00:00Z' }) })
afterAll(async () => { await t.close() })

const publicPage = async () => (await apiClient(t).get('/uncontactable')).text
const events = async (caseId: string, type: string) =>
  t.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).where('type', '=', type).execute()

describe('an uncontactable developer, from listing to resumption', () => {
  let s: UnansweredCase
  let listingId: string

  it('refuses the declaration until the contact-attempt policy is met, and says how far the case is', async () => {
    s = await walkToUnansweredDeveloper(t)
    t.clock.set('2026-04-14T01:00:00Z') // 9 business days after the first attempt; the policy wants 10
    const early = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/uncontactable`, { reason: '応答なし' })
    expect(early.status).toBe(409)
    expect(early.json.error.code).toBe('uncontactable.policy_not_met')
    expect(early.json.error.details.progress).toMatchObject({ attempts: 3, businessDaysElapsed: 9, minSpanBusinessDays: 10, earliestOn: '2026-04-15', met: false })
    const progress = await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/contact-policy`)
    expect(progress.json.progress.met).toBe(false)
    expect((await t.db.selectFrom('cases').select('status').where('id', '=', s.caseId).executeTakeFirstOrThrow()).status).toBe('contacting_developer')
    expect(await publicPage()).not.toContain('音信不通電機株式会社')
  })

  it('lists the developer by name from the declaration, with the product hidden and nothing of the vulnerability', async () => {
    t.clock.set('2026-04-15T01:00:00Z')
    const declared = await declareThroughApi(s)
    expect(declared.caseStatus).toBe('uncontactable')
    listingId = declared.listingId
    const party = await t.db.selectFrom('case_parties').select('status').where('id', '=', s.partyId).executeTakeFirstOrThrow()
    expect(party.status).toBe('uncontactable')

    const html = await publicPage()
    expect(html).toContain('音信不通電機株式会社')
    expect(html).toContain('2026/04/15')
    expect(html).not.toContain(PRODUCT)
    expect(html).not.toContain(DESCRIPTION)
    const en = await apiClient(t).get('/uncontactable?lang=en')
    expect(en.text).toContain('Silent Electric Co.')
    const api = await apiClient(t).get('/api/v1/uncontactable')
    expect(api.json.listings).toEqual([{ id: listingId, developer: { ja: '音信不通電機株式会社', en: 'Silent Electric Co.' }, listedAt: '2026-04-15T01:00:00.000Z', product: null }])
    expect(api.text).not.toContain(s.caseId)
    const one = await apiClient(t).get(`/uncontactable/${listingId}`)
    expect(one.status).toBe(200)
    expect(one.text).not.toContain(PRODUCT)
    expect(one.text).not.toContain(DESCRIPTION)
  })

  it('adds the product name and versions exactly 3 months after listing, and records that once', async () => {
    t.clock.set('2026-07-15T00:59:59.999Z')
    expect(await publicPage()).not.toContain(PRODUCT)
    expect(await recordDueListingDetails(t.deps)).toBe(0)
    t.clock.set('2026-07-15T01:00:00Z')
    // Visible from its time, before any worker has run.
    const html = await publicPage()
    expect(html).toContain(PRODUCT)
    expect(html).toContain(productReport().productVersion as string)
    expect(html).not.toContain(DESCRIPTION)
    expect(await recordDueListingDetails(t.deps)).toBe(1)
    expect(await recordDueListingDetails(t.deps)).toBe(0)
    expect(await events(s.caseId, 'listing_details_published')).toHaveLength(1)
    const api = await apiClient(t).get(`/api/v1/uncontactable/${listingId}`)
    // The finder's words are the Japanese; no English until someone writes it (this name is in Japanese script).
    expect(api.json.product).toEqual({ name: { ja: PRODUCT, en: '' }, versions: { ja: productReport().productVersion, en: '' } })
  })

  it('takes tips from the public for the coordinators, with a pointer by mail and nothing else in it', async () => {
    const visitor = browserClient(t)
    await visitor.get(`/uncontactable/${listingId}`)
    const noCsrf = await visitor.post(`/uncontactable/${listingId}/tips`, { name: 'x', email: 'x@example.test', message: 'x' }, { csrf: null })
    expect(noCsrf.status).toBe(403)
    const bad = await visitor.post(`/uncontactable/${listingId}/tips`, { name: '通りすがり', email: 'not-an-address', message: '<b>連絡先</b>' })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('&lt;b&gt;連絡先&lt;/b&gt;')
    const sent = await visitor.post(`/uncontactable/${listingId}/tips`, { name: '通りすがり', email: 'passer@example.test', message: '広報部 pr@silent.example が窓口です' })
    expect(sent.status).toBe(303)
    expect(sent.location).toBe(`/uncontactable/${listingId}?sent`)
    const tips = await t.db.selectFrom('uncontactable_tips').selectAll().where('listing_id', '=', listingId).execute()
    expect(tips).toHaveLength(1)
    const mail = (await lastMailTo(t, s.coordinator.email))[0]!
    expect(mail.body_text).toContain(`/cases/${s.caseId}`)
    expect(mail.body_text).not.toContain('pr@silent.example')
    expect(mail.body_text).not.toContain(DESCRIPTION)
    const casePage = await s.coordinator.api.get(`/cases/${s.caseId}?tab=parties`)
    expect(casePage.text).toContain('広報部 pr@silent.example が窓口です')
  })

  it('resumes coordination: the listing leaves the public list, the case returns to developer_notified with its history', async () => {
    const other = await createUser(t, { roles: ['intake'] })
    expect((await other.api.post(`/api/v1/cases/${s.caseId}/resumption`, { reason: 'x' })).status).toBe(404)
    t.clock.set('2026-08-03T01:00:00Z')
    const r = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/resumption`, { reason: '広報部経由で連絡がついた' })
    expect(r.status, r.text).toBe(200)
    expect(r.json).toEqual({ caseStatus: 'developer_notified', endedListingIds: [listingId] })
    expect(await publicPage()).not.toContain('音信不通電機株式会社')
    expect((await apiClient(t).get(`/uncontactable/${listingId}`)).status).toBe(404)
    expect((await apiClient(t).post(`/api/v1/uncontactable/${listingId}/tips`, { name: 'a', email: 'a@example.test', message: 'b' })).status).toBe(404)

    const listing = await t.db.selectFrom('uncontactable_listings').selectAll().where('id', '=', listingId).executeTakeFirstOrThrow()
    expect(listing.ended_at).toEqual(new Date('2026-08-03T01:00:00Z'))
    expect(listing.end_reason).toBe('広報部経由で連絡がついた')
    const kase = await t.db.selectFrom('cases').select(['status', 'start_date']).where('id', '=', s.caseId).executeTakeFirstOrThrow()
    expect(kase).toEqual({ status: 'developer_notified', start_date: '2026-08-03' })
    const types = (await t.db.selectFrom('case_events').select('type').where('case_id', '=', s.caseId).orderBy('id').execute()).map((e) => e.type)
    expect(types).toEqual(expect.arrayContaining(['start_contacting', 'declare_uncontactable', 'listing_details_published', 'uncontactable_tip_received', 'resume_coordination']))
    expect(types.indexOf('declare_uncontactable')).toBeLessThan(types.indexOf('resume_coordination'))
    const party = await t.db.selectFrom('case_parties').select('status').where('id', '=', s.partyId).executeTakeFirstOrThrow()
    expect(party.status).toBe('contacting')
    // The developer can now be notified as usual.
    const notified = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/notify`, { contactId: s.contactId })
    expect(notified.status, notified.text).toBe(200)
    const page = await s.coordinator.api.get(`/cases/${s.caseId}?tab=parties`)
    expect(page.text).toContain('広報部経由で連絡がついた')
  })
})

describe('the contact-attempt policy', () => {
  it('measures a notified developer that stopped answering from when it went silent', async () => {
    t.clock.set('2026-09-01T01:00:00Z')
    const s = await walkToUnansweredDeveloper(t, {
      orgName: { ja: '途絶株式会社', en: 'Gone Quiet Inc.' },
      attempts: [{ channel: 'email', attemptedOn: '2026-09-01', result: 'reached' }],
    })
    expect((await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/notify`, { contactId: s.contactId })).status).toBe(200)
    for (const [day, channel] of [['2026-09-02', 'email'], ['2026-09-04', 'phone'], ['2026-09-08', 'email']] as const) {
      await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/contact-attempts`, { channel, address: 'x', attemptedOn: day, result: 'no_answer' })
    }
    t.clock.set('2026-09-15T01:00:00Z')
    const early = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/uncontactable`, { reason: '途絶' })
    expect(early.json.error.details.progress).toMatchObject({ attempts: 3, firstAttemptOn: '2026-09-02', earliestOn: '2026-09-16' })
    t.clock.set('2026-09-16T01:00:00Z')
    expect((await declareThroughApi(s)).caseStatus).toBe('uncontactable')
    const declared = await events(s.caseId, 'declare_uncontactable')
    expect(declared[0]!.from_status).toBe('developer_notified')
  })

  it('lists one developer of a multi-vendor case while the case goes on, and resumes it alone', async () => {
    const s = await walkToUnansweredDeveloper(t, { orgName: { ja: '複数A社', en: 'Multi A' } })
    const org = await s.coordinator.api.post('/api/v1/organizations', { nameJa: '複数B社', nameEn: 'Multi B' })
    await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/parties`, { organizationId: org.json.id })
    t.clock.set('2026-10-30T01:00:00Z')
    const declared = await declareThroughApi(s)
    expect(declared.caseStatus).toBe('contacting_developer')
    expect(await events(s.caseId, 'party_uncontactable')).toHaveLength(1)
    expect(await publicPage()).toContain('複数A社')
    const resumed = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/resumption`, { reason: '返信あり', partyId: s.partyId })
    expect(resumed.json).toEqual({ caseStatus: 'contacting_developer', endedListingIds: [declared.listingId] })
    expect(await events(s.caseId, 'party_contact_resumed')).toHaveLength(1)
    expect(await publicPage()).not.toContain('複数A社')
  })

  it('is configuration that administrators change, and only they', async () => {
    const admin = await createUser(t, { roles: ['admin'] })
    const coordinator = await createUser(t, { roles: ['coordinator'] })
    expect((await coordinator.api.put('/api/v1/uncontactable-policy', { requiredChannels: [], minAttempts: 1, minSpanBusinessDays: 0, detailsAfterMonths: 1 })).status).toBe(404)
    const bad = await admin.api.put('/api/v1/uncontactable-policy', { requiredChannels: ['fax'], minAttempts: 0, minSpanBusinessDays: 0, detailsAfterMonths: 1 })
    expect(bad.status).toBe(400)
    const saved = await admin.api.put('/api/v1/uncontactable-policy', { requiredChannels: ['phone'], minAttempts: 1, minSpanBusinessDays: 0, detailsAfterMonths: 1 })
    expect(saved.json).toEqual({ requiredChannels: ['phone'], minAttempts: 1, minSpanBusinessDays: 0, detailsAfterMonths: 1 })
    t.clock.set('2026-11-02T01:00:00Z')
    const s = await walkToUnansweredDeveloper(t, { orgName: { ja: '設定試験社', en: 'Config Test' }, attempts: [{ channel: 'email', attemptedOn: '2026-11-02', result: 'no_answer' }] })
    const refused = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/uncontactable`, { reason: 'x' })
    expect(refused.json.error.details.progress.missingChannels).toEqual(['phone'])
    await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/contact-attempts`, { channel: 'phone', address: '03', attemptedOn: '2026-11-02', result: 'no_answer' })
    await declareThroughApi(s)
    await admin.api.put('/api/v1/uncontactable-policy', { requiredChannels: ['email'], minAttempts: 3, minSpanBusinessDays: 10, detailsAfterMonths: 3 })
  })
})

describe('the listing-details job and hostile text', () => {
  it('records a listing once even when two workers run at the same moment', async () => {
    t.clock.set('2027-01-04T01:00:00Z')
    const s = await walkToUnansweredDeveloper(t, {
      orgName: { ja: '並行試験社', en: 'Parallel Co.' },
      attempts: [{ channel: 'email', attemptedOn: '2026-12-01', result: 'no_answer' }, { channel: 'email', attemptedOn: '2026-12-02', result: 'no_answer' }, { channel: 'email', attemptedOn: '2026-12-03', result: 'no_answer' }],
    })
    await declareThroughApi(s)
    t.clock.set('2027-04-04T01:00:00Z')
    const all = () => t.db.selectFrom('case_events').select('data').where('type', '=', 'listing_details_published').execute()
    const before = (await all()).length
    const counts = await Promise.all([recordDueListingDetails(t.deps), recordDueListingDetails(t.deps)])
    const after = await all()
    // Every listing due by now (earlier tests' too) is recorded exactly once between the two workers.
    expect(counts.reduce((a, b) => a + b, 0)).toBe(after.length - before)
    const perListing = after.map((e) => (e.data as { listingId: string }).listingId)
    expect(new Set(perListing).size).toBe(perListing.length)
    expect(await events(s.caseId, 'listing_details_published')).toHaveLength(1)
  })

  it('shows names, products and tips as text on the public list and the case page', async () => {
    const payload = '<script>alert("u1")</script><img src=x onerror=alert(2)>'
    t.clock.set('2027-05-06T01:00:00Z')
    const s = await walkToUnansweredDeveloper(t, {
      orgName: { ja: `悪意社${payload}`, en: `Evil${payload}` }, report: { productName: `製品${payload}` },
      attempts: [{ channel: 'email', attemptedOn: '2027-04-01', result: 'no_answer' }, { channel: 'email', attemptedOn: '2027-04-02', result: 'no_answer' }, { channel: 'email', attemptedOn: '2027-04-05', result: 'no_answer' }],
    })
    const { listingId } = await declareThroughApi(s)
    t.clock.set('2027-08-06T01:00:00Z')
    await apiClient(t).post(`/api/v1/uncontactable/${listingId}/tips`, { name: payload, email: 'x@example.test', message: payload })
    for (const html of [await publicPage(), (await apiClient(t).get(`/uncontactable/${listingId}?lang=en`)).text, (await s.coordinator.api.get(`/cases/${s.caseId}?tab=parties`)).text]) {
      expect(html).toContain('&lt;script&gt;alert(&quot;u1&quot;)&lt;/script&gt;')
      expect(html).not.toMatch(/<script>alert\("u1"\)|<img src=x onerror/)
    }
  })
})

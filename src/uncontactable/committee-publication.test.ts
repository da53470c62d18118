import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, createUser, type TestUser } from '../../test/support/clients.js'
import { productReport } from '../../test/support/fixtures.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'
import { recordCommitteePublishedListings } from './listing-ended.job.js'
import { declareThroughApi, walkToUnansweredDeveloper, type UnansweredCase } from './uncontactable.test-support.js'

const DESCRIPTION = productReport().description as string
const TITLE_JA = '委員会公表ルータ WR-1000 における脆弱性（利用中止のお願い）'
const DEVELOPER = { ja: '公表判定電機株式会社', en: 'Decided Electric Co.' }

const stopUsingAdvisory = {
  title: { ja: TITLE_JA, en: 'Vulnerability in WR-1000: stop using it' },
  overview: { ja: '開発者と連絡が取れないため、委員会の判定により公表します。', en: 'Published by committee decision.' },
  description: { ja: '管理画面にクロスサイト・スクリプティングの脆弱性があります。', en: 'The admin screen is vulnerable to XSS.' },
  impact: { ja: '任意のスクリプトが実行されます。', en: 'Arbitrary script runs.' },
  solution: { ja: '製品の利用を中止してください。', en: 'Stop using the product.' },
  vulnerabilities: [{ title: { ja: 'クロスサイト・スクリプティング', en: 'Cross-site scripting' }, cweId: 'CWE-79' }],
  affectedProducts: [{ developer: DEVELOPER.ja, product: 'WR-1000', versions: '1.0.0' }],
}

let t: TestApp
let member: TestUser
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  member = await createUser(t, { roles: ['committee'] })
})
afterAll(async () => { await t.close() })

const anonymous = () => apiClient(t)
const listingsOf = (caseId: string) => t.db.selectFrom('uncontactable_listings').selectAll().where('case_id', '=', caseId).execute()

describe('a listing when the committee publishes', () => {
  let s: UnansweredCase
  let other: UnansweredCase
  let listingId: string
  let otherListingId: string
  let identifier: string
  const publishAt = '2026-05-01T01:00:00.000Z'

  it('stays on the live list after the decision to publish, with nothing of the coming advisory', async () => {
    s = await walkToUnansweredDeveloper(t, { orgName: DEVELOPER })
    // The same developer's other case, still uncontactable: its listing is a listing of its own.
    other = await walkToUnansweredDeveloper(t, { orgName: DEVELOPER, report: { productName: '別製品 NX-2' } })
    t.clock.set('2026-04-15T01:00:00Z')
    listingId = (await declareThroughApi(s)).listingId
    otherListingId = (await declareThroughApi(other)).listingId
    const { referralId } = (await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/committee-referrals`, { reason: 'uncontactable' })).json
    expect((await member.api.post(`/api/v1/committee/referrals/${referralId}/votes`, { vote: 'publish', comment: '' })).status).toBe(201)
    const decided = await s.coordinator.api.post(`/api/v1/committee/referrals/${referralId}/decision`, { decision: 'publish', reasons: '利用者保護', publishAt, advisory: stopUsingAdvisory })
    expect(decided.status, decided.text).toBe(201)
    identifier = decided.json.identifier

    t.clock.set('2026-05-01T00:59:59Z')
    const html = (await anonymous().get('/uncontactable')).text
    expect(html).toContain(`/uncontactable/${listingId}`)
    expect(html).not.toContain('data-testid="uncontactable-published"')
    for (const secret of [identifier, TITLE_JA, DESCRIPTION, identifier.replace('#', '')]) expect(html).not.toContain(secret)
    const api = await anonymous().get('/api/v1/uncontactable')
    expect(api.json.listings.map((l: { id: string }) => l.id)).toContain(listingId)
    expect(api.json.publishedByCommittee).toEqual([])
    expect(api.text).not.toContain(identifier.replace('#', ''))
    const one = await anonymous().get(`/uncontactable/${listingId}`)
    expect(one.text).toContain(`/uncontactable/${listingId}/tips`)
    expect(one.text).not.toContain(identifier)
    expect(await recordCommitteePublishedListings(t.deps)).toBe(0)
  })

  it('leaves the live list exactly when the advisory becomes public, into the history with a link to it', async () => {
    t.clock.set(publishAt)
    // Before any worker has run: the visibility rule decides.
    const html = (await anonymous().get('/uncontactable')).text
    const [liveHtml, history] = html.split('data-testid="uncontactable-published"')
    expect(liveHtml).not.toContain(`/uncontactable/${listingId}"`)
    expect(liveHtml).toContain(`/uncontactable/${otherListingId}"`)
    expect(history).toContain('委員会の判定により公表済み')
    expect(history).toContain(`/uncontactable/${listingId}"`)
    expect(history).toContain(`/advisories/${identifier.replace('#', '')}`)
    expect(html).not.toContain(DESCRIPTION)
    expect((await anonymous().get('/uncontactable?lang=en')).text).toContain('Published by committee decision')

    const api = (await anonymous().get('/api/v1/uncontactable')).json
    expect(api.listings.map((l: { id: string }) => l.id)).toEqual([otherListingId])
    expect(api.publishedByCommittee).toEqual([{
      id: listingId, developer: DEVELOPER, listedAt: '2026-04-15T01:00:00.000Z', product: null, status: 'published_by_committee',
      advisory: { identifier, publishedAt: publishAt, url: `http://keikai.test/advisories/${identifier.replace('#', '')}` },
    }])
    const one = await anonymous().get(`/uncontactable/${listingId}`)
    expect(one.status).toBe(200)
    expect(one.text).toContain('公表判定委員会の判定による脆弱性対策情報の公表をもって終了')
    expect(one.text).not.toContain(`/uncontactable/${listingId}/tips`)
    expect((await anonymous().get(`/api/v1/uncontactable/${listingId}`)).json).toMatchObject({ status: 'published_by_committee', advisory: { identifier } })
    expect((await anonymous().post(`/api/v1/uncontactable/${listingId}/tips`, { name: 'x', email: 'x@example.test', message: 'x' })).status).toBe(404)
    // The advisory it links to is public at the same moment.
    expect((await anonymous().get(`/advisories/${identifier.replace('#', '')}`)).status).toBe(200)
  })

  it('is recorded once on the case timeline as ended, published by committee', async () => {
    expect(await publishDueAdvisories(t.deps)).toBe(1)
    t.clock.set('2026-05-01T01:05:00Z')
    expect(await recordCommitteePublishedListings(t.deps)).toBe(1)
    expect(await recordCommitteePublishedListings(t.deps)).toBe(0)
    const [listing] = await listingsOf(s.caseId)
    expect(listing).toMatchObject({ end_reason: 'published_by_committee', ended_by: null })
    expect(listing!.ended_at).toEqual(new Date(publishAt))
    expect(listing!.ended_by_advisory_id).not.toBeNull()
    expect((await listingsOf(other.caseId))[0]!.ended_at).toBeNull()
    const timeline = (await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json.timeline as { type: string }[]
    expect(timeline.filter((e) => e.type === 'listing_ended')).toHaveLength(1)
    const ended = await t.db.selectFrom('case_events').select('data').where('case_id', '=', s.caseId).where('type', '=', 'listing_ended').execute()
    expect(ended[0]!.data).toMatchObject({ listingId, reason: 'published_by_committee', identifier, publishedAt: publishAt })
    // Still in the history after the record, and shown so on the coordinator's case page.
    expect((await anonymous().get('/api/v1/uncontactable')).json.publishedByCommittee.map((l: { id: string }) => l.id)).toEqual([listingId])
    expect((await s.coordinator.api.get(`/cases/${s.caseId}?tab=parties`)).text).toContain('委員会の判定により公表済み')
  })
})

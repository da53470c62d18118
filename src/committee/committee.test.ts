import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, createUser, lastMailTo, type TestUser } from '../../test/support/clients.js'
import { productReport } from '../../test/support/fixtures.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'
import { declareThroughApi, walkToUnansweredDeveloper, type UnansweredCase } from '../uncontactable/uncontactable.test-support.js'

const DESCRIPTION = productReport().description as string
const TITLE_JA = 'サンプルルータ WR-1000 における脆弱性（利用中止のお願い）'

/** A stop-using advisory written without the developer (連絡不能公表). */
const stopUsingAdvisory = {
  title: { ja: TITLE_JA, en: 'Vulnerability in WR-1000 router: stop using it' },
  overview: { ja: '開発者と連絡が取れないため、委員会の判定により公表します。', en: 'Published by committee decision; the developer could not be reached.' },
  description: { ja: '管理画面にクロスサイト・スクリプティングの脆弱性があります。', en: 'The admin screen is vulnerable to cross-site scripting.' },
  impact: { ja: '任意のスクリプトが実行されます。', en: 'Arbitrary script runs in the administrator\'s browser.' },
  solution: { ja: '製品の利用を中止してください。', en: 'Stop using the product.' },
  vulnerabilities: [{ titleJa: 'クロスサイト・スクリプティング', titleEn: 'Cross-site scripting', cweId: 'CWE-79' }],
  affectedProducts: [{ developer: '音信不通電機株式会社', product: 'サンプルルータ WR-1000', versions: '1.0.0 〜 1.2.3' }],
}

let t: TestApp
let chair: TestUser, member: TestUser, recusing: TestUser
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  chair = await createUser(t, { roles: ['committee'], name: 'Chair Mori' })
  member = await createUser(t, { roles: ['committee'], name: 'Member Abe' })
  recusing = await createUser(t, { roles: ['committee'], name: 'Member Ueda' })
})
afterAll(async () => { await t.close() })

const caseStatus = async (caseId: string) => (await t.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status
const eventsOf = async (caseId: string, type: string) => t.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).where('type', '=', type).execute()

async function listedCase(orgName: { ja: string; en: string }, report: Record<string, unknown> = {}) {
  t.clock.set('2026-04-01T01:00:00Z')
  const s = await walkToUnansweredDeveloper(t, { orgName, report })
  t.clock.set('2026-04-15T01:00:00Z')
  await declareThroughApi(s)
  return s
}

describe('the publication decision committee', () => {
  let s: UnansweredCase
  let referralId: string
  let meetingId: string

  it('takes a referral of an uncontactable case and mails the members a pointer only', async () => {
    s = await listedCase({ ja: '音信不通電機株式会社', en: 'Silent Electric Co.' })
    expect((await chair.api.get('/api/v1/committee/referrals')).json.referrals).toEqual([])
    const referred = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/committee-referrals`, { reason: 'uncontactable', note: '3か月以上応答なし' })
    expect(referred.status, referred.text).toBe(201)
    referralId = referred.json.referralId
    expect(await caseStatus(s.caseId)).toBe('committee_review')
    const mail = (await lastMailTo(t, member.email))[0]!
    expect(mail.body_text).toContain(`/committee/referrals/${referralId}`)
    expect(mail.body_text).not.toContain(DESCRIPTION)
  })

  it('shows members only referred cases, never the case pages', async () => {
    t.clock.set('2026-04-15T02:00:00Z')
    const other = await walkToUnansweredDeveloper(t, { orgName: { ja: '別件社', en: 'Other Co.' }, report: { productName: '付議されていない製品 ZZ-9' } })
    const list = await member.api.get('/committee')
    expect(list.status).toBe(200)
    expect(list.text).toContain(`/committee/referrals/${referralId}`)
    expect(list.text).not.toContain('付議されていない製品 ZZ-9')
    for (const path of [`/cases/${s.caseId}`, `/api/v1/cases/${s.caseId}`, `/cases/${other.caseId}`, `/cases/${s.caseId}/advisory`, '/committee/referrals/not-a-referral']) {
      expect((await member.api.get(path)).status, path).toBe(404)
    }
    const page = await member.api.get(`/committee/referrals/${referralId}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain(DESCRIPTION)
    expect(page.text).toContain('@silent.example') // the contact history
    expect(page.text).not.toContain(productReport().reproduction as string)
    const logged = await t.db.selectFrom('access_log').selectAll().where('user_id', '=', member.id).where('case_id', '=', s.caseId).execute()
    expect(logged.map((l) => l.what)).toEqual([`committee_referral:${referralId}:full`])
    for (const outsider of [await createUser(t, { roles: ['intake'] }), await createUser(t)]) {
      expect((await outsider.api.get(`/committee/referrals/${referralId}`)).status).toBe(404)
      expect((await outsider.api.get('/api/v1/committee/referrals')).status).toBe(404)
    }
  })

  it('records a meeting; a recused member can neither vote nor read further', async () => {
    const recorded = await s.coordinator.api.post('/api/v1/committee/meetings', {
      heldOn: '2026-04-20', chairId: chair.id, attendeeIds: [chair.id, member.id, recusing.id], referralIds: [referralId], notes: '連絡不能案件1件を審議',
    })
    expect(recorded.status, recorded.text).toBe(201)
    meetingId = recorded.json.meetingId
    expect(await eventsOf(s.caseId, 'committee_meeting_held')).toHaveLength(1)
    expect((await member.api.post('/api/v1/committee/meetings', { heldOn: '2026-04-20', chairId: member.id, attendeeIds: [member.id] })).status).toBe(404)

    const recused = await recusing.api.post(`/api/v1/committee/referrals/${referralId}/recusal`, { reason: '開発者の元役員と親族関係にある' })
    expect(recused.status, recused.text).toBe(201)
    const vote = await recusing.api.post(`/api/v1/committee/referrals/${referralId}/votes`, { vote: 'publish', comment: '' })
    expect(vote.status).toBe(409)
    expect(vote.json.error.code).toBe('committee.recused')
    const page = await recusing.api.get(`/committee/referrals/${referralId}`)
    expect(page.status).toBe(200)
    expect(page.text).not.toContain(DESCRIPTION)
    expect(page.text).not.toContain('@silent.example')
    const json = await recusing.api.get(`/api/v1/committee/referrals/${referralId}`)
    expect(json.json).toMatchObject({ recused: true, summary: null, deliberation: null })
  })

  it('decides to publish after the votes: a stop-using advisory, public at its time, counted as decided by the committee', async () => {
    expect((await chair.api.post(`/api/v1/committee/referrals/${referralId}/decision`, { decision: 'publish', reasons: 'x', publishAt: '2026-05-01T01:00:00Z', advisory: stopUsingAdvisory })).json.error.code).toBe('committee.no_votes')
    for (const m of [chair, member]) {
      const v = await m.api.post(`/api/v1/committee/referrals/${referralId}/votes`, { vote: 'publish', comment: '利用者保護のため公表すべき', meetingId })
      expect(v.status, v.text).toBe(201)
    }
    // An ordinary member does not record the decision; the chair of the meeting does.
    expect((await member.api.post(`/api/v1/committee/referrals/${referralId}/decision`, { decision: 'publish', reasons: 'x' })).status).toBe(404)
    const decided = await chair.api.post(`/api/v1/committee/referrals/${referralId}/decision`, {
      decision: 'publish', reasons: '長期間連絡が取れず、利用者への危険が大きい', publishAt: '2026-05-01T01:00:00Z', advisory: stopUsingAdvisory, meetingId,
    })
    expect(decided.status, decided.text).toBe(201)
    expect(decided.json.identifier).toMatch(/^JVN#\d{8}$/)
    expect(await caseStatus(s.caseId)).toBe('publication_scheduled')
    const scheduled = (await eventsOf(s.caseId, 'schedule_publication'))[0]!
    expect(scheduled.from_status).toBe('committee_review')
    expect(scheduled.data).toMatchObject({ decidedByCommittee: true, referralId })
    const decision = (await eventsOf(s.caseId, 'committee_decision'))[0]!
    expect(decision.data).toMatchObject({ decision: 'publish', decidedByCommittee: true, referralId, meetingId, identifier: decided.json.identifier })
    expect((await chair.api.get(`/api/v1/committee/referrals/${referralId}`)).json.referral.status).toBe('publish')

    t.clock.set('2026-05-01T00:59:00Z')
    expect((await apiClient(t).get('/advisories')).text).not.toContain(TITLE_JA)
    t.clock.set('2026-05-01T01:00:00Z')
    expect((await apiClient(t).get('/advisories')).text).toContain(TITLE_JA)
    expect(await publishDueAdvisories(t.deps)).toBe(1)
    expect(await caseStatus(s.caseId)).toBe('published')
    expect((await chair.api.post(`/api/v1/committee/referrals/${referralId}/votes`, { vote: 'publish', comment: '' })).json.error.code).toBe('committee.referral_closed')
  })

  it('can keep waiting, decide again later, and end with resumption when the developer appears', async () => {
    const w = await listedCase({ ja: '待機電機', en: 'Waiting Electric' })
    const { referralId: rid } = (await w.coordinator.api.post(`/api/v1/cases/${w.caseId}/committee-referrals`, { reason: 'uncontactable' })).json
    await member.api.post(`/api/v1/committee/referrals/${rid}/votes`, { vote: 'keep_waiting', comment: 'もう少し待つ' })
    const kept = await w.coordinator.api.post(`/api/v1/committee/referrals/${rid}/decision`, { decision: 'keep_waiting', reasons: '新しい連絡先の調査中' })
    expect(kept.status, kept.text).toBe(201)
    expect(await caseStatus(w.caseId)).toBe('committee_review')
    expect(await eventsOf(w.caseId, 'committee_keep_waiting')).toHaveLength(1)
    // Still before the committee: it can vote and decide again.
    expect((await chair.api.post(`/api/v1/committee/referrals/${rid}/votes`, { vote: 'keep_waiting', comment: '' })).status).toBe(201)
    expect((await w.coordinator.api.post(`/api/v1/committee/referrals/${rid}/decision`, { decision: 'keep_waiting', reasons: '再度継続' })).status).toBe(201)

    const resumed = await w.coordinator.api.post(`/api/v1/cases/${w.caseId}/resumption`, { reason: '開発者から連絡があった' })
    expect(resumed.json.caseStatus).toBe('developer_notified')
    const referral = await t.db.selectFrom('committee_referrals').selectAll().where('id', '=', rid).executeTakeFirstOrThrow()
    expect(referral).toMatchObject({ status: 'withdrawn', close_reason: '開発者から連絡があった' })
    expect((await apiClient(t).get('/uncontactable')).text).not.toContain('待機電機')
    // Withdrawn: members keep the record, not the case.
    const page = await member.api.get(`/committee/referrals/${rid}`)
    expect(page.status).toBe(200)
    expect(page.text).not.toContain(DESCRIPTION)
    expect((await member.api.post(`/api/v1/committee/referrals/${rid}/votes`, { vote: 'publish', comment: '' })).json.error.code).toBe('committee.referral_closed')
  })

  it('refers an uncoordinatable case (a notified developer that refuses) only from the states the table allows', async () => {
    t.clock.set('2026-06-01T01:00:00Z')
    const d = await walkToUnansweredDeveloper(t, { orgName: { ja: '拒否社', en: 'Refusing Co.' }, attempts: [{ channel: 'email', attemptedOn: '2026-06-01', result: 'reached' }] })
    const early = await d.coordinator.api.post(`/api/v1/cases/${d.caseId}/committee-referrals`, { reason: 'uncoordinatable' })
    expect(early.status).toBe(409)
    await d.coordinator.api.post(`/api/v1/cases/${d.caseId}/parties/${d.partyId}/notify`, { contactId: d.contactId })
    expect((await d.coordinator.api.post(`/api/v1/cases/${d.caseId}/committee-referrals`, { reason: 'uncoordinatable', note: '公表を拒否' })).status).toBe(201)
    expect((await chair.api.get('/api/v1/committee/referrals')).json.referrals.some((r: { reason: string }) => r.reason === 'uncoordinatable')).toBe(true)
  })

  it('shows hostile report text on the referral page as text', async () => {
    const payload = '<script>alert("c1")</script><img src=x onerror=alert(2)>'
    const h = await listedCase({ ja: `悪意社${payload}`, en: `Evil${payload}` }, { productName: `製品${payload}`, description: `説明${payload}`, impact: `影響${payload}` })
    const { referralId: rid } = (await h.coordinator.api.post(`/api/v1/cases/${h.caseId}/committee-referrals`, { reason: 'uncontactable', note: payload })).json
    for (const viewer of [member, h.coordinator]) {
      const html = (await viewer.api.get(`/committee/referrals/${rid}`)).text
      expect(html).toContain('説明&lt;script&gt;alert(&quot;c1&quot;)&lt;/script&gt;')
      expect(html).not.toMatch(/<script>alert\("c1"\)|<img src=x onerror/)
    }
  })
})

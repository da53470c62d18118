import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, signInBrowser } from '../../test/support/clients.js'
import { walkToNotifiedDeveloper } from '../../test/support/story.js'
import { completeDraft, scheduleAndPublish, walkToEndOfLife } from './eol.test-support.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-01T01:00:00Z' }) })
afterAll(async () => { await t.close() })

const types = (timeline: { type: string }[]) => timeline.map((e) => e.type)

describe('support-end dates', () => {
  it('flags a case past end of support from the day after the support-end date, in Japan time', async () => {
    const s = await walkToNotifiedDeveloper(t)
    const set = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/end-of-life`, { supportEndDate: '2026-04-01', productName: 'WR-1000', productVersion: '1.x' })
    expect(set.json).toMatchObject({ supportEndDate: '2026-04-01', productName: 'WR-1000', productVersion: '1.x', pastEndOfSupport: false, handling: null })
    const early = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'A', note: 'too early' })
    expect(early.status).toBe(409)
    expect(early.json.error.code).toBe('end_of_life.not_past_support_end')

    const coordinator = browserClient(t)
    await signInBrowser(t, coordinator, s.coordinator)
    expect((await coordinator.get(`/cases/${s.caseId}?tab=parties`)).text).not.toContain('data-testid="past-end-of-support"')
    // 2026-04-02 00:00 in Tokyo is still 2026-04-01 in UTC
    t.clock.set('2026-04-01T15:00:00Z')
    expect((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/end-of-life`)).json.pastEndOfSupport).toBe(true)
    await signInBrowser(t, coordinator, s.coordinator)
    const page = await coordinator.get(`/cases/${s.caseId}?tab=parties`)
    expect(page.text).toContain('data-testid="past-end-of-support"')
    expect(page.text).toContain('name="handling" value="E"')
    expect(types((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}`)).json.timeline)).toContain('support_end_set')
  })

  it('keeps support end to coordinators and refuses malformed dates', async () => {
    const s = await walkToEndOfLife(t)
    expect((await s.developer.api.get(`/api/v1/cases/${s.caseId}/end-of-life`)).status).toBe(404)
    expect((await s.intake.api.put(`/api/v1/cases/${s.caseId}/end-of-life`, { supportEndDate: '2020-01-01' })).status).toBe(404)
    const page = await s.developerBrowser.get(`/cases/${s.caseId}?tab=parties`)
    expect(page.status).toBe(200)
    expect(page.text).not.toContain('data-section="end-of-life"')
    for (const supportEndDate of ['2026-02-30', '31/12/2025', '']) {
      const bad = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/end-of-life`, { supportEndDate })
      expect(bad.status, supportEndDate).toBe(400)
    }
    expect((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/end-of-life`)).json.supportEndDate).toBe('2025-12-31')
    const cleared = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/end-of-life`, { supportEndDate: null })
    expect(cleared.json).toMatchObject({ supportEndDate: null, pastEndOfSupport: false, productName: 'WR-1000' })
  })
})

describe('EoL handlings A–C', () => {
  it('A: closes the case as closed_low_impact with its date and tells the finder', async () => {
    const s = await walkToEndOfLife(t)
    const res = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'A', note: '管理画面は LAN 内のみ' })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json).toMatchObject({ handling: 'A', status: 'closed_low_impact' })
    const eol = (await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/end-of-life`)).json
    expect(eol).toMatchObject({ handling: 'A', status: 'closed_low_impact', endedOn: '2026-04-02', endingNote: '管理画面は LAN 内のみ' })
    const row = await t.db.selectFrom('cases').select('closed_at').where('id', '=', s.caseId).executeTakeFirstOrThrow()
    expect(row.closed_at).toEqual(t.clock.now())
    expect(types((await s.caseJson()).timeline).slice(-2)).toEqual(['eol_handling_chosen', 'close_low_impact'])
    expect(await s.subjects()).toEqual(expect.arrayContaining([expect.stringContaining('取扱いを終了しました')]))
    expect((await s.tracking()).status).toBe('closed')
    // a closed case takes no other handling
    expect((await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'B' })).status).toBe(409)
  })

  it('B: records the handling and carries on to a normal publication', async () => {
    const s = await walkToEndOfLife(t)
    const res = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'B', note: '修正版 1.2.4 を提供予定' })
    expect(res.json).toMatchObject({ handling: 'B', status: 'developer_notified' })
    await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'vulnerable', statementJa: '修正版を公開します', statementEn: 'A fix is coming' })
    const draft = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, completeDraft({
      title: { ja: 'WR-1000 の脆弱性', en: 'WR-1000 vulnerability' }, overview: { ja: '', en: '' },
      solution: { ja: 'アップデートしてください', en: 'Update' }, affectedProducts: [{ developer: 'サンプル電機', product: 'WR-1000', versions: '1.2.3' }],
    }))
    expect(draft.status, JSON.stringify(draft.json)).toBe(200)
    const identifier = await scheduleAndPublish(t, s)
    expect((await s.caseJson()).status).toBe('published')
    expect((await apiClient(t).get(`/api/v1/advisories/${identifier.replace('#', '')}`)).status).toBe(200)
    expect((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/end-of-life`)).json.handling).toBe('B')
  })

  it('C: moves the case on, offers a "stop using" draft in both languages, and publishes it normally', async () => {
    const s = await walkToEndOfLife(t)
    const res = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'C', note: '修正なし、利用中止の公表に合意' })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json).toMatchObject({ handling: 'C', status: 'fix_in_progress', solutionFilled: true })
    expect(types((await s.caseJson()).timeline).slice(-3)).toEqual(['eol_handling_chosen', 'confirm_vulnerable', 'advisory_draft_saved'])
    const content = (await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/advisory`)).json.advisory.content
    expect(content.solution.ja).toContain('使用を中止')
    expect(content.solution.ja).toContain('2025/12/31')
    expect(content.solution.en).toContain('Stop using WR-1000')
    // Names in both languages (migration 0018): the Japanese, and the English where it is ASCII.
    expect(content.affectedProducts).toEqual([{ developer: { ja: 'サンプル電機株式会社', en: 'Sample Electric Co.' }, product: { ja: 'WR-1000', en: 'WR-1000' }, versions: { ja: '1.2.3 以前', en: '' }, cpe: null }])
    // the coordinator completes the draft; their text is not overwritten by choosing C again
    const completed = await s.coordinator.api.put(`/api/v1/cases/${s.caseId}/advisory`, completeDraft(content))
    expect(completed.status, JSON.stringify(completed.json)).toBe(200)
    const again = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'C' })
    expect(again.json).toMatchObject({ status: 'fix_in_progress', solutionFilled: false })
    const identifier = await scheduleAndPublish(t, s)
    const published = (await apiClient(t).get(`/api/v1/advisories/${identifier.replace('#', '')}`)).json
    expect(published.solution.en).toContain('Stop using WR-1000')
    expect(await s.subjects()).toEqual(expect.arrayContaining([expect.stringContaining('公表しました')]))
  })

  it('refuses a handling its path cannot start from', async () => {
    const s = await walkToEndOfLife(t)
    await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'not_vulnerable' })
    expect((await s.caseJson()).status).toBe('not_vulnerable')
    for (const handling of ['A', 'B', 'C', 'D', 'E']) {
      const r = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling })
      expect(r.status, handling).toBe(409)
    }
    expect((await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/end-of-life/handling`, { handling: 'F' })).status).toBe(400)
    expect((await s.coordinator.api.get(`/api/v1/cases/${s.caseId}/end-of-life`)).json.handling).toBe(null)
  })
})

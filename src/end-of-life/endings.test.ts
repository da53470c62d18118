import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, lastMailTo, signInBrowser } from '../../test/support/clients.js'
import { productReport } from '../../test/support/fixtures.js'
import { walkToEndOfLife } from './eol.test-support.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-10T03:00:00Z' }) })
afterAll(async () => { await t.close() })

describe('handled individually (個別対応)', () => {
  it('closes the case with its date and note, publishes nothing, and tells the finder', async () => {
    const s = await walkToEndOfLife(t)
    const res = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/handle-individually`, { date: '2026-04-08', note: '開発者が顧客に個別に連絡済み' })
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json).toMatchObject({ status: 'handled_individually', endedOn: '2026-04-08' })
    const kase = await s.caseJson()
    expect(kase.status).toBe('handled_individually')
    expect(kase.advisory).toBe(null)
    const event = kase.timeline.at(-1)
    expect(event).toMatchObject({ type: 'handle_individually', from: 'developer_notified', to: 'handled_individually' })
    const row = await t.db.selectFrom('cases').select(['closed_at', 'ended_on', 'ending_note']).where('id', '=', s.caseId).executeTakeFirstOrThrow()
    expect(row).toEqual({ closed_at: t.clock.now(), ended_on: '2026-04-08', ending_note: '開発者が顧客に個別に連絡済み' })
    const mail = (await lastMailTo(t, s.finderEmail)).find((m) => m.subject.includes('取扱いを終了しました'))!
    expect(mail.body_text).toContain('個別対応')
    expect(mail.body_text).toContain('2026/04/08')
    expect(mail.body_text).not.toContain('クロスサイト')
    expect((await s.tracking()).status).toBe('closed')
    // closed once: a second ending is a conflict
    expect((await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/close-low-impact`, { note: 'x' })).status).toBe(409)
  })

  it('refuses a future date, a missing note, and anyone but a coordinator, writing nothing', async () => {
    const s = await walkToEndOfLife(t)
    const future = await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/handle-individually`, { date: '2026-04-11', note: 'x' })
    expect(future.status).toBe(400)
    expect(future.json.error.details.fields.date).toBeDefined()
    expect((await s.coordinator.api.post(`/api/v1/cases/${s.caseId}/handle-individually`, { note: ' ' })).status).toBe(400)
    expect((await s.developer.api.post(`/api/v1/cases/${s.caseId}/handle-individually`, { note: 'x' })).status).toBe(404)
    expect((await s.intake.api.post(`/api/v1/cases/${s.caseId}/close-low-impact`, { note: 'x' })).status).toBe(404)
    expect((await s.caseJson()).status).toBe('developer_notified')
  })
})

describe('closed for low impact', () => {
  it('closes from the case page with today as the date and tells the finder', async () => {
    const s = await walkToEndOfLife(t)
    await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/acknowledge`)
    expect((await s.caseJson()).status).toBe('investigating')
    const b = browserClient(t)
    await signInBrowser(t, b, s.coordinator)
    const page = await b.get(`/cases/${s.caseId}?tab=parties`)
    expect(page.text).toContain(`action="/cases/${s.caseId}/close-low-impact"`)
    const res = await b.post(`/cases/${s.caseId}/close-low-impact`, { date: '', note: '<script>alert(1)</script> 影響は限定的' })
    expect(res.status).toBe(303)
    const after = await b.get(`/cases/${s.caseId}?tab=parties`)
    expect(after.text).toContain('data-testid="ended-on">2026/04/10<')
    expect(after.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 影響は限定的')
    expect(after.text).not.toContain(`action="/cases/${s.caseId}/close-low-impact"`)
    const kase = await s.caseJson()
    expect(kase.timeline.at(-1)).toMatchObject({ type: 'close_low_impact', from: 'investigating', to: 'closed_low_impact' })
    const mail = (await lastMailTo(t, s.finderEmail)).find((m) => m.subject.includes('取扱いを終了しました'))!
    expect(mail.body_text).toContain('影響が小さい')
    expect(mail.body_text).toContain('2026/04/10')
    expect(mail.body_text).not.toContain('script')
  })

  it('is refused before the developer is notified', async () => {
    const s = await walkToEndOfLife(t)
    const filed = await apiClient(t).post('/api/v1/reports', productReport())
    const caseId = (await t.db.selectFrom('reports').select('case_id').where('receipt_number', '=', filed.json.receiptNumber).executeTakeFirstOrThrow()).case_id
    await s.intake.api.post(`/api/v1/cases/${caseId}/accept`, {})
    for (const path of ['close-low-impact', 'handle-individually']) {
      const r = await s.coordinator.api.post(`/api/v1/cases/${caseId}/${path}`, { note: 'x' })
      expect(r.status, path).toBe(409)
      expect(r.json.error.code).toBe('coordination.invalid_transition')
    }
  })
})

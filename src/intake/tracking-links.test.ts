import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, createUser, lastMailTo, signInBrowser } from '../../test/support/clients.js'
import { productReport } from '../../test/support/fixtures.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-01T01:00:00Z' }) })
afterAll(async () => { await t.close() })

async function file(finderEmail?: string) {
  const filed = await apiClient(t).post('/api/v1/reports', productReport({ finderEmail }))
  expect(filed.status).toBe(201)
  const report = await t.db.selectFrom('reports').select(['id', 'case_id']).where('receipt_number', '=', filed.json.receiptNumber).executeTakeFirstOrThrow()
  return { secret: filed.json.trackingToken as string, receipt: filed.json.receiptNumber as string, reportId: report.id, caseId: report.case_id }
}
const timeline = async (caseId: string) => {
  const intake = await createUser(t, { roles: ['intake'] })
  return ((await intake.api.get(`/api/v1/cases/${caseId}`)).json.timeline as { type: string }[]).map((e) => e.type)
}

describe('a finder replaces their tracking link', () => {
  it('from the tracking page: the old link dies at once, the new one works and is mailed', async () => {
    const email = `finder-${Date.now()}@example.test`
    const r = await file(email)
    const b = browserClient(t)
    const page = await b.get(`/track/${r.secret}`)
    expect(page.text).toContain(`action="/track/${r.secret}/replacement"`)
    const replaced = await b.post(`/track/${r.secret}/replacement`, {})
    expect(replaced.status).toBe(303)
    const next = replaced.location!
    expect(next).toMatch(/^\/track\/[A-Za-z0-9_-]{20,}\?replaced=1$/)
    expect((await b.get(`/track/${r.secret}`)).status).toBe(404)
    expect((await apiClient(t).get(`/api/v1/tracking/${r.secret}`)).status).toBe(404)
    const fresh = await b.get(next)
    expect(fresh.status).toBe(200)
    expect(fresh.text).toContain('data-testid="tracking-replaced"')
    // the receipt and the new link were mailed at the same clock time: pick the one about the new link
    const mail = (await lastMailTo(t, email)).find((m) => m.subject.includes('確認用リンク'))!
    expect(mail.body_text).toContain(`http://keikai.test${next.replace('?replaced=1', '')}`)
    expect(mail.subject).toContain(r.receipt)
    expect(await timeline(r.caseId)).toContain('tracking_link_replaced')
  })

  it('through the API', async () => {
    const r = await file()
    const res = await apiClient(t).post(`/api/v1/tracking/${r.secret}/replacement`)
    expect(res.status).toBe(201)
    expect(res.json.mailed).toBe(false)
    expect((await apiClient(t).get(`/api/v1/tracking/${r.secret}`)).status).toBe(404)
    expect((await apiClient(t).get(`/api/v1/tracking/${res.json.trackingToken}`)).json.receiptNumber).toBe(r.receipt)
  })
})

describe('staff revoke and reissue a tracking link', () => {
  it('revoked, the link answers 404 and the case page says so; reissued, the finder without an address gets it through staff', async () => {
    const r = await file()
    const intake = await createUser(t, { roles: ['intake'] })
    const b = browserClient(t)
    await signInBrowser(t, b, intake)
    expect((await b.get(`/cases/${r.caseId}`)).text).toContain('data-section="tracking-links"')
    const revoked = await b.post(`/cases/${r.caseId}/reports/${r.reportId}/tracking-link/revocation`, {})
    expect(revoked.status).toBe(303)
    expect((await browserClient(t).get(`/track/${r.secret}`)).status).toBe(404)
    const casePage = await b.get(`/cases/${r.caseId}`)
    expect(casePage.text).toMatch(/data-testid="tracking-state"[^>]*>失効/)
    expect(await timeline(r.caseId)).toContain('tracking_link_revoked')

    const reissued = await b.post(`/cases/${r.caseId}/reports/${r.reportId}/tracking-link`, {})
    expect(reissued.status).toBe(200)
    const link = reissued.text.match(/data-testid="new-tracking-link">http:\/\/keikai\.test(\/track\/[A-Za-z0-9_-]+)</)![1]!
    expect((await browserClient(t).get(link)).status).toBe(200)
    expect((await b.get(`/cases/${r.caseId}`)).text).toMatch(/data-testid="tracking-state"[^>]*>有効/)
  })

  it('through the API, mailing the new link when the finder gave an address (and never returning it then)', async () => {
    const email = `finder-api-${Date.now()}@example.test`
    const r = await file(email)
    const intake = await createUser(t, { roles: ['intake'] })
    expect((await intake.api.post(`/api/v1/cases/${r.caseId}/reports/${r.reportId}/tracking-link/revocation`)).json).toEqual({ revoked: true })
    expect((await apiClient(t).get(`/api/v1/tracking/${r.secret}`)).status).toBe(404)
    const again = await intake.api.post(`/api/v1/cases/${r.caseId}/reports/${r.reportId}/tracking-link`)
    expect(again.json).toEqual({ mailed: true })
    const mailed = (await lastMailTo(t, email)).find((m) => m.subject.includes('確認用リンク'))!.body_text.match(/\/track\/([A-Za-z0-9_-]+)/)![1]!
    expect((await apiClient(t).get(`/api/v1/tracking/${mailed}`)).status).toBe(200)
    // a finder and a stranger are not the case's staff
    const finder = await createUser(t)
    for (const client of [finder.api, apiClient(t)]) {
      expect([401, 404]).toContain((await client.post(`/api/v1/cases/${r.caseId}/reports/${r.reportId}/tracking-link/revocation`)).status)
    }
  })
})

describe('reading tracking links', () => {
  it('is limited per client like writing: guessing links by reading them runs into 429 with Retry-After', async () => {
    t.clock.advance(3600_000) // a fresh window
    const r = await file()
    let last = 0
    let retryAfter: string | null = null
    for (let i = 0; i < 130 && last !== 429; i++) {
      const res = await t.app.request(`/api/v1/tracking/${i % 2 ? r.secret : `guess-${i}`}`)
      last = res.status
      retryAfter = res.headers.get('retry-after')
    }
    expect(last).toBe(429)
    expect(Number(retryAfter)).toBeGreaterThan(0)
    t.clock.advance(600_000)
    expect((await t.app.request(`/api/v1/tracking/${r.secret}`)).status).toBe(200)
  })

  it('counts the tracking pages too, and the limit is per client: another address still reads its link', async () => {
    t.clock.advance(3600_000) // a fresh window
    const r = await file()
    const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } })
    let page: Response | undefined
    for (let i = 0; i < 130; i++) {
      // only pages: without a limit on their reads, 130 guesses would all pass
      page = await t.app.request(`/track/guess-page-${i}`, {}, from('192.0.2.77'))
      if (page.status === 429) break
    }
    expect(page!.status).toBe(429)
    expect(Number(page!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await t.app.request(`/api/v1/tracking/${r.secret}`, {}, from('192.0.2.77'))).status).toBe(429) // one count for pages and API
    expect((await t.app.request(`/track/${r.secret}`, {}, from('192.0.2.78'))).status).toBe(200)
  })
})

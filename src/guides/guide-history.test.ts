import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { browserClient, createUser, signInBrowser } from '../../test/support/clients.js'

/** A change announced for a guide shows on that guide's pages, dated, in the reader's language. */

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-11-02T01:00:00Z' }) })
afterAll(async () => { await t.close() })

describe("a guide's change history", () => {
  it('is absent while the guide is as shipped', async () => {
    const page = await (await t.app.request('/guides/consumers/choosing')).text()
    expect(page).not.toContain('guide-history')
  })

  it("shows an administrator's announced change on that guide only, as text, in ja and en", async () => {
    const admin = await createUser(t, { roles: ['admin'] })
    const b = browserClient(t)
    await signInBrowser(t, b, admin)
    await b.get('/guides/updates/subscribers')
    const announced = await b.post('/guides/updates/announcements', { topic: 'choosing', noteJa: 'ポイント 7 に初期化の手順を追加 <b>太字</b>', noteEn: 'Point 7 now explains a factory reset' })
    expect(announced.status).toBeLessThan(400)
    const ja = await (await t.app.request('/guides/consumers/choosing')).text()
    expect(ja).toContain('最終更新 2026/11/02')
    expect(ja).toContain('ポイント 7 に初期化の手順を追加 &lt;b&gt;太字&lt;/b&gt;')
    const en = await (await t.app.request('/guides/consumers/choosing?lang=en')).text()
    expect(en).toContain('Point 7 now explains a factory reset')
    expect(await (await t.app.request('/guides/consumers/using')).text()).not.toContain('guide-history')
  })
})

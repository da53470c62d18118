import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from './support/test-app.js'
import { seedDemo } from '../src/demo/demo-seed.js'
import { publishDueAdvisories } from '../src/advisories/publication.usecases.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-01-01T00:00:00Z' }) })
afterAll(async () => { await t.close() })

describe('npm run demo', () => {
  it('seeds one account per role and cases in every state the foundation supports, with published advisories', async () => {
    const { accounts } = await seedDemo(t.app, t.db, (iso) => t.clock.set(iso))
    expect(accounts.map((a) => a.role)).toEqual(['admin', 'intake', 'coordinator', 'committee', 'developer', 'finder', 'operator'])
    t.clock.set('2026-11-26T00:00:00Z')
    await publishDueAdvisories(t.deps)
    const statuses = async (kind: 'product' | 'website') => new Set((await t.db.selectFrom('cases').select('status').where('kind', '=', kind).execute()).map((r) => r.status))
    expect(await statuses('product')).toEqual(new Set(['received', 'not_accepted', 'accepted', 'contacting_developer', 'developer_notified',
      'investigating', 'not_vulnerable', 'fix_in_progress', 'publication_scheduled', 'published', 'uncontactable', 'committee_review']))
    expect(await statuses('website')).toEqual(new Set(['received', 'accepted', 'operator_notified', 'fixed', 'not_vulnerable', 'stalled', 'closed_by_alert']))
    expect(await (await t.app.request('/uncontactable')).text()).toContain('音信不通ソフト合同会社')
    for (const path of ['/alerts', '/']) expect(await (await t.app.request(path)).text()).toContain('DNS 設定の不備によるドメインの乗っ取りに関する注意喚起')
    const index = await (await t.app.request('/advisories')).text()
    expect(new Set(index.match(/href="\/advisories\/JVN\d{8}"/g)).size).toBe(3)
    const login = await t.app.request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: accounts[2]!.email, password: accounts[2]!.password }) })
    expect(login.status).toBe(200)
  })
})

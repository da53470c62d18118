import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, createUser } from '../../test/support/clients.js'
import { productReport } from '../../test/support/fixtures.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp() })
afterAll(async () => { await t.close() })

describe('the outbox as administrators read it', () => {
  it('masks tracking links, so an administrator cannot open a finder\'s report through it', async () => {
    const filed = await apiClient(t).post('/api/v1/reports', productReport({ finderEmail: 'masked@example.test' }))
    const admin = await createUser(t, { roles: ['admin'] })
    const list = await admin.api.get('/api/v1/admin/outbox')
    const mail = list.json.items.find((m: any) => m.to === 'masked@example.test')
    expect(mail).toBeTruthy()
    const detail = await admin.api.get(`/api/v1/admin/outbox/${mail.id}`)
    const text = JSON.stringify(detail.json)
    expect(text).not.toContain(filed.json.trackingToken)
    expect(text).toContain('/track/[redacted]')
    const page = await t.app.request(`/admin/outbox/${mail.id}`, { headers: { authorization: `Bearer ${admin.token}` } })
    expect(await page.text()).not.toContain(filed.json.trackingToken)
  })
})

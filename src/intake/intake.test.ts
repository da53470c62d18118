import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { productFigures } from '../statistics/product-figures.js'
import { japanDate } from '../platform/calendar/business-days.js'
import { apiClient, browserClient, createUser, lastMailTo, type TestUser } from '../../test/support/clients.js'
import { productReport, productReportForm } from '../../test/support/fixtures.js'

let t: TestApp
let intake: TestUser
beforeAll(async () => {
  t = await setupTestApp()
  intake = await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
})
afterAll(async () => { await t.close() })

const countRows = async (table: 'cases' | 'reports' | 'attachments' | 'case_events') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

describe('reporting a product vulnerability', () => {
  it('gives an anonymous finder a receipt number, a tracking link and a receipt mail', async () => {
    const res = await apiClient(t).post('/api/v1/reports', productReport())
    expect(res.status).toBe(201)
    expect(res.json.receiptNumber).toMatch(/^KK-\d{4}-\d{6}$/)
    const mails = await lastMailTo(t, 'finder@example.test')
    expect(mails[0]!.subject).toContain(res.json.receiptNumber)
    expect(mails[0]!.body_text).toContain(res.json.trackingUrl)
    const status = await apiClient(t).get(`/api/v1/tracking/${res.json.trackingToken}`)
    expect(status.json).toMatchObject({ receiptNumber: res.json.receiptNumber, status: 'received' })
  })

  it('accepts a report with attachments through the browser form, and serves them only as downloads', async () => {
    const b = browserClient(t)
    await b.get('/report')
    const fields = productReportForm()
    const res = await b.post('/report', { ...fields, attachments: [new File(['<html><script>alert(1)</script></html>'], 'poc.html', { type: 'text/html' })] }, { multipart: true })
    expect(res.status).toBe(303)
    expect(res.location).toMatch(/^\/track\/[A-Za-z0-9_-]{43}\?received=1$/)
    const receipt = await b.get(res.location!)
    expect(receipt.text).toMatch(/data-testid="receipt">KK-\d{4}-\d{6}</)
    const link = receipt.text.match(/data-testid="tracking-link" href="([^"]+)"/)![1]!
    const path = new URL(link).pathname
    // switching language keeps the receipt: it lives on the tracking page
    expect((await b.get(`${res.location}&lang=en`)).text).toContain(link)
    const page = await b.get(path)
    expect(page.text).toContain('poc.html')
    const href = page.text.match(/href="(\/track\/[^"]+\/attachments\/[^"]+)"/)![1]!
    const dl = await b.get(href)
    expect(dl.status).toBe(200)
    expect(dl.headers.get('content-type')).toBe('application/octet-stream')
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff')
    expect(dl.text).toContain('<script>alert(1)</script>')
  })

  it('rejects an invalid report with 400 and a code, keeping what was typed, and writes nothing', async () => {
    const before = await countRows('cases')
    const api = await apiClient(t).post('/api/v1/reports', productReport({ productName: '', productType: 'toaster' }))
    expect(api.status).toBe(400)
    expect(api.json.error.code).toBe('request.invalid')
    expect(Object.keys(api.json.error.details.fields)).toEqual(expect.arrayContaining(['productName', 'productType']))
    const b = browserClient(t)
    await b.get('/report')
    const form = await b.post('/report', productReportForm({ productName: '', description: '説明を残す' }), { multipart: true })
    expect(form.status).toBe(400)
    expect(form.text).toContain('説明を残す')
    expect(await countRows('cases')).toBe(before)
  })

  it('refuses an oversized attachment with 413 and writes nothing', async () => {
    const small = await setupTestApp({ env: { MAX_ATTACHMENT_BYTES: '1024' } })
    try {
      const b = browserClient(small)
      await b.get('/report')
      const res = await b.post('/report', { ...productReportForm(), attachments: new File([new Uint8Array(4096)], 'big.bin') }, { multipart: true })
      expect(res.status).toBe(413)
      const n = await small.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      expect(Number(n.n)).toBe(0)
    } finally {
      await small.close()
    }
  })

  it('shows a finder with an account all their reports in one place', async () => {
    const finder = await createUser(t, { name: 'Finder Fujita' })
    await finder.api.post('/api/v1/reports', productReport({ productName: 'First product' }))
    await finder.api.post('/api/v1/reports', productReport({ productName: 'Second product' }))
    const mine = await finder.api.get('/api/v1/my/reports')
    expect(mine.json.reports.map((r: any) => r.details.productName).sort()).toEqual(['First product', 'Second product'])
    const other = await createUser(t, { name: 'Other finder' })
    expect((await other.api.get('/api/v1/my/reports')).json.reports).toEqual([])
  })
})

describe('intake decisions', () => {
  it('counts a product type corrected at acceptance under the corrected type in the statistics', async () => {
    const filed = await apiClient(t).post('/api/v1/reports', productReport({ productName: 'Type corrected product', productType: 'router' }))
    const queue = await intake.api.get('/api/v1/intake/queue')
    const item = queue.json.waiting.find((w: any) => w.receiptNumber === filed.json.receiptNumber)
    const before = await productFigures(t.db, { asOf: japanDate(t.clock.now()) })
    expect((await intake.api.post(`/api/v1/cases/${item.caseId}/accept`, { productType: 'web_application' })).status).toBe(200)
    const after = await productFigures(t.db, { asOf: japanDate(t.clock.now()) })
    const count = (f: typeof after, type: string) => f.byProductType.rows.find((r) => r.type === type)?.count ?? 0
    expect(count(after, 'web_application') - count(before, 'web_application')).toBe(1)
    expect(count(after, 'router') - count(before, 'router')).toBe(-1)
  })

  it('accepts a report and tells the finder', async () => {
    const filed = await apiClient(t).post('/api/v1/reports', productReport({ finderEmail: 'accept-me@example.test' }))
    const queue = await intake.api.get('/api/v1/intake/queue')
    const item = queue.json.waiting.find((w: any) => w.receiptNumber === filed.json.receiptNumber)
    const res = await intake.api.post(`/api/v1/cases/${item.caseId}/accept`, { productType: 'router' })
    expect(res.json.status).toBe('accepted')
    const status = await apiClient(t).get(`/api/v1/tracking/${filed.json.trackingToken}`)
    expect(status.json.status).toBe('in_handling')
    expect(status.json.acceptedAt).toBeTruthy()
    const mails = await lastMailTo(t, 'accept-me@example.test')
    expect(mails.map((m) => m.subject).join('\n')).toContain('受理しました')
  })

  it('rejects with a reason from the list and links a duplicate to its case', async () => {
    const first = await apiClient(t).post('/api/v1/reports', productReport())
    const dup = await apiClient(t).post('/api/v1/reports', productReport({ finderEmail: 'dup@example.test' }))
    const q = (await intake.api.get('/api/v1/intake/queue')).json.waiting
    const dupCase = q.find((w: any) => w.receiptNumber === dup.json.receiptNumber).caseId
    const bad = await intake.api.post(`/api/v1/cases/${dupCase}/reject`, { reason: 'duplicate' })
    expect(bad.status).toBe(400)
    const res = await intake.api.post(`/api/v1/cases/${dupCase}/reject`, { reason: 'duplicate', duplicateOfReceipt: first.json.receiptNumber })
    expect(res.json.status).toBe('not_accepted')
    const row = await t.db.selectFrom('cases').select(['duplicate_of', 'rejection_reason', 'closed_at']).where('id', '=', dupCase).executeTakeFirstOrThrow()
    expect(row.rejection_reason).toBe('duplicate')
    expect(row.duplicate_of).toBeTruthy()
    expect(row.closed_at).toBeTruthy()
    const status = await apiClient(t).get(`/api/v1/tracking/${dup.json.trackingToken}`)
    expect(status.json).toMatchObject({ status: 'not_accepted', rejectionReason: 'duplicate' })
    const again = await intake.api.post(`/api/v1/cases/${dupCase}/accept`, {})
    expect(again.status).toBe(409)
    expect(again.json.error.code).toBe('coordination.invalid_transition')
  })

  it('does not let a finder or a coordinator take intake decisions', async () => {
    const filed = await apiClient(t).post('/api/v1/reports', productReport())
    const caseId = (await t.db.selectFrom('reports').select('case_id').where('receipt_number', '=', filed.json.receiptNumber).executeTakeFirstOrThrow()).case_id
    const finder = await createUser(t)
    const coordinator = await createUser(t, { roles: ['coordinator'] })
    expect((await finder.api.post(`/api/v1/cases/${caseId}/accept`, {})).status).toBe(404)
    expect((await coordinator.api.post(`/api/v1/cases/${caseId}/accept`, {})).status).toBe(404)
  })
})

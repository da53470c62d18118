import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { browserClient, createUser, type TestUser } from '../support/clients.js'
import { productReport, productReportForm, websiteReport } from '../support/fixtures.js'
import { walkToNotifiedOperator } from '../support/website-story.js'

/**
 * The findings of an outside probe (bad input answered with a 500): each is now a 400 with a
 * stable code — JSON for the API, an error page in the reader's language for the UI — and
 * nothing is written.
 */
let t: TestApp
let staff: TestUser

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  staff = await createUser(t, { roles: ['intake', 'coordinator', 'admin'] })
})
afterAll(async () => { await t.close() })

const json = (body: string, token?: string) => ({
  method: 'POST', body, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
})
const countRows = async (table: 'reports' | 'organizations' | 'attachments') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

async function expectApi400(res: Response, code = 'request.invalid') {
  const body = await res.json() as { error: { code: string; message: string } }
  expect(res.status, JSON.stringify(body)).toBe(400)
  expect(body.error.code).toBe(code)
  expect(body.error.message).toBeTruthy()
}
async function expectPage400(res: Response, lang: 'ja' | 'en' = 'ja') {
  const html = await res.text()
  expect(res.status).toBe(400)
  expect(html).toContain(`<html lang="${lang}"`)
  expect(html).toContain(lang === 'ja' ? '入力内容に誤りがあります。' : 'Some of the input is invalid.')
}

describe('text that cannot be stored is refused at the edge', () => {
  it('a NUL in a JSON report is a 400, and no report is written', async () => {
    const before = await countRows('reports')
    await expectApi400(await t.app.request('/api/v1/reports', json(JSON.stringify(productReport({ description: 'before\u0000after' })))))
    expect(await countRows('reports')).toBe(before)
  })

  it('a lone surrogate in a JSON report is a 400, and no report is written', async () => {
    const before = await countRows('reports')
    const body = JSON.stringify(productReport({ productName: 'X' })).replace('"productName":"X"', '"productName":"\\ud800"')
    await expectApi400(await t.app.request('/api/v1/reports', json(body)))
    expect(await countRows('reports')).toBe(before)
  })

  it('a NUL or a lone surrogate in a website report is a 400', async () => {
    await expectApi400(await t.app.request('/api/v1/reports/website', json(JSON.stringify(websiteReport({ operatorName: 'サンプル市\u0000' })))))
    const body = JSON.stringify(websiteReport({ urls: ['URL'] })).replace('"URL"', '"https://a.example/\\udc00"')
    await expectApi400(await t.app.request('/api/v1/reports/website', json(body)))
  })

  it('a NUL or a lone surrogate in a new organisation is a 400, and none is created', async () => {
    const before = await countRows('organizations')
    await expectApi400(await t.app.request('/api/v1/organizations', json(JSON.stringify({ nameJa: '社\u0000', nameEn: 'Co' }), staff.token)))
    await expectApi400(await t.app.request('/api/v1/organizations', json('{"nameJa":"\\udc00社","nameEn":"Co"}', staff.token)))
    expect(await countRows('organizations')).toBe(before)
  })

  it('a NUL in a search is a 400, not a 500, on the portal and in the API, for anyone', async () => {
    await expectPage400(await t.app.request('/advisories?q=%00'))
    await expectPage400(await t.app.request('/advisories?q=%00', { headers: { 'accept-language': 'en' } }), 'en')
    await expectApi400(await t.app.request('/api/v1/advisories?q=%00'))
  })

  it('a NUL in a path parameter is a 400, for pages and the API', async () => {
    await expectPage400(await t.app.request('/cases/%00', { headers: { authorization: `Bearer ${staff.token}` } }))
    await expectApi400(await t.app.request('/api/v1/cases/%00', { headers: { authorization: `Bearer ${staff.token}` } }))
  })

  it('a case id that is not an id at all is a 404', async () => {
    const res = await t.app.request('/api/v1/cases/not-a-case', { headers: { authorization: `Bearer ${staff.token}` } })
    expect(res.status).toBe(404)
  })

  it('a NUL in a filter of a staff list is a 400', async () => {
    await expectPage400(await t.app.request('/websites?status=x%00', { headers: { authorization: `Bearer ${staff.token}` } }))
  })

  it('a NUL in a form field is a 400 page, and no report is written', async () => {
    const b = browserClient(t)
    const before = await countRows('reports')
    const res = await b.post('/report', productReportForm({ description: 'a\u0000b' }))
    expect(res.status).toBe(400)
    expect(res.text).toContain('<html lang="ja"')
    expect(await countRows('reports')).toBe(before)
  })
})

describe('unparseable multipart bodies', () => {
  const multipart = (contentType: string, body: string) => ({ method: 'POST', headers: { 'content-type': contentType }, body })
  const part = (disposition: string) => `--b\r\nContent-Disposition: form-data; ${disposition}\r\n\r\nhello\r\n--b--\r\n`

  it('a multipart body with the wrong boundary is a 400 on a form route and an API route', async () => {
    await expectPage400(await t.app.request('/report', multipart('multipart/form-data; boundary=other', part('name="productName"'))))
    await expectApi400(await t.app.request('/api/v1/reports', multipart('multipart/form-data; boundary=other', part('name="productName"'))))
  })

  it('a multipart body without a boundary is a 400, even on a route that wants a signed-in user', async () => {
    await expectPage400(await t.app.request('/report', multipart('multipart/form-data', 'garbage')))
    await expectPage400(await t.app.request('/login', multipart('multipart/form-data', 'garbage')))
    await expectApi400(await t.app.request('/api/v1/organizations', multipart('multipart/form-data', 'garbage')))
  })

  it('an upload whose raw part header breaks the file name with CRLF or a stray quote is a 400', async () => {
    const before = await countRows('attachments')
    await expectPage400(await t.app.request('/report', multipart('multipart/form-data; boundary=b', part('name="attachments"; filename="a\r\nb.txt"'))))
    await expectPage400(await t.app.request('/report', multipart('multipart/form-data; boundary=b', part('name="attachments"; filename="a"b.txt"'))))
    expect(await countRows('attachments')).toBe(before)
  })
})

describe('file names with line breaks and quotes', () => {
  it('an upload named with CRLF and quotes is stored under a safe name and downloads with a well-formed Content-Disposition', async () => {
    const b = browserClient(t)
    const res = await b.post('/report', { ...productReportForm(), attachments: new File(['PoC'], 'evil"\r\nSet-Cookie: x=1; 報告.txt', { type: 'text/plain' }) }, { multipart: true })
    expect(res.status, res.text.slice(0, 300)).toBe(303)
    const trackPath = res.location!.split('?')[0]!
    const att = await t.db.selectFrom('attachments').innerJoin('reports', 'reports.id', 'attachments.report_id')
      .select(['attachments.id', 'attachments.filename']).orderBy('reports.submitted_at', 'desc').executeTakeFirstOrThrow()
    expect(att.filename).not.toMatch(/[\r\n"]/)
    const download = await t.app.request(`${trackPath}/attachments/${att.id}`)
    expect(download.status).toBe(200)
    expect(await download.text()).toBe('PoC')
    const header = download.headers.get('content-disposition')!
    expect(header).toMatch(/^attachment; filename="[\x20-\x21\x23-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!._~-]+$/)
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe(att.filename)
    expect(att.filename).toContain('報告.txt')
  })

  it('a stored file name holding CRLF, quotes and non-ASCII still downloads with a well-formed header', async () => {
    const b = browserClient(t)
    const filed = await b.post('/report', { ...productReportForm(), attachments: new File(['data'], 'plain.txt') }, { multipart: true })
    const trackPath = filed.location!.split('?')[0]!
    const att = await t.db.selectFrom('attachments').select('id').where('filename', '=', 'plain.txt').executeTakeFirstOrThrow()
    // As a row written before names were made safe might hold.
    await t.db.updateTable('attachments').set({ filename: 'a"b\r\nc (1)*.txt' }).where('id', '=', att.id).execute()
    const res = await t.app.request(`${trackPath}/attachments/${att.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="a_b__c (1)*.txt"; filename*=UTF-8''a_b__c%20%281%29%2A.txt`)
    await t.db.updateTable('attachments').set({ filename: '報告 "最終".txt' }).where('id', '=', att.id).execute()
    const named = await t.app.request(`${trackPath}/attachments/${att.id}`)
    expect(named.headers.get('content-disposition')).toBe(`attachment; filename="__ ____.txt"; filename*=UTF-8''${encodeURIComponent('報告 _最終_.txt')}`)
  })
})

describe('invalid dates are refused, not ignored', () => {
  it('the website figures refuse a parameter they do not know (?date=2026-02-30) instead of answering with today', async () => {
    const res = await t.app.request('/api/v1/statistics/websites?date=2026-02-30', { headers: { authorization: `Bearer ${staff.token}` } })
    await expectApi400(res, 'statistics.unknown_parameter')
    const page = await t.app.request('/statistics/websites?date=2026-02-30', { headers: { authorization: `Bearer ${staff.token}` } })
    expect(page.status).toBe(400)
    expect(await page.text()).toContain('基準日 (asOf=YYYY-MM-DD)')
  })

  it('the website figures refuse calendar-invalid and garbage dates', async () => {
    for (const asOf of ['2026-02-30', '2025-13-01', 'yesterday', '2026-2-1']) {
      const res = await t.app.request(`/api/v1/statistics/websites?asOf=${asOf}`, { headers: { authorization: `Bearer ${staff.token}` } })
      await expectApi400(res, 'statistics.invalid_as_of')
    }
    const ok = await t.app.request('/api/v1/statistics/websites?asOf=2026-03-31&lang=en', { headers: { authorization: `Bearer ${staff.token}` } })
    expect(ok.status).toBe(200)
  })

  it('a fix date that does not exist is a 400 and the case stays open; a real one is taken', async () => {
    const w = await walkToNotifiedOperator(t, { intake: staff })
    for (const fixedOn of ['2026-02-30', '2026-13-01', '2026-03-32', 'soon']) {
      const res = await w.operator.api.post(`/api/v1/cases/${w.caseId}/fix`, { fixType: 'code_fixed', fixedOn })
      expect(res.status, `${fixedOn}: ${res.text}`).toBe(400)
      expect(res.json.error.code).toBe('request.invalid')
      expect(res.json.error.details.fields.fixedOn, fixedOn).toBeTruthy()
    }
    expect((await t.db.selectFrom('cases').select('status').where('id', '=', w.caseId).executeTakeFirstOrThrow()).status).toBe('operator_notified')
    const fixed = await w.operator.api.post(`/api/v1/cases/${w.caseId}/fix`, { fixType: 'code_fixed', fixedOn: '2026-04-01' })
    expect(fixed.status, fixed.text).toBe(200)
  })
})

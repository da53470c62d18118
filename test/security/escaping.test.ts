import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_TABS } from '../../src/cases/case-sections.js'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { apiClient, browserClient, createUser, signInBrowser } from '../support/clients.js'
import { productReport, productReportForm } from '../support/fixtures.js'
import { walkToNotifiedDeveloper } from '../support/story.js'
import { walkToNotifiedOperator } from '../support/website-story.js'

/** Reports routinely carry working payloads; every place that shows them must show text. */
const PAYLOADS = ['<script>alert("x1")</script>', '"><img src=x onerror=alert("x2")>', "'><svg onload=alert('x3')>"]
const RAW = [/<script>alert\("x1"\)<\/script>/, /<img src=x onerror/, /<svg onload/]

let t: TestApp
beforeAll(async () => { t = await setupTestApp() })
afterAll(async () => { await t.close() })

const assertEscaped = (html: string, where: string) => {
  for (const re of RAW) expect(re.test(html), `${where} contains raw ${re}`).toBe(false)
}

describe('user-supplied text renders as text', () => {
  it('in every report field, on the receipt, tracking, queue and case pages', async () => {
    const p = PAYLOADS.join('')
    const fields = ['productName', 'productVersion', 'developerName', 'description', 'reproduction', 'impact', 'discoveryMethod', 'finderName', 'finderOrganization', 'creditName']
    const report = productReportForm(Object.fromEntries(fields.map((f, i) => [f, `F${i}:${p}`])))
    const b = browserClient(t)
    await b.get('/report')
    const receipt = await b.post('/report', { ...report,
      attachments: new File(['x'], `${PAYLOADS[1]}.txt`) }, { multipart: true })
    expect(receipt.status).toBe(303)
    const trackingPage = await b.get(receipt.location!)
    fields.forEach((_f, i) => expect(trackingPage.text).toContain(`F${i}:&lt;script&gt;`))
    assertEscaped(trackingPage.text, 'tracking page')

    const intake = await createUser(t, { roles: ['intake'] })
    const ib = browserClient(t)
    await signInBrowser(t, ib, intake)
    const queue = await ib.get('/intake')
    expect(queue.status).toBe(200)
    assertEscaped(queue.text, 'intake queue')
    const caseId = queue.text.match(/href="\/cases\/([0-9a-f-]{36})"/)![1]!
    const casePage = await ib.get(`/cases/${caseId}`)
    expect(casePage.status).toBe(200)
    expect(casePage.text).toContain('F3:&lt;script&gt;')
    assertEscaped(casePage.text, 'case page')
  })

  it('in messages, organisation names and developer statements', async () => {
    const s = await walkToNotifiedDeveloper(t, { orgName: `Org ${PAYLOADS[0]}` })
    await s.developer.api.post(`/api/v1/cases/${s.caseId}/threads/developer/${s.partyId}/messages`, { body: PAYLOADS.join('\n') })
    await s.developer.api.post(`/api/v1/cases/${s.caseId}/parties/${s.partyId}/response`, { response: 'vulnerable', statementJa: PAYLOADS[1], statementEn: PAYLOADS[2], fixPlan: PAYLOADS[0] })
    const cb = browserClient(t)
    await signInBrowser(t, cb, s.coordinator)
    for (const path of [...CASE_TABS.map((tab) => `/cases/${s.caseId}?tab=${tab}`), '/coordination', `/organizations/${s.orgId}`, '/organizations']) {
      const page = await cb.get(path)
      expect(page.status, path).toBe(200)
      assertEscaped(page.text, path)
    }
    for (const tab of CASE_TABS) {
      const devPage = await s.developerBrowser.get(`/cases/${s.caseId}?tab=${tab}`)
      expect(devPage.status).toBe(200)
      assertEscaped(devPage.text, `developer case page, ${tab}`)
    }
  })

  it('in the JSON API, as JSON strings (no HTML rendering involved)', async () => {
    const res = await apiClient(t).post('/api/v1/reports', productReport({ productName: PAYLOADS[0] }))
    const status = await apiClient(t).get(`/api/v1/tracking/${res.json.trackingToken}`)
    expect(status.headers.get('content-type')).toContain('application/json')
    expect(status.json.details.productName).toBe(PAYLOADS[0])
  })

  it('in website reports, operator names and their messages, on every page that shows them', async () => {
    const p = PAYLOADS.join('')
    const w = await walkToNotifiedOperator(t, { report: {
      urls: [`https://xss.example.jp/?q=${PAYLOADS[0]}`, `https://xss.example.jp/${PAYLOADS[2]}`],
      operatorName: `W1:${p}`, description: `W2:${p}`, reproduction: `W3:${p}`, finderName: `W4:${p}`, consentShareIdentity: true,
    } })
    await t.db.updateTable('organizations').set({ name_ja: `Op ${PAYLOADS[1]}`, name_en: `Op ${PAYLOADS[2]}` }).where('id', '=', w.orgId).execute()
    await w.operator.api.post(`/api/v1/cases/${w.caseId}/threads/developer/${w.partyId}/messages`, { body: PAYLOADS.join('\n') })
    await w.operator.api.post(`/api/v1/cases/${w.caseId}/dispute`, { reason: p })
    const ib = browserClient(t)
    await signInBrowser(t, ib, w.intake)
    for (const path of [`/cases/${w.caseId}`, '/websites', '/operators', `/operators/${w.orgId}`, '/intake', '/websites/long-running']) {
      const page = await ib.get(path)
      expect(page.status, path).toBe(200)
      assertEscaped(page.text, path)
    }
    const tabsOf = async (b: typeof ib) => (await Promise.all(CASE_TABS.map(async (tab) => {
      const page = await b.get(`/cases/${w.caseId}?tab=${tab}`)
      expect(page.status, tab).toBe(200)
      assertEscaped(page.text, `case page, ${tab}`)
      return page.text
    }))).join('\n')
    const casePage = await tabsOf(ib)
    for (const marker of ['W1:&lt;script&gt;', 'W2:&lt;script&gt;', 'W3:&lt;script&gt;', 'W4:&lt;script&gt;']) expect(casePage).toContain(marker)
    const operatorPage = await tabsOf(w.operatorBrowser)
    expect(operatorPage).toContain('W2:&lt;script&gt;')
    const tracking = await apiClient(t).get(`/track/${w.filed.trackingToken}`)
    assertEscaped(tracking.text, 'website tracking page')
  })
})

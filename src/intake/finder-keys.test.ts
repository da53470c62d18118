import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, createUser } from '../../test/support/clients.js'
import { productReport, productReportForm, websiteReport } from '../../test/support/fixtures.js'
import { deliverDueMail } from '../platform/mail/delivery.js'
import { startSmtpPeer, type SmtpPeer } from '../platform/mail/smtp-peer.test-support.js'
import { makeRecipientKey, openEncryptedMail } from '../platform/mail/openpgp.test-support.js'

let t: TestApp
let peer: SmtpPeer

beforeAll(async () => {
  peer = await startSmtpPeer()
  t = await setupTestApp({ env: { SMTP_URL: peer.url } })
})
afterAll(async () => {
  await t.close()
  await peer.close()
})
beforeEach(() => { peer.received.length = 0 })

const reportCount = async () => (await t.db.selectFrom('reports').select('id').execute()).length
const publishedKey = async () => (await t.app.request('/.well-known/openpgp-key.asc')).text()

describe('a finder who gives an OpenPGP key', () => {
  it('gets the receipt mail of a product report encrypted to that key and signed by the platform', async () => {
    const email = 'finder-with-key@example.test'
    const key = await makeRecipientKey(email, t.clock.now())
    const filed = await apiClient(t).post('/api/v1/reports', productReport({ finderEmail: email, finderPgpPublicKey: key.publicKey }))
    expect(filed.status, JSON.stringify(filed.json)).toBe(201)

    await deliverDueMail(t.deps)

    const delivered = peer.received.filter((m) => m.envelopeTo.includes(email))
    expect(delivered).toHaveLength(1)
    expect(delivered[0]!.subject).toBe('keikai からのお知らせ / Message from keikai')
    expect(delivered[0]!.raw.toString()).not.toContain(filed.json.receiptNumber)
    const opened = await openEncryptedMail(delivered[0]!.raw, key.privateKey, await publishedKey())
    expect(opened.text).toContain(filed.json.receiptNumber)
    expect(opened.text).toMatch(/\/track\/[A-Za-z0-9_-]{20,}/)
  })

  it('gets the receipt mail of a website report encrypted too', async () => {
    const email = 'site-finder-with-key@example.test'
    const key = await makeRecipientKey(email, t.clock.now())
    const filed = await apiClient(t).post('/api/v1/reports/website', websiteReport({ finderEmail: email, finderPgpPublicKey: key.publicKey }))
    expect(filed.status, JSON.stringify(filed.json)).toBe(201)
    await deliverDueMail(t.deps)
    const delivered = peer.received.find((m) => m.envelopeTo.includes(email))!
    const opened = await openEncryptedMail(delivered.raw, key.privateKey, await publishedKey())
    expect(opened.text).toContain(filed.json.receiptNumber)
  })

  it('whose key is expired or private is told why, on the form and by the API, and no report is filed', async () => {
    const email = 'finder-bad-key@example.test'
    const expired = await makeRecipientKey(email, t.clock.now(), { createdDaysAgo: 60, expiresInDays: 30 })
    const before = await reportCount()
    const api = await apiClient(t).post('/api/v1/reports', productReport({ finderEmail: email, finderPgpPublicKey: expired.privateKey }))
    expect(api.status).toBe(400)
    expect(api.json.error.code).toBe('request.invalid')
    expect(JSON.stringify(api.json.error.details)).toContain('finderPgpPublicKey')

    const b = browserClient(t)
    await b.get('/report')
    const page = await b.post('/report', productReportForm({ finderEmail: email, finderPgpPublicKey: expired.publicKey }), { multipart: true })
    expect(page.status).toBe(400)
    expect(page.text).toContain('有効期限が切れています')
    expect(page.text).toContain('-----BEGIN PGP PUBLIC KEY BLOCK-----') // what was typed is kept
    expect(await reportCount()).toBe(before)
  })

  it('cannot attach a key to the address of someone with an account by filing a report in their name', async () => {
    const staff = await createUser(t, { roles: ['intake'], email: 'intake-officer@example.test' })
    const key = await makeRecipientKey(staff.email, t.clock.now())
    expect((await apiClient(t).post('/api/v1/reports', productReport({ finderEmail: staff.email, finderPgpPublicKey: key.publicKey }))).status).toBe(201)
    await deliverDueMail(t.deps)
    const delivered = peer.received.find((m) => m.envelopeTo.includes(staff.email))!
    // The receipt goes out plain, since the key did not come from that account: the owner can still read it.
    expect(delivered.subject).not.toBe('keikai からのお知らせ / Message from keikai')
  })
})

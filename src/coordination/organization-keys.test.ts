import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { apiClient, browserClient, createUser, lastMailTo, signInBrowser, type TestUser } from '../../test/support/clients.js'
import { productReport } from '../../test/support/fixtures.js'
import { deliverDueMail } from '../platform/mail/delivery.js'
import { startSmtpPeer, type SmtpPeer } from '../platform/mail/smtp-peer.test-support.js'
import { makeRecipientKey, openEncryptedMail, revokedKey, signOnlyKey } from '../platform/mail/openpgp.test-support.js'

let t: TestApp
let peer: SmtpPeer
let coordinator: TestUser
let intake: TestUser

beforeAll(async () => {
  peer = await startSmtpPeer()
  t = await setupTestApp({ env: { SMTP_URL: peer.url } })
  coordinator = await createUser(t, { roles: ['coordinator'], name: 'Coordinator Kato' })
  intake = await createUser(t, { roles: ['intake'], name: 'Intake Ito' })
})
afterAll(async () => {
  await t.close()
  await peer.close()
})
beforeEach(() => { peer.received.length = 0 })

const organizationCount = async () => (await t.db.selectFrom('organizations').select('id').execute()).length
const org = (pgpPublicKey: string) => ({ nameJa: '鍵付き電機株式会社', nameEn: 'Keyed Electric Co.', pgpPublicKey })

describe('registering an organisation OpenPGP key', () => {
  it('refuses garbage, private, expired, revoked and sign-only keys through the API with the reason (in Japanese when asked), saving nothing', async () => {
    const now = t.clock.now()
    const valid = await makeRecipientKey('psirt@keyed.example', now)
    const expired = await makeRecipientKey('psirt@keyed.example', now, { createdDaysAgo: 60, expiresInDays: 30 })
    const cases: [string, string, RegExp][] = [
      ['garbage', 'not a key at all', /does not read as an OpenPGP public key/],
      ['armour of nothing', '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----', /does not read as an OpenPGP public key/],
      ['private key', valid.privateKey, /This is a private key/],
      ['expired key', expired.publicKey, /This key expired on \d{4}-\d{2}-\d{2}/],
      ['revoked key', await revokedKey(valid.publicKey, valid.revocationCertificate, now), /revoked/],
      ['sign-only key', await signOnlyKey('psirt@keyed.example', now), /no valid \(sub\)key that can encrypt/],
      ['two keys', `${valid.publicKey}\n${(await makeRecipientKey('b@keyed.example', now)).publicKey}`, /several keys/],
    ]
    const before = await organizationCount()
    for (const [what, key, reason] of cases) {
      const res = await coordinator.api.post('/api/v1/organizations', org(key))
      expect(res.status, what).toBe(400)
      expect(res.json.error.code, what).toBe('request.invalid')
      expect(res.json.error.details.fields.pgpPublicKey, what).toMatch(reason)
    }
    const ja = await coordinator.api.post('/api/v1/organizations?lang=ja', org(expired.publicKey))
    expect(ja.json.error.details.fields.pgpPublicKey).toMatch(/この鍵は \d{4}-\d{2}-\d{2} に有効期限が切れています/)
    expect(await organizationCount()).toBe(before)
  })

  it('refuses an expired key on the page form with the reason shown, and keeps what was typed', async () => {
    const expired = await makeRecipientKey('psirt@keyed.example', t.clock.now(), { createdDaysAgo: 60, expiresInDays: 30 })
    const browser = browserClient(t)
    await signInBrowser(t, browser, coordinator)
    await browser.get('/organizations/new')
    const before = await organizationCount()

    const res = await browser.post('/organizations', org(expired.publicKey))

    expect(res.status).toBe(400)
    expect(res.text).toContain('この鍵は')
    expect(res.text).toMatch(/この鍵は \d{4}-\d{2}-\d{2} に有効期限が切れています/)
    expect(res.text).toContain('Keyed Electric Co.')
    expect(await organizationCount()).toBe(before)
  })

  it('shows the fingerprint and expiry of a registered key on the organisation page', async () => {
    const key = await makeRecipientKey('psirt@keyed.example', t.clock.now(), { expiresInDays: 365 })
    const created = await coordinator.api.post('/api/v1/organizations', org(key.publicKey))
    expect(created.status).toBe(201)
    const browser = browserClient(t)
    await signInBrowser(t, browser, coordinator)

    const page = await browser.get(`/organizations/${created.json.id}`)

    expect(page.text).toMatch(/フィンガープリント: <code class="fingerprint">([0-9A-F]{4} ){9}[0-9A-F]{4}<\/code>/)
    expect(page.text).toContain('有効期限: 2027')
  })
})

describe('mail to a developer whose organisation registered a key', () => {
  it('the case notification reaches the contact encrypted, signed by the published platform key, with the text the plain mail would have', async () => {
    const contactEmail = 'psirt@keyed-notify.example'
    const key = await makeRecipientKey(contactEmail, t.clock.now())
    const filed = await apiClient(t).post('/api/v1/reports', productReport({ finderEmail: 'finder-plain@example.test' }))
    const caseId = (await t.db.selectFrom('reports').select('case_id').where('receipt_number', '=', filed.json.receiptNumber).executeTakeFirstOrThrow()).case_id
    await intake.api.post(`/api/v1/cases/${caseId}/accept`, {})
    await coordinator.api.post(`/api/v1/cases/${caseId}/take`)
    const organization = await coordinator.api.post('/api/v1/organizations', org(key.publicKey))
    const contact = await coordinator.api.post(`/api/v1/organizations/${organization.json.id}/contacts`, { name: 'PSIRT', email: contactEmail })
    const party = await coordinator.api.post(`/api/v1/cases/${caseId}/parties`, { organizationId: organization.json.id })
    await coordinator.api.post(`/api/v1/cases/${caseId}/parties/${party.json.partyId}/contact-attempts`,
      { channel: 'email', address: contactEmail, attemptedOn: '2026-04-01', result: 'reached' })
    expect((await coordinator.api.post(`/api/v1/cases/${caseId}/parties/${party.json.partyId}/notify`, { contactId: contact.json.id })).status).toBe(200)
    const queued = (await lastMailTo(t, contactEmail))[0]!

    await deliverDueMail(t.deps)

    const delivered = peer.received.filter((m) => m.envelopeTo.includes(contactEmail))
    expect(delivered).toHaveLength(1)
    expect(delivered[0]!.subject).toBe('keikai からのお知らせ / Message from keikai')
    expect(delivered[0]!.raw.toString()).not.toContain('/invitations/')
    const published = await (await t.app.request('/.well-known/openpgp-key.asc')).text()
    const opened = await openEncryptedMail(delivered[0]!.raw, key.privateKey, published)
    expect(opened.subject).toBe(queued.subject)
    expect(opened.text.trimEnd()).toBe(queued.body_text.trimEnd())
    expect(opened.text).toMatch(/\/invitations\/[A-Za-z0-9_-]{20,}/)

    // The finder, who gave no key, still gets plain mail.
    const finderMail = peer.received.find((m) => m.envelopeTo.includes('finder-plain@example.test'))
    expect(finderMail?.subject).not.toBe('keikai からのお知らせ / Message from keikai')
    expect(finderMail?.text).toContain(filed.json.receiptNumber)
  })
})

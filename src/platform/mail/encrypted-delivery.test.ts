import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as openpgp from 'openpgp'
import { setupTestApp, type TestApp } from '../../../test/support/test-app.js'
import { newId } from '../secrets.js'
import { enqueueMail } from './outbox.js'
import { deliverDueMail } from './delivery.js'
import { startSmtpPeer, type SmtpPeer } from './smtp-peer.test-support.js'
import { makeRecipientKey, openEncryptedMail } from './openpgp.test-support.js'

let t: TestApp
let peer: SmtpPeer

beforeAll(async () => {
  peer = await startSmtpPeer()
  t = await setupTestApp({ env: { SMTP_URL: peer.url, MAIL_FROM: 'keikai <no-reply@keikai.test>' } })
})
afterAll(async () => {
  await t.close()
  await peer.close()
})
beforeEach(async () => {
  await t.db.deleteFrom('mail_outbox').execute()
  peer.received.length = 0
})

/** An organisation with one contact, and its key as registered (the rows the coordination feature writes). */
async function organizationWithKey(contactEmail: string, publicKey: string | null) {
  const id = newId()
  await t.db.insertInto('organizations').values({ id, kind: 'developer', name_ja: '開発者', name_en: 'Developer', website: null, pgp_public_key: publicKey }).execute()
  await t.db.insertInto('organization_contacts').values({ id: newId(), organization_id: id, name: 'PSIRT', email: contactEmail, phone: null, note: null }).execute()
  return id
}

const notice = (to: string) => ({
  to,
  subject: '【keikai】脆弱性関連情報のお知らせ',
  text: 'ご担当者様\n\n新しいメッセージがあります。ログインしてご確認ください。\nhttps://keikai.test/cases\n',
})

async function publishedKey(): Promise<string> {
  const res = await t.app.request('/.well-known/openpgp-key.asc')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/pgp-keys')
  return res.text()
}

describe('OpenPGP mail', () => {
  it('sends mail to a contact of an organisation with a key signed and encrypted, readable only with the recipient key', async () => {
    const recipient = await makeRecipientKey('psirt@vendor.example', t.clock.now())
    await organizationWithKey('psirt@vendor.example', recipient.publicKey)
    await enqueueMail(t.db, notice('psirt@vendor.example'), t.clock.now())

    expect(await deliverDueMail(t.deps)).toBe(1)

    const [mail] = peer.received
    expect(mail?.envelopeTo).toEqual(['psirt@vendor.example'])
    // Nothing of the notice is readable on the way: a generic subject, no body in clear.
    expect(mail?.subject).toBe('keikai からのお知らせ / Message from keikai')
    expect(mail?.raw.toString()).not.toContain('cases')
    expect(mail?.autoSubmitted).toBe('auto-generated')
    const opened = await openEncryptedMail(mail!.raw, recipient.privateKey, await publishedKey())
    expect(opened.subject).toBe(notice('').subject)
    expect(opened.text.trimEnd()).toBe(notice('').text.trimEnd())
    expect(await t.db.selectFrom('mail_outbox').select(['status', 'encrypted']).executeTakeFirstOrThrow()).toEqual({ status: 'sent', encrypted: true })

    const stranger = await makeRecipientKey('someone@else.example', t.clock.now())
    await expect(openEncryptedMail(mail!.raw, stranger.privateKey, await publishedKey())).rejects.toThrow()
  })

  it('encrypts to the organisation key for its member accounts too, matching the address whatever its case', async () => {
    const recipient = await makeRecipientKey('dev@vendor.example', t.clock.now())
    const orgId = await organizationWithKey('psirt@vendor.example', recipient.publicKey)
    await t.db.insertInto('users').values({ id: newId(), email: 'dev@vendor.example', display_name: 'Dev', password_hash: null, organization_id: orgId }).execute()
    await enqueueMail(t.db, notice('Dev@Vendor.example'), t.clock.now())

    expect(await deliverDueMail(t.deps)).toBe(1)

    const opened = await openEncryptedMail(peer.received[0]!.raw, recipient.privateKey, await publishedKey())
    expect(opened.text).toContain('ログインしてご確認ください')
  })

  it('still sends plain mail to an address without a key', async () => {
    await organizationWithKey('plain@vendor.example', null)
    await enqueueMail(t.db, notice('plain@vendor.example'), t.clock.now())

    expect(await deliverDueMail(t.deps)).toBe(1)

    expect(peer.received[0]?.subject).toBe(notice('').subject)
    expect(peer.received[0]?.text.trimEnd()).toBe(notice('').text.trimEnd())
    expect(await t.db.selectFrom('mail_outbox').select('encrypted').executeTakeFirstOrThrow()).toEqual({ encrypted: false })
  })

  it('never sends in clear to a recipient whose key expired after it was registered: the outbox says why and retries', async () => {
    const recipient = await makeRecipientKey('old@vendor.example', t.clock.now(), { expiresInDays: 30 })
    await organizationWithKey('old@vendor.example', recipient.publicKey)
    t.clock.advance(40 * 86400_000)
    await enqueueMail(t.db, notice('old@vendor.example'), t.clock.now())

    expect(await deliverDueMail(t.deps)).toBe(0)

    expect(peer.received).toHaveLength(0)
    const row = await t.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow()
    expect(row.status).toBe('pending')
    expect(row.attempts).toBe(1)
    expect(row.last_error).toMatch(/never sent in clear.*expired on \d{4}-\d{2}-\d{2}/)

    // The organisation registers a renewed key; the retry goes out encrypted to it.
    const renewed = await makeRecipientKey('old@vendor.example', t.clock.now())
    await t.db.updateTable('organizations').set({ pgp_public_key: renewed.publicKey }).execute()
    t.clock.set(row.next_attempt_at)
    expect(await deliverDueMail(t.deps)).toBe(1)
    const opened = await openEncryptedMail(peer.received[0]!.raw, renewed.privateKey, await publishedKey())
    expect(opened.subject).toBe(notice('').subject)
  })

  it('publishes one platform key, pointed to from security.txt, with the MAIL_FROM user id', async () => {
    const first = await publishedKey()
    expect(await publishedKey()).toBe(first)
    const key = await openpgp.readKey({ armoredKey: first })
    expect(key.isPrivate()).toBe(false)
    expect(key.getUserIDs()).toEqual(['keikai <no-reply@keikai.test>'])
    const stored = await t.db.selectFrom('platform_keys').select(['fingerprint', 'private_key']).executeTakeFirstOrThrow()
    expect(stored.fingerprint).toBe(key.getFingerprint())
    expect(first).not.toContain('PRIVATE')

    const securityTxt = await (await t.app.request('/.well-known/security.txt')).text()
    expect(securityTxt).toContain('Encryption: http://keikai.test/.well-known/openpgp-key.asc')
  })
})

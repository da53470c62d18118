import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import nodemailer from 'nodemailer'
import { setupTestApp, type TestApp } from '../../../test/support/test-app.js'
import type { Deps } from '../http/context.js'
import { enqueueMail } from './outbox.js'
import { CLAIM_MS, MAX_ATTEMPTS, deliverDueMail } from './delivery.js'
import { startSmtpPeer, type SmtpPeer } from './smtp-peer.test-support.js'

let t: TestApp
let peer: SmtpPeer
let refusing: SmtpPeer

beforeAll(async () => {
  peer = await startSmtpPeer()
  refusing = await startSmtpPeer({ refuse: 'No such user here' })
  t = await setupTestApp({ env: { SMTP_URL: peer.url, MAIL_FROM: 'keikai <no-reply@keikai.test>' } })
})
afterAll(async () => {
  await t.close()
  await peer.close()
  await refusing.close()
})
beforeEach(async () => {
  await t.db.deleteFrom('mail_outbox').execute()
  peer.received.length = 0
})

const withSmtp = (smtpUrl: string | undefined): Deps => ({ ...t.deps, config: { ...t.config, smtpUrl } })
const outboxRow = () => t.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow()

const japaneseMail = {
  to: 'developer@example.jp',
  subject: '【keikai】脆弱性関連情報のお知らせ',
  text: 'ご担当者様\n\n新しいメッセージがあります。ログインしてご確認ください。\nhttps://keikai.test/cases\n',
}

describe('mail delivery', () => {
  it('delivers a queued mail once, with its recipient, subject and Japanese body intact', async () => {
    await enqueueMail(t.db, japaneseMail, t.clock.now())

    expect(await deliverDueMail(t.deps)).toBe(1)
    expect(await deliverDueMail(t.deps)).toBe(0)

    expect(peer.received).toHaveLength(1)
    const [mail] = peer.received
    expect(mail?.envelopeTo).toEqual(['developer@example.jp'])
    expect(mail?.to).toBe('developer@example.jp')
    expect(mail?.subject).toBe(japaneseMail.subject)
    expect(mail?.text.trimEnd()).toBe(japaneseMail.text.trimEnd())
    expect(mail?.autoSubmitted).toBe('auto-generated')
    const row = await outboxRow()
    expect(row).toMatchObject({ status: 'sent', attempts: 0, last_error: null })
    expect(row.sent_at).toEqual(t.clock.now())
    expect(mail?.messageId).toBe(`<${row.id}@keikai.test>`)
  })

  it("sends a mail's own headers (a list's unsubscribe link), never one that would forge or break the message", async () => {
    await enqueueMail(t.db, { ...japaneseMail, headers: {
      'List-Unsubscribe': '<https://keikai.test/guides/updates/unsubscribe/abc>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Injected': 'a\r\nBcc: victim@example.com',
      'Subject': 'replaced subject',
      'Bad Name:': 'x',
    } }, t.clock.now())
    expect(await deliverDueMail(t.deps)).toBe(1)
    const raw = peer.received[0]!.raw.toString('utf8')
    expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/keikai\.test\/guides\/updates\/unsubscribe\/abc>\r$/m)
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m)
    expect(raw).not.toMatch(/^Bcc:/im)
    expect(raw).not.toContain('X-Injected')
    expect(raw).not.toContain('replaced subject')
    expect(peer.received[0]!.envelopeTo).toEqual(['developer@example.jp'])
  })

  it('does not send one mail twice when two deliveries run at the same time', async () => {
    await enqueueMail(t.db, japaneseMail, t.clock.now())

    const counts = await Promise.all([deliverDueMail(t.deps), deliverDueMail(t.deps), deliverDueMail(t.deps)])

    expect(counts.reduce((a, b) => a + b, 0)).toBe(1)
    expect(peer.received).toHaveLength(1)
  })

  it('sends a burst of mail exactly once each, across concurrent deliveries', async () => {
    for (let i = 0; i < 25; i++) await enqueueMail(t.db, { ...japaneseMail, subject: `通知 ${i}` }, t.clock.now())

    const counts = await Promise.all([deliverDueMail(t.deps), deliverDueMail(t.deps), deliverDueMail(t.deps)])

    expect(counts.reduce((a, b) => a + b, 0)).toBe(25)
    expect(peer.received).toHaveLength(25)
    expect(new Set(peer.received.map((m) => m.subject)).size).toBe(25)
    expect(await t.db.selectFrom('mail_outbox').select('id').where('status', '!=', 'sent').execute()).toHaveLength(0)
  })

  it('claims a row before sending, so a delivery started mid-send skips it and a crash retries it later', async () => {
    await enqueueMail(t.db, japaneseMail, t.clock.now())
    let seenDuringSend: { next_attempt_at: Date; status: string } | undefined
    let sentByOther = -1
    const transport = nodemailer.createTransport<unknown>({
      name: 'observer', version: '1',
      send: (_mail, callback) => {
        void (async () => {
          seenDuringSend = await t.db.selectFrom('mail_outbox').select(['next_attempt_at', 'status']).executeTakeFirstOrThrow()
          sentByOther = await deliverDueMail(t.deps)
          callback(null, { messageId: 'x' })
        })()
      },
    })

    expect(await deliverDueMail(t.deps, transport)).toBe(1)

    expect(seenDuringSend?.status).toBe('pending')
    expect(seenDuringSend!.next_attempt_at.getTime()).toBeGreaterThan(t.clock.now().getTime())
    expect(sentByOther).toBe(0)
    expect(peer.received).toHaveLength(0)
  })

  it('retries a mail whose sender died mid-send once its claim runs out', async () => {
    await enqueueMail(t.db, japaneseMail, t.clock.now())
    let sending = false
    // A process that claims the row and then never finishes, as if killed during the SMTP dialogue.
    const stuck = nodemailer.createTransport<unknown>({ name: 'stuck', version: '1', send: () => { sending = true } })
    void deliverDueMail(t.deps, stuck)
    while (!sending) await new Promise((resolve) => setTimeout(resolve, 5))

    expect(await deliverDueMail(t.deps)).toBe(0)
    t.clock.advance(CLAIM_MS)
    expect(await deliverDueMail(t.deps)).toBe(1)
    expect(peer.received).toHaveLength(1)
  })

  it('leaves mail pending with a later attempt when the server refuses it, and sends it on retry', async () => {
    await enqueueMail(t.db, japaneseMail, t.clock.now())

    expect(await deliverDueMail(withSmtp(refusing.url))).toBe(0)

    const row = await outboxRow()
    expect(row.status).toBe('pending')
    expect(row.attempts).toBe(1)
    expect(row.last_error).toContain('No such user here')
    expect(row.next_attempt_at.getTime()).toBeGreaterThan(t.clock.now().getTime())
    expect(await deliverDueMail(t.deps)).toBe(0)

    t.clock.set(row.next_attempt_at)
    expect(await deliverDueMail(t.deps)).toBe(1)
    expect(peer.received).toHaveLength(1)
    expect(await outboxRow()).toMatchObject({ status: 'sent', attempts: 1, last_error: null })
  })

  it('gives up as failed after the last attempt', async () => {
    await enqueueMail(t.db, japaneseMail, t.clock.now())
    await t.db.updateTable('mail_outbox').set({ attempts: MAX_ATTEMPTS - 1 }).execute()

    await deliverDueMail(withSmtp(refusing.url))

    expect(await outboxRow()).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS })
    t.clock.advance(7 * 86400_000)
    expect(await deliverDueMail(t.deps)).toBe(0)
    expect(peer.received).toHaveLength(0)
  })

  it('keeps mail pending in the outbox when no SMTP server is configured', async () => {
    await enqueueMail(t.db, japaneseMail, t.clock.now())

    expect(await deliverDueMail(withSmtp(undefined))).toBe(0)

    expect(await outboxRow()).toMatchObject({ status: 'pending', attempts: 0, sent_at: null })
    expect(peer.received).toHaveLength(0)
  })

  it('sends nothing that is not yet due', async () => {
    await enqueueMail(t.db, japaneseMail, new Date(t.clock.now().getTime() + 60_000))

    expect(await deliverDueMail(t.deps)).toBe(0)
    expect(peer.received).toHaveLength(0)
  })
})

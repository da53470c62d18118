import nodemailer, { type Transporter } from 'nodemailer'
import type { PublicKey } from 'openpgp'
import type { Deps } from '../http/context.js'
import type { DB } from '../db/database.js'
import { translator } from '../i18n/index.js'
import { checkPublicKey } from './openpgp-keys.js'
import { loadPlatformKey } from './platform-key.js'
import { buildPgpMimeMessage } from './pgp-mime.js'
import { findRecipientKeys } from './recipient-keys.js'

/** How many rows one run claims: small, so a slow server holds few rows hostage. */
const BATCH_SIZE = 10
/**
 * A claim pushes next_attempt_at this far ahead. Another process skips the row until then; if this
 * process dies mid-send, the row becomes due again and is retried instead of being lost.
 */
export const CLAIM_MS = 10 * 60_000
/** Stop starting new sends when half the claim has passed, so a claim never expires mid-send. */
const SEND_WINDOW_MS = CLAIM_MS / 2
/** One call stops claiming more batches after this long, so the other jobs get their turn. */
const RUN_BUDGET_MS = 60_000
/** Minutes to wait after the 1st, 2nd, … failed attempt. */
const BACKOFF_MINUTES = [1, 5, 30, 60, 120, 360, 720]
/** After this many failed attempts the mail is marked 'failed' and left for an administrator. */
export const MAX_ATTEMPTS = 8
const MAX_ERROR_LENGTH = 1000

type ClaimedMail = { id: string; to: string; subject: string; text: string; attempts: number; headers: Record<string, string> | null }

/** Delay before the next attempt after `attempts` failures (exponential-ish, capped). */
export function backoffMs(attempts: number): number {
  const index = Math.min(Math.max(attempts, 1), BACKOFF_MINUTES.length) - 1
  return (BACKOFF_MINUTES[index] ?? 720) * 60_000
}

/**
 * Sends due mail from the outbox and returns how many were sent.
 * Without SMTP_URL (and no `transport`) nothing is sent: mail stays 'pending' in the outbox,
 * where administrators can read it. Rows are claimed in a short transaction with
 * `FOR UPDATE SKIP LOCKED` and sent after it commits, so two app processes never send one row
 * twice and no network wait ever holds a database lock. Batches repeat while full, for at most
 * RUN_BUDGET_MS, so a burst drains quickly without starving the other jobs.
 */
export async function deliverDueMail(deps: Deps, transport?: Transporter): Promise<number> {
  const { db, clock, config } = deps
  if (!transport && !config.smtpUrl) return 0
  const started = performance.now()
  let ownTransport: Transporter | undefined
  let sent = 0
  try {
    while (performance.now() - started < RUN_BUDGET_MS) {
      const claimed = await claimDueMail(db, clock.now())
      if (claimed.length === 0) break
      ownTransport ??= transport ? undefined : createSmtpTransport(config.smtpUrl!)
      sent += await sendClaimed(deps, transport ?? ownTransport!, claimed)
      if (claimed.length < BATCH_SIZE) break
    }
  } finally {
    ownTransport?.close()
  }
  return sent
}

/** Sends one claimed batch, recording each outcome as soon as it is known. */
async function sendClaimed(deps: Deps, sender: Transporter, claimed: ClaimedMail[]): Promise<number> {
  const { db, clock, config } = deps
  const claimedAt = performance.now()
  let sent = 0
  for (const [index, mail] of claimed.entries()) {
    if (performance.now() - claimedAt > SEND_WINDOW_MS) {
      await releaseClaims(db, claimed.slice(index).map((m) => m.id), clock.now())
      break
    }
    try {
      const envelope = await sealedFor(deps, mail)
      // A stable Message-ID lets receivers (and people reading logs) recognise a retried mail.
      const messageId = `<${mail.id}@${hostOf(config.publicUrl)}>`
      const headers = { ...ownHeaders(mail.headers), 'Auto-Submitted': 'auto-generated' }
      if (envelope.kind === 'encrypted') {
        const raw = await buildPgpMimeMessage({
          from: config.mailFrom, to: mail.to, subject: mail.subject, outerSubject: ENCRYPTED_SUBJECT, text: mail.text,
          messageId, date: clock.now(), headers,
        }, await loadPlatformKey(db, config, clock.now()), envelope.recipients)
        await sender.sendMail({ envelope: { from: config.mailFrom, to: [mail.to] }, raw })
      } else {
        await sender.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text, messageId, headers })
      }
      await markSent(db, mail.id, clock.now(), envelope.kind === 'encrypted')
      sent++
    } catch (error) {
      await markFailedAttempt(db, mail, describe(error), clock.now())
    }
  }
  return sent
}

/** The outside subject of encrypted mail: SMTP servers on the way read headers, so it says nothing. */
const ENCRYPTED_SUBJECT = `${translator('ja')('pgp.encrypted_subject')} / ${translator('en')('pgp.encrypted_subject')}`

/**
 * Whether a mail goes out plain or encrypted, decided at sending time from the keys registered for
 * its recipient then (a key renewed after the mail was queued is the one used). A recipient whose
 * every key has expired or been revoked gets nothing in clear: the attempt fails with the reason,
 * visible in the admin outbox, and is retried, so a renewed key still gets the mail through.
 */
async function sealedFor(deps: Deps, mail: ClaimedMail): Promise<{ kind: 'plain' } | { kind: 'encrypted'; recipients: PublicKey[] }> {
  const registered = await findRecipientKeys(deps.db, mail.to)
  if (registered.length === 0) return { kind: 'plain' }
  const checks = await Promise.all(registered.map((k) => checkPublicKey(k.armored, deps.clock.now())))
  const recipients = checks.flatMap((c) => (c.usable ? [c.key] : []))
  if (recipients.length > 0) return { kind: 'encrypted', recipients }
  const reasons = checks.map((c) => (c.usable ? '' : `${c.facts?.fingerprint ?? 'unreadable key'}: ${c.problem}${c.problem === 'expired' && c.facts?.expiresAt ? ` on ${c.facts.expiresAt.toISOString().slice(0, 10)}` : ''}`))
  throw new Error(`Not sent, and never sent in clear: the recipient's OpenPGP key cannot be used (${reasons.join('; ')}). Register a valid key for this address; the mail is retried.`)
}

/** An SMTP transport with timeouts well inside the claim window. */
function createSmtpTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 30_000 })
}

async function claimDueMail(db: DB, now: Date): Promise<ClaimedMail[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('mail_outbox')
      .select(['id', 'to_address', 'subject', 'body_text', 'attempts', 'headers'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(BATCH_SIZE)
      .forUpdate()
      .skipLocked()
      .execute()
    if (rows.length === 0) return []
    await trx.updateTable('mail_outbox')
      .set({ next_attempt_at: new Date(now.getTime() + CLAIM_MS) })
      .where('id', 'in', rows.map((r) => r.id))
      .execute()
    return rows.map((r) => ({ id: r.id, to: r.to_address, subject: r.subject, text: r.body_text, attempts: r.attempts, headers: r.headers }))
  })
}

async function markSent(db: DB, id: string, now: Date, encrypted: boolean): Promise<void> {
  await db.updateTable('mail_outbox')
    .set({ status: 'sent', sent_at: now, last_error: null, encrypted })
    .where('id', '=', id).where('status', '=', 'pending')
    .execute()
}

async function markFailedAttempt(db: DB, mail: ClaimedMail, error: string, now: Date): Promise<void> {
  const attempts = mail.attempts + 1
  await db.updateTable('mail_outbox')
    .set({
      attempts,
      last_error: error,
      status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
      next_attempt_at: new Date(now.getTime() + backoffMs(attempts)),
    })
    .where('id', '=', mail.id).where('status', '=', 'pending')
    .execute()
}

/** Hands unsent claims back at once instead of making them wait for the claim to expire. */
async function releaseClaims(db: DB, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return
  await db.updateTable('mail_outbox').set({ next_attempt_at: now })
    .where('id', 'in', ids).where('status', '=', 'pending')
    .execute()
}

/** A mail's own headers, minus any that would break the message (line breaks) or that delivery sets itself. */
function ownHeaders(headers: Record<string, string> | null): Record<string, string> {
  const reserved = /^(from|to|cc|bcc|subject|date|message-id|content-.*|mime-version|auto-submitted)$/i
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name, value]) => /^[A-Za-z][A-Za-z0-9-]*$/.test(name) && !reserved.test(name) && !/[\r\n]/.test(value)))
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.slice(0, MAX_ERROR_LENGTH)
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'keikai.localhost'
  } catch {
    return 'keikai.localhost'
  }
}

import type { DB } from '../db/database.js'
import { newId } from '../secrets.js'
import type { Lang } from '../i18n/define.js'

/** A mail to queue; `headers` are its own (a list mail's `List-Unsubscribe`), added to those delivery always sets. */
export type OutgoingMail = { to: string; subject: string; text: string; headers?: Readonly<Record<string, string>> }

/**
 * Queues mail in the outbox, inside the caller's transaction: the mail exists exactly when the
 * change that caused it was committed. Delivery happens later (see delivery.ts).
 * Mail never carries unpublished vulnerability details, only a pointer to sign in and read them.
 */
export async function enqueueMail(trx: DB, mail: OutgoingMail, now: Date): Promise<void> {
  await trx.insertInto('mail_outbox').values({
    id: newId(),
    to_address: mail.to,
    subject: mail.subject,
    body_text: mail.text,
    headers: mail.headers ? JSON.stringify(mail.headers) : null,
    next_attempt_at: now,
    created_at: now,
  }).execute()
}

/**
 * One mail in the recipient's language, or — for someone without an account, whose language we do
 * not know (`locale: null`) — in Japanese and English, one after the other.
 */
export async function enqueueLocalizedMail(trx: DB, to: string, locale: Lang | null, text: (lang: Lang, part: 'subject' | 'body') => string, now: Date): Promise<void> {
  await enqueueMail(trx, locale ? { to, subject: text(locale, 'subject'), text: text(locale, 'body') } : {
    to,
    subject: `${text('ja', 'subject')} / ${text('en', 'subject')}`,
    text: [text('ja', 'body'), '', '----', '', text('en', 'body')].join('\n'),
  }, now)
}

/**
 * Mail bodies carry single-purpose secrets (tracking links, invitations, password resets). Whoever reads the outbox
 * — administrators, who may not see case content — gets the text with those secrets masked.
 */
export function redactSecretLinks(text: string): string {
  return text.replace(/\/(track|invitations|password\/reset|guides\/updates\/(?:confirm|unsubscribe))\/[A-Za-z0-9_-]{20,}/g, '/$1/[redacted]')
}

import type { DB } from '../platform/db/database.js'
import { translator, type Translate } from '../platform/i18n/index.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { hashSecret, newSecret } from '../platform/secrets.js'
import type { Subscription } from './notices.repository.js'
import { replaceUnsubscribeHash } from './notices.repository.js'

/** The one-click unsubscribe link of a token. */
export const unsubscribeUrl = (publicUrl: string, token: string) => `${publicUrl}/guides/updates/unsubscribe/${token}`

/**
 * Queues one mail to a subscriber, in their language, inside the caller's transaction, with the
 * one-click unsubscribe link in the text and in `List-Unsubscribe` / `List-Unsubscribe-Post`
 * (RFC 2369, RFC 8058).
 *
 * Only the hash of the unsubscribe token is stored, so the token cannot be read back to put in a
 * mail: each mail gets a new token and the stored hash is replaced. The newest mail's link always
 * works; an older mail's link answers "use the link in the newest mail". Nothing in the database
 * lets anyone unsubscribe someone else.
 */
export async function mailSubscriber(trx: DB, input: {
  subscription: Pick<Subscription, 'id' | 'email' | 'language'>; publicUrl: string; now: Date
  content: (t: Translate) => { subject: string; body: string }
}): Promise<void> {
  const token = newSecret()
  await replaceUnsubscribeHash(trx, input.subscription.id, hashSecret(token))
  const t = translator(input.subscription.language)
  const link = unsubscribeUrl(input.publicUrl, token)
  const { subject, body } = input.content(t)
  const text = [body, '', t('guides.notice.mail_unsubscribe', { url: link }), '', t('guides.notice.mail_signature')].join('\n')
  await enqueueMail(trx, {
    to: input.subscription.email, subject, text,
    headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }, input.now)
}

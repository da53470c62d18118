import { setTimeout as sleep } from 'node:timers/promises'
import type { Deps } from '../platform/http/context.js'
import { enqueueMail } from '../platform/mail/outbox.js'
import { formatDateTime, translator } from '../platform/i18n/index.js'
import { hashSecret, newId, newSecret } from '../platform/secrets.js'
import { accountErrors } from './accounts.errors.js'
import { findUserByEmail } from './accounts.repository.js'
import { hashPassword } from './passwords.js'
import { endSessionsOf } from './sessions.js'
import { forgetFailures } from './sign-in-throttle.js'

/** A reset link works once, for an hour. */
export const RESET_LINK_MINUTES = 60
/** At most this many reset mails per account an hour, so nobody can flood an inbox; further asks are answered alike and send nothing. */
export const RESET_MAILS_PER_HOUR = 3
/**
 * Asking takes at least this long whatever the address, so that neither the answer nor its timing
 * tells whether an account exists (a known address does more work: a row and a mail).
 */
export const ASK_FLOOR_MS = 400

/**
 * "Forgot password": when the address belongs to an active account, queues a mail with a
 * single-use link valid for RESET_LINK_MINUTES. Says nothing about whether it did.
 */
export async function askForPasswordReset(deps: Deps, email: string, options: { floorMs?: number } = {}): Promise<void> {
  const started = performance.now()
  try {
    await sendResetLink(deps, email)
  } finally {
    const wait = (options.floorMs ?? ASK_FLOOR_MS) - (performance.now() - started)
    if (wait > 0) await sleep(wait)
  }
}

async function sendResetLink(deps: Deps, email: string): Promise<void> {
  const now = deps.clock.now()
  const user = await findUserByEmail(deps.db, email)
  if (!user || user.disabled_at) return
  await deps.db.transaction().execute(async (trx) => {
    // Lines up concurrent asks for one account, so the hourly limit holds.
    await trx.selectFrom('users').select('id').where('id', '=', user.id).forUpdate().executeTakeFirst()
    const recent = await trx.selectFrom('password_resets').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', user.id).where('created_at', '>', new Date(now.getTime() - 3600_000)).executeTakeFirstOrThrow()
    if (Number(recent.n) >= RESET_MAILS_PER_HOUR) return
    const secret = newSecret()
    const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000)
    await trx.insertInto('password_resets').values({ id: newId(), user_id: user.id, token_hash: hashSecret(secret), created_at: now, expires_at: expiresAt }).execute()
    const t = translator(user.locale)
    const url = `${deps.config.publicUrl}/password/reset/${secret}`
    await enqueueMail(trx, {
      to: user.email,
      subject: t('accounts.mail.reset.subject'),
      text: [t('accounts.mail.reset.body', { date: formatDateTime(expiresAt, user.locale) }), '', url, '', t('accounts.mail.reset.ignore')].join('\n'),
    }, now)
  })
}

/** The account behind an open reset link, or `accounts.reset_link_invalid` (unknown, used, expired, or the account deactivated). */
export async function findOpenReset(deps: Deps, secret: string) {
  const row = await deps.db.selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select(['password_resets.id', 'password_resets.user_id', 'password_resets.used_at', 'password_resets.expires_at', 'users.email', 'users.disabled_at'])
    .where('password_resets.token_hash', '=', hashSecret(secret)).executeTakeFirst()
  if (!row || row.used_at || row.expires_at <= deps.clock.now() || row.disabled_at) throw accountErrors.resetLinkInvalid()
  return row
}

/**
 * Sets a new password from a reset link: the link and every other open link of the account are
 * spent, every session of the account ends (whoever knew the old password is signed out), and
 * the address's failed sign-ins are forgotten.
 */
export async function resetPassword(deps: Deps, secret: string, password: string): Promise<{ userId: string }> {
  const passwordHash = await hashPassword(password)
  const now = deps.clock.now()
  const reset = await findOpenReset(deps, secret)
  await deps.db.transaction().execute(async (trx) => {
    const spent = await trx.updateTable('password_resets').set({ used_at: now })
      .where('id', '=', reset.id).where('used_at', 'is', null).executeTakeFirst()
    // A second submit of the same link, racing the first, finds it spent.
    if (Number(spent.numUpdatedRows) !== 1) throw accountErrors.resetLinkInvalid()
    await trx.updateTable('password_resets').set({ used_at: now }).where('user_id', '=', reset.user_id).where('used_at', 'is', null).execute()
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', reset.user_id).execute()
    await endSessionsOf(trx, reset.user_id)
    await forgetFailures(trx, reset.email)
  })
  return { userId: reset.user_id }
}

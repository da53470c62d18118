import { randomInt } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import type { DB } from '../platform/db/database.js'
import { AppError } from '../platform/errors.js'
import { hashSecret } from '../platform/secrets.js'
import { claimCodeTry, forgetCodeFailures } from './sign-in-throttle.js'

const PERIOD_MS = 30_000

const totp = (secret: string, label = 'keikai') =>
  new TOTP({ issuer: 'keikai', label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD_MS / 1000 })

export const secondFactorErrors = {
  wrongCode: () => new AppError('accounts.second_factor_wrong', 400, 'The code is wrong or was already used.'),
  notEnrolled: () => new AppError('accounts.second_factor_not_enrolled', 409, 'Set up the authenticator app in the browser first.'),
  alreadyEnrolled: () => new AppError('accounts.second_factor_enabled', 409, 'Two-factor authentication is already on for this account.'),
  requiredForStaff: () => new AppError('accounts.second_factor_required_for_staff', 409, 'Staff and committee accounts keep two-factor authentication on.'),
  throttled: (retryAfterSeconds: number) => new AppError('accounts.second_factor_throttled', 429,
    `Too many wrong codes for this account. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, { retryAfterSeconds, minutes: Math.ceil(retryAfterSeconds / 60) }),
}

/** Staff and committee accounts sign in with a second factor (DESIGN §5); finders and developers do not need one. */
export const needsSecondFactor = (roles: readonly string[]) => roles.length > 0

/** The current code for a secret (tests and scripts use it like an authenticator app would). */
export const currentCode = (secret: string, now: Date) => totp(secret).generate({ timestamp: now.getTime() })

/** A fresh secret for enrolment, with the otpauth:// link and its QR code as an SVG data URL. */
export async function startEnrolment(db: DB, userId: string, email: string): Promise<{ secret: string; uri: string; qrDataUrl: string }> {
  const existing = await db.selectFrom('users').select('totp_pending_secret').where('id', '=', userId).executeTakeFirstOrThrow()
  const secret = existing.totp_pending_secret ?? new Secret({ size: 20 }).base32
  if (!existing.totp_pending_secret) await db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', userId).execute()
  const uri = totp(secret, email).toString()
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return { secret, uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` }
}

/**
 * Checks a code against the user's secret (or, during enrolment, the pending one, which it then
 * makes permanent). A code is accepted within ±1 period and only once: the step is remembered.
 * An enrolled account may give one of its recovery codes instead, which is then spent; says
 * which kind was given.
 */
export async function verifySecondFactor(db: DB, userId: string, code: string, now: Date): Promise<{ via: 'totp' | 'recovery' }> {
  return db.transaction().execute(async (trx) => {
    const u = await trx.selectFrom('users').select(['totp_secret', 'totp_pending_secret', 'totp_last_step'])
      .where('id', '=', userId).forUpdate().executeTakeFirstOrThrow()
    if (u.totp_secret && isRecoveryCodeShaped(code)) {
      const spent = await trx.updateTable('recovery_codes').set({ used_at: now })
        .where('user_id', '=', userId).where('code_hash', '=', hashSecret(normaliseRecoveryCode(code))).where('used_at', 'is', null).executeTakeFirst()
      if (Number(spent.numUpdatedRows) !== 1) throw secondFactorErrors.wrongCode()
      return { via: 'recovery' as const }
    }
    const secret = u.totp_secret ?? u.totp_pending_secret
    if (!secret) throw secondFactorErrors.notEnrolled()
    const delta = /^\d{6}$/.test(code) ? totp(secret).validate({ token: code, timestamp: now.getTime(), window: 1 }) : null
    if (delta === null) throw secondFactorErrors.wrongCode()
    const step = Math.floor(now.getTime() / PERIOD_MS) + delta
    if (u.totp_last_step !== null && step <= Number(u.totp_last_step)) throw secondFactorErrors.wrongCode()
    await trx.updateTable('users').set({ totp_secret: secret, totp_pending_secret: null, totp_last_step: step }).where('id', '=', userId).execute()
    return { via: 'totp' as const }
  })
}

/**
 * The code that finishes a sign-in. Wrong codes back off per account as wrong passwords do
 * (sign-in-throttle.ts: five free, then a wait doubling up to 15 minutes, a code given during the
 * wait refused unchecked with `accounts.second_factor_throttled`, 429); a right code forgets them.
 * Without it the fixed window alone let someone who has the password try about 2,900 codes a day.
 */
export async function verifySignInCode(db: DB, userId: string, code: string, now: Date): Promise<{ via: 'totp' | 'recovery' }> {
  const waiting = await claimCodeTry(db, userId, now)
  if (waiting > 0) throw secondFactorErrors.throttled(Math.ceil(waiting / 1000))
  const result = await verifySecondFactor(db, userId, code, now)
  await forgetCodeFailures(db, userId)
  return result
}

// ---- recovery codes: ten single-use codes for when the authenticator app is lost ----

const RECOVERY_CODES = 10
/** Lower-case letters and digits a reader cannot mistake for one another (no i, l, o, 0, 1): 31^10 ≈ 2^49 per code. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** The code as it is compared: case, spaces and hyphens do not matter (`ABCDE-FGHJK` = `abcdefghjk`). */
const normaliseRecoveryCode = (code: string) => code.normalize('NFKC').toLowerCase().replace(/[\s-]/g, '')
const isRecoveryCodeShaped = (code: string) => new RegExp(`^[${RECOVERY_ALPHABET}]{10}$`).test(normaliseRecoveryCode(code))

/** New recovery codes for the account, replacing any it had; returned once (`abcde-fghjk`), stored hashed. */
export async function issueRecoveryCodes(db: DB, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('')
    return `${raw.slice(0, 5)}-${raw.slice(5)}`
  })
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
    await trx.insertInto('recovery_codes').values(codes.map((code) => ({ user_id: userId, code_hash: hashSecret(normaliseRecoveryCode(code)), created_at: now }))).execute()
  })
  return codes
}

/** How many of the account's recovery codes are still unused. */
export async function recoveryCodesLeft(db: DB, userId: string): Promise<number> {
  const row = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirst()
  return Number(row?.n ?? 0)
}

export async function isEnrolled(db: DB, userId: string): Promise<boolean> {
  const u = await db.selectFrom('users').select('totp_secret').where('id', '=', userId).executeTakeFirstOrThrow()
  return Boolean(u.totp_secret)
}

/** Turns the second factor off for an account that may go without (not staff): its secret is forgotten. */
export async function disableSecondFactor(db: DB, userId: string): Promise<void> {
  await db.transaction().execute((trx) => forgetSecondFactor(trx, userId))
}

/** Forgets the account's TOTP secret (and one being set up) and its recovery codes, in the caller's transaction. */
export async function forgetSecondFactor(trx: DB, userId: string): Promise<void> {
  await trx.updateTable('users').set({ totp_secret: null, totp_pending_secret: null }).where('id', '=', userId).execute()
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
}

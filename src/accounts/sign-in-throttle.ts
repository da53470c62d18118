import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'

/**
 * Password guessing per account (issue 8). The per-address limit in front of the sign-in routes
 * does not stop someone trying one account from many addresses, so failures are also counted per
 * e-mail address — normalised, and for addresses without an account alike, so the answers never
 * tell whether an account exists:
 * - the first FREE_FAILURES failures cost nothing (typos);
 * - each further failure makes the next try wait, doubling from FIRST_WAIT_MS up to MAX_WAIT_MS;
 * - a try during the wait is refused before the password is checked (a right password too) and
 *   does not count, so the wait never grows past MAX_WAIT_MS after the last counted failure:
 *   an attacker holds the owner off for at most 15 minutes at a time, and gets about 100
 *   guesses a day instead of thousands;
 * - a successful sign-in forgets the failures, and so does a day without a counted one
 *   (FORGET_AFTER_MS), so one typo long after an attack stopped costs the owner nothing — the
 *   attacker gains nothing by it, having to stay quiet a whole day for five free tries;
 * - each try is counted before its password is checked (`claimTry`), so a burst sent at once
 *   gets no more password checks than tries sent one by one.
 * The second-factor step of a sign-in backs off the same way, counted per account under its own
 * key (`codeKey`): a right password must not forget wrong codes, or someone who knows the
 * password would sign in again to start each round of code guesses afresh.
 */
export const FREE_FAILURES = 5
export const FIRST_WAIT_MS = 60_000
export const MAX_WAIT_MS = 15 * 60_000
export const FORGET_AFTER_MS = 24 * 3600_000

/** The key failures are counted under: the address as sign-in compares it (trimmed, NFKC, lower case). */
export const throttleKey = (email: string) => email.normalize('NFKC').trim().toLowerCase()

/** The wait after the n-th consecutive failure. */
export function waitAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES - 1))
}

/**
 * The key wrong second-factor codes of an account are counted under. It has no `@`, so no
 * e-mail address (sign-in checks their form) can share it.
 */
export const codeKey = (userId: string) => `second-factor:${userId}`

/** How long the address must still wait (ms), 0 when it may try now. */
export async function remainingWait(db: DB, email: string, now: Date): Promise<number> {
  return remainingWaitOf(db, throttleKey(email), now)
}

async function remainingWaitOf(db: DB, key: string, now: Date): Promise<number> {
  const row = await db.selectFrom('sign_in_failures').select('blocked_until').where('email', '=', key).executeTakeFirst()
  return row?.blocked_until ? Math.max(0, row.blocked_until.getTime() - now.getTime()) : 0
}

/**
 * Claims one try for the address before its password is checked: the try is counted as a failure
 * (and earns its wait) in the same statement that checks the address is not waiting, so tries
 * sent all at once cannot all pass a check made before any of them is counted — the row lock
 * lines them up, and the one that earns a wait stops the rest. Returns 0 when the password may
 * be checked (a right one then forgets the failures), otherwise the wait still to serve (ms),
 * the try not counted.
 */
export async function claimTry(db: DB, email: string, now: Date): Promise<number> {
  return claimTryOf(db, throttleKey(email), now)
}

/** `claimTry` for one second-factor code of the account signing in. */
export async function claimCodeTry(db: DB, userId: string, now: Date): Promise<number> {
  return claimTryOf(db, codeKey(userId), now)
}

async function claimTryOf(db: DB, key: string, now: Date): Promise<number> {
  await db.deleteFrom('sign_in_failures').where('email', '=', key)
    .where('last_failure_at', '<', new Date(now.getTime() - FORGET_AFTER_MS)).execute()
  const row = await sql<{ failures: number }>`
    insert into sign_in_failures as f (email, failures, last_failure_at, blocked_until)
    values (${key}, 1, ${now}, ${waitAfter(1) > 0 ? new Date(now.getTime() + waitAfter(1)) : null})
    on conflict (email) do update set
      failures = f.failures + 1,
      last_failure_at = excluded.last_failure_at,
      blocked_until = case when f.failures + 1 > ${FREE_FAILURES}
        then ${now}::timestamptz + least(${MAX_WAIT_MS}, ${FIRST_WAIT_MS} * power(2, f.failures - ${FREE_FAILURES})) * interval '1 millisecond'
        else null end
      where f.blocked_until is null or f.blocked_until <= ${now}
    returning failures`.execute(db)
  if (row.rows.length > 0) return 0
  return Math.max(1, await remainingWaitOf(db, key, now))
}

/** A successful sign-in: the address starts again with no failures. */
export async function forgetFailures(db: DB, email: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('email', '=', throttleKey(email)).execute()
}

/** A right second-factor code: the account's wrong codes are forgotten. */
export async function forgetCodeFailures(db: DB, userId: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('email', '=', codeKey(userId)).execute()
}

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
 * - a successful sign-in forgets the failures.
 */
export const FREE_FAILURES = 5
export const FIRST_WAIT_MS = 60_000
export const MAX_WAIT_MS = 15 * 60_000

/** The key failures are counted under: the address as sign-in compares it (trimmed, NFKC, lower case). */
export const throttleKey = (email: string) => email.normalize('NFKC').trim().toLowerCase()

/** The wait after the n-th consecutive failure. */
export function waitAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES - 1))
}

/** How long the address must still wait (ms), 0 when it may try now. */
export async function remainingWait(db: DB, email: string, now: Date): Promise<number> {
  const row = await db.selectFrom('sign_in_failures').select('blocked_until').where('email', '=', throttleKey(email)).executeTakeFirst()
  return row?.blocked_until ? Math.max(0, row.blocked_until.getTime() - now.getTime()) : 0
}

/** Counts a failed sign-in and sets the wait it earns; returns that wait (ms). */
export async function recordFailure(db: DB, email: string, now: Date): Promise<number> {
  const key = throttleKey(email)
  const row = await sql<{ failures: number }>`
    insert into sign_in_failures (email, failures, last_failure_at) values (${key}, 1, ${now})
    on conflict (email) do update set failures = sign_in_failures.failures + 1, last_failure_at = excluded.last_failure_at
    returning failures`.execute(db)
  const wait = waitAfter(Number(row.rows[0]!.failures))
  if (wait > 0) await db.updateTable('sign_in_failures').set({ blocked_until: new Date(now.getTime() + wait) }).where('email', '=', key).execute()
  return wait
}

/** A successful sign-in: the address starts again with no failures. */
export async function forgetFailures(db: DB, email: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('email', '=', throttleKey(email)).execute()
}

import { createHmac } from 'node:crypto'
import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import type { Ctx } from '../platform/http/context.js'
import { clientAddress } from '../platform/http/rate-limit.js'
import { addCalendarDays, japanDate } from '../platform/calendar/business-days.js'
import { newSecret } from '../platform/secrets.js'

/**
 * Who a visitor is, for counting once and nothing more: no cookie, no stored address. A mark is an
 * HMAC of the client's address and browser string under a secret; the daily secret (visits,
 * downloads) is deleted after two days, so yesterday's marks can never be tied to anyone again.
 * Ratings use a lasting secret, since "one rating per visitor" outlives a day.
 */
export type VisitorSeed = { address: string; agent: string }

export const visitorSeed = (c: Ctx): VisitorSeed => ({ address: clientAddress(c), agent: c.req.header('user-agent') ?? '' })

/**
 * The secret of that name, made the first time it is asked for (`made`). Read first: every guide view
 * asks, and the secret exists all but once a day. Two processes making it at once keep the first one.
 */
async function secretNamed(db: DB, name: string, now: Date): Promise<{ secret: string; made: boolean }> {
  const known = await db.selectFrom('guide_secrets').select('secret').where('name', '=', name).executeTakeFirst()
  if (known) return { secret: known.secret, made: false }
  const made = await db.insertInto('guide_secrets').values({ name, secret: newSecret(), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing()).returning('secret').executeTakeFirst()
  if (made) return { secret: made.secret, made: true }
  return { secret: (await db.selectFrom('guide_secrets').select('secret').where('name', '=', name).executeTakeFirstOrThrow()).secret, made: false }
}

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('base64url')

/**
 * The visitor's mark for `purpose` today (a page, a download): the same all day, unlinkable after it.
 * The first mark of a day makes the day's secret and drops the marks and secrets older than yesterday.
 */
export async function dailyMark(db: DB, now: Date, seed: VisitorSeed, purpose: string): Promise<{ day: string; mark: string }> {
  const day = japanDate(now)
  const { secret, made } = await secretNamed(db, `day:${day}`, now)
  if (made) await forgetOldMarks(db, day)
  return { day, mark: hmac(secret, `${seed.address}\n${seed.agent}\n${purpose}`) }
}

/** The visitor's lasting mark for `purpose` (one rating per page). */
export async function lastingMark(db: DB, now: Date, seed: VisitorSeed, purpose: string): Promise<string> {
  const { secret } = await secretNamed(db, 'lasting', now)
  return hmac(secret, `${seed.address}\n${seed.agent}\n${purpose}`)
}

/** Records that the visitor did `purpose` today; true the first time. Floods and repeats count once. */
export async function firstTimeToday(db: DB, now: Date, seed: VisitorSeed, purpose: string): Promise<boolean> {
  const { day, mark } = await dailyMark(db, now, seed, purpose)
  const inserted = await db.insertInto('guide_visitor_marks').values({ day, mark })
    .onConflict((oc) => oc.columns(['day', 'mark']).doNothing()).returning('mark').executeTakeFirst()
  return Boolean(inserted)
}

async function forgetOldMarks(db: DB, today: string): Promise<void> {
  const yesterday = addCalendarDays(today, -1)
  await db.deleteFrom('guide_visitor_marks').where('day', '<', yesterday).execute()
  await db.deleteFrom('guide_secrets').where('name', 'like', 'day:%').where('name', '<', `day:${yesterday}`).execute()
}

/** Counts one view of a guide page (and a visitor, the first time today), by channel and way in. */
export async function countVisit(db: DB, now: Date, seed: VisitorSeed, visit: { page: string; channel: string; via: 'web' | 'qr' }): Promise<void> {
  const first = await firstTimeToday(db, now, seed, `view\n${visit.page}`)
  const day = japanDate(now)
  await db.insertInto('guide_visits').values({ day, page: visit.page, channel: visit.channel, via: visit.via, views: 1, visitors: first ? 1 : 0 })
    .onConflict((oc) => oc.columns(['day', 'page', 'channel', 'via']).doUpdateSet({
      views: sql`guide_visits.views + 1`,
      visitors: sql`guide_visits.visitors + ${first ? 1 : 0}`,
    })).execute()
}

import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { endOfJapanDay, startOfJapanDay } from '../platform/calendar/business-days.js'
import type { GuideTopic, SurveyPurpose } from './guides.tables.js'

/**
 * The dashboard's raw counts, grouped by Japan day (and page, channel …) in the database; only
 * counts leave it. `pages` (null: all) and `channel` (null: all, '': direct) narrow each query.
 */
export type EffectScope = { from: string; to: string; pages: string[] | null; documents: GuideTopic[] | null; channel: string | null }

const jstDay = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Tokyo', 'YYYY-MM-DD')`
const n = (v: unknown) => Number(v ?? 0)

export async function visitCounts(db: DB, s: EffectScope) {
  let q = db.selectFrom('guide_visits')
    .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'page', 'channel', 'via', (eb) => eb.fn.sum<number>('views').as('views'), (eb) => eb.fn.sum<number>('visitors').as('visitors')])
    .where('day', '>=', s.from).where('day', '<=', s.to)
    .groupBy(['day', 'page', 'channel', 'via'])
  if (s.pages) q = q.where('page', 'in', s.pages.length ? s.pages : [''])
  if (s.channel !== null) q = q.where('channel', '=', s.channel)
  return (await q.execute()).map((r) => ({ day: r.day, page: r.page, channel: r.channel, via: r.via, views: n(r.views), visitors: n(r.visitors) }))
}

export async function downloadCounts(db: DB, s: EffectScope) {
  let q = db.selectFrom('guide_downloads')
    .select([jstDay('created_at').as('day'), 'document', 'channel', 'purpose', (eb) => eb.fn.countAll<number>().as('count')])
    .where('created_at', '>=', startOfJapanDay(s.from)).where('created_at', '<', endOfJapanDay(s.to))
    .groupBy([jstDay('created_at'), 'document', 'channel', 'purpose'])
  if (s.documents) q = s.documents.length ? q.where('document', 'in', s.documents) : q.where(sql<boolean>`false`)
  if (s.channel !== null) q = q.where('channel', '=', s.channel)
  return (await q.execute()).map((r) => ({ day: r.day, document: r.document, channel: r.channel, purpose: r.purpose as SurveyPurpose | null, count: n(r.count) }))
}

export async function ratingCounts(db: DB, s: EffectScope) {
  let q = db.selectFrom('guide_ratings')
    .select([jstDay('updated_at').as('day'), 'page', 'channel', 'stars', (eb) => eb.fn.countAll<number>().as('count')])
    .where('updated_at', '>=', startOfJapanDay(s.from)).where('updated_at', '<', endOfJapanDay(s.to))
    .groupBy([jstDay('updated_at'), 'page', 'channel', 'stars'])
  if (s.pages) q = q.where('page', 'in', s.pages.length ? s.pages : [''])
  if (s.channel !== null) q = q.where('channel', '=', s.channel)
  return (await q.execute()).map((r) => ({ day: r.day, page: r.page, channel: r.channel, stars: n(r.stars), count: n(r.count) }))
}

/** Subscriptions that began, were confirmed or ended in the range: counts only, by day, channel and topics. */
export async function subscriptionEvents(db: DB, s: EffectScope, what: 'created_at' | 'confirmed_at' | 'unsubscribed_at') {
  let q = db.selectFrom('guide_subscriptions')
    .select([jstDay(what).as('day'), 'channel', 'topics'])
    .where(what, '>=', startOfJapanDay(s.from)).where(what, '<', endOfJapanDay(s.to))
  if (s.channel !== null) q = q.where('channel', '=', s.channel)
  const rows = await q.execute()
  return rows.map((r) => ({ day: r.day, channel: r.channel, topics: r.topics }))
}

/** Rating comments in the range, newest first: stars, page, date and text — nothing about who wrote them. */
export async function ratingComments(db: DB, s: EffectScope, limit = 200) {
  let q = db.selectFrom('guide_ratings').select(['page', 'stars', 'comment', 'updated_at'])
    .where('comment', '<>', '')
    .where('updated_at', '>=', startOfJapanDay(s.from)).where('updated_at', '<', endOfJapanDay(s.to))
    .orderBy('updated_at', 'desc').limit(limit)
  if (s.pages) q = q.where('page', 'in', s.pages.length ? s.pages : [''])
  if (s.channel !== null) q = q.where('channel', '=', s.channel)
  return (await q.execute()).map((r) => ({ page: r.page, stars: n(r.stars), comment: r.comment, ratedAt: r.updated_at }))
}

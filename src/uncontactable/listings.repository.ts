import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { addBusinessDays, addCalendarDays, japanDate, startOfJapanDay, addMonths } from '../platform/calendar/business-days.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'

/** How long after listing the product name and versions join a listing. */
export type DetailsRule = { amount: number; unit: 'months' | 'calendar_days' | 'business_days' }

/**
 * The deadlines feature's `uncontactable_product_details` policy when that table exists and the
 * policy is enabled (one configuration for the staff timer and the public list), else our own
 * setting in `uncontactable_policy`. Read at run time, so a change applies without a restart.
 */
export async function loadDetailsRule(db: DB): Promise<DetailsRule> {
  const table = await sql<{ t: string | null }>`select to_regclass('deadline_policies')::text as t`.execute(db)
  if (table.rows[0]?.t) {
    const row = await db.selectFrom('deadline_policies').select(['offset_amount', 'offset_unit', 'direction', 'enabled'])
      .where('kind', '=', 'uncontactable_product_details').executeTakeFirst()
    if (row && row.enabled && row.direction === 'after') return { amount: row.offset_amount, unit: row.offset_unit }
  }
  const own = await db.selectFrom('uncontactable_policy').select('details_after_months').where('id', '=', 1).executeTakeFirstOrThrow()
  return { amount: own.details_after_months, unit: 'months' }
}


/**
 * The instant the product joins a listing: the listing's Japan wall-clock time, `amount` units
 * later (a month on the same day, or the month's last day when shorter). Pure, so the public list
 * and the job agree to the millisecond, whenever they run.
 */
export function detailsPublicAt(listedAt: Date, rule: DetailsRule): Date {
  const day = japanDate(listedAt)
  const intoDay = listedAt.getTime() - startOfJapanDay(day).getTime()
  const target = rule.unit === 'months' ? addMonths(day, rule.amount)
    : rule.unit === 'calendar_days' ? addCalendarDays(day, rule.amount) : addBusinessDays(day, rule.amount)
  return new Date(startOfJapanDay(target).getTime() + intoDay)
}

/** Once recorded public, details stay public even if the policy is later lengthened. */
export const detailsVisible = (l: { listed_at: Date; details_recorded_at: Date | null }, rule: DetailsRule, now: Date): boolean =>
  l.details_recorded_at !== null || detailsPublicAt(l.listed_at, rule).getTime() <= now.getTime()

/** What the public may know of a listing — nothing about the vulnerability, ever. */
export type PublicListing = {
  id: string
  developer: { ja: string; en: string }
  listedAt: Date
  /** In Japanese and English (migration 0018); an empty English is shown as the Japanese, marked. */
  product: { name: { ja: string; en: string }; versions: { ja: string; en: string } } | null
}

const LIVE_COLUMNS = ['id', 'developer_name_ja', 'developer_name_en', 'product_name_ja', 'product_name_en', 'product_versions_ja', 'product_versions_en', 'listed_at', 'details_recorded_at'] as const

type LiveRow = {
  id: string; developer_name_ja: string; developer_name_en: string; product_name_ja: string; product_name_en: string
  product_versions_ja: string; product_versions_en: string; listed_at: Date; details_recorded_at: Date | null
}

const toPublic = (r: LiveRow, rule: DetailsRule, now: Date): PublicListing => ({
  id: r.id,
  developer: { ja: r.developer_name_ja, en: r.developer_name_en },
  listedAt: r.listed_at,
  product: detailsVisible(r, rule, now)
    ? { name: { ja: r.product_name_ja, en: r.product_name_en }, versions: { ja: r.product_versions_ja, en: r.product_versions_en } }
    : null,
})

/**
 * Advisories the committee decided to publish (連絡不能公表 / 調整不能公表) that are public by `now`,
 * by THE visibility rule: a listing of their case ends exactly when the advisory appears, before
 * any worker has run (the job only records it).
 */
export const committeePublications = (db: DB, now: Date) => publicAdvisories(db, now)
  .innerJoin('committee_decisions', 'committee_decisions.advisory_id', 'advisories.id')
  .innerJoin('committee_referrals', 'committee_referrals.id', 'committee_decisions.referral_id')
  .where('committee_decisions.decision', '=', 'publish')

/** Live at `now`: listed, not ended, and its case not published by committee decision. */
const live = (db: DB, now: Date) => db.selectFrom('uncontactable_listings').select(LIVE_COLUMNS)
  .where('ended_at', 'is', null).where('listed_at', '<=', now)
  .where('case_id', 'not in', committeePublications(db, now).select('advisories.case_id'))

/** The public list (連絡不能開発者一覧): live listings from their listing time, newest first. */
export async function listPublicListings(db: DB, now: Date): Promise<PublicListing[]> {
  const rule = await loadDetailsRule(db)
  const rows = await live(db, now).orderBy('listed_at', 'desc').orderBy('id').execute()
  return rows.map((r) => toPublic(r, rule, now))
}

/** One live listing as the public sees it; null for an unknown or ended one. */
export async function findPublicListing(db: DB, now: Date, id: string): Promise<PublicListing | null> {
  const row = await live(db, now).where('id', '=', id).executeTakeFirst()
  return row ? toPublic(row, await loadDetailsRule(db), now) : null
}

/** A listing that ended because the committee's advisory was published: the history the public sees, with the advisory. */
export type CommitteePublishedListing = PublicListing & { advisory: { identifier: string; publishedAt: Date } }

/**
 * The history "published by committee decision": listings of cases whose committee-decided
 * advisory is public by `now` — per listing, so a developer with another case still uncontactable
 * stays on the live list for that one. Listings that had ended earlier for another reason
 * (coordination resumed) are not part of it. Newest publication first.
 */
async function committeePublishedRows(db: DB, now: Date, id?: string) {
  let q = db.selectFrom('uncontactable_listings')
    .innerJoin(committeePublications(db, now).select(['advisories.case_id', 'advisories.identifier', 'advisories.publish_at']).as('p'), 'p.case_id', 'uncontactable_listings.case_id')
    .select([...LIVE_COLUMNS.map((c) => `uncontactable_listings.${c}` as const), 'p.identifier', 'p.publish_at'])
    .where('uncontactable_listings.listed_at', '<=', now)
    .where((eb) => eb.or([eb('uncontactable_listings.ended_at', 'is', null), eb('uncontactable_listings.ended_by_advisory_id', 'is not', null)]))
  if (id) q = q.where('uncontactable_listings.id', '=', id)
  const rule = await loadDetailsRule(db)
  const rows = await q.orderBy('p.publish_at', 'desc').orderBy('uncontactable_listings.id').execute()
  return rows.map((r): CommitteePublishedListing => ({ ...toPublic(r, rule, now), advisory: { identifier: r.identifier!, publishedAt: r.publish_at! } }))
}

export const listCommitteePublishedListings = (db: DB, now: Date) => committeePublishedRows(db, now)

export async function findCommitteePublishedListing(db: DB, now: Date, id: string): Promise<CommitteePublishedListing | null> {
  return (await committeePublishedRows(db, now, id))[0] ?? null
}

/** Every listing of a case, live and ended, for coordinators. */
export async function listCaseListings(db: DB, caseId: string) {
  return db.selectFrom('uncontactable_listings').selectAll().where('case_id', '=', caseId).orderBy('listed_at').execute()
}

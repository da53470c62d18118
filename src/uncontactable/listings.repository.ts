import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { addBusinessDays, addCalendarDays, japanDate, startOfJapanDay, addMonths } from '../platform/calendar/business-days.js'

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
  product: { name: string; versions: string } | null
}

const LIVE_COLUMNS = ['id', 'developer_name_ja', 'developer_name_en', 'product_name', 'product_versions', 'listed_at', 'details_recorded_at'] as const

type LiveRow = { id: string; developer_name_ja: string; developer_name_en: string; product_name: string; product_versions: string; listed_at: Date; details_recorded_at: Date | null }

const toPublic = (r: LiveRow, rule: DetailsRule, now: Date): PublicListing => ({
  id: r.id,
  developer: { ja: r.developer_name_ja, en: r.developer_name_en },
  listedAt: r.listed_at,
  product: detailsVisible(r, rule, now) ? { name: r.product_name, versions: r.product_versions } : null,
})

/** The public list (連絡不能開発者一覧): live listings from their listing time, newest first. */
export async function listPublicListings(db: DB, now: Date): Promise<PublicListing[]> {
  const rule = await loadDetailsRule(db)
  const rows = await db.selectFrom('uncontactable_listings').select(LIVE_COLUMNS)
    .where('ended_at', 'is', null).where('listed_at', '<=', now).orderBy('listed_at', 'desc').orderBy('id').execute()
  return rows.map((r) => toPublic(r, rule, now))
}

/** One live listing as the public sees it; null for an unknown or ended one. */
export async function findPublicListing(db: DB, now: Date, id: string): Promise<PublicListing | null> {
  const row = await db.selectFrom('uncontactable_listings').select(LIVE_COLUMNS)
    .where('id', '=', id).where('ended_at', 'is', null).where('listed_at', '<=', now).executeTakeFirst()
  return row ? toPublic(row, await loadDetailsRule(db), now) : null
}

/** Every listing of a case, live and ended, for coordinators. */
export async function listCaseListings(db: DB, caseId: string) {
  return db.selectFrom('uncontactable_listings').selectAll().where('case_id', '=', caseId).orderBy('listed_at').execute()
}

import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import type { AlertReference, AlertStatus } from './alerts.tables.js'

type Localized = { ja: string; en: string }

export type AlertRecord = {
  id: string
  identifier: string | null
  status: AlertStatus
  title: Localized
  body: Localized
  vulnerabilityType: string | null
  references: AlertReference[]
  publishedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export type AlertRevision = { id: string; revisedAt: Date; note: Localized }

/** The text of an alert as written: what drafting, editing and revising store. */
export type AlertContent = Pick<AlertRecord, 'title' | 'body' | 'vulnerabilityType' | 'references'>

const COLUMNS = [
  'alerts.id', 'alerts.identifier', 'alerts.status', 'alerts.title_ja', 'alerts.title_en', 'alerts.body_ja', 'alerts.body_en',
  'alerts.vulnerability_type', 'alerts.reference_links', 'alerts.published_at', 'alerts.created_at', 'alerts.updated_at',
] as const

type AlertRow = {
  id: string; identifier: string | null; status: AlertStatus; title_ja: string; title_en: string; body_ja: string; body_en: string
  vulnerability_type: string | null; reference_links: unknown; published_at: Date | null; created_at: Date; updated_at: Date
}

const readReferences = (v: unknown): AlertReference[] => {
  const parsed = typeof v === 'string' ? JSON.parse(v) as unknown : v
  return Array.isArray(parsed) ? parsed as AlertReference[] : []
}

const toRecord = (r: AlertRow): AlertRecord => ({
  id: r.id,
  identifier: r.identifier,
  status: r.status,
  title: { ja: r.title_ja, en: r.title_en },
  body: { ja: r.body_ja, en: r.body_en },
  vulnerabilityType: r.vulnerability_type,
  references: readReferences(r.reference_links),
  publishedAt: r.published_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const contentColumns = (c: AlertContent) => ({
  title_ja: c.title.ja, title_en: c.title.en, body_ja: c.body.ja, body_en: c.body.en,
  vulnerability_type: c.vulnerabilityType, reference_links: JSON.stringify(c.references),
})

/**
 * THE visibility rule for alerts (DESIGN §5): an alert is public iff it is published and its
 * publication time has come. Every public surface — pages, feed, API, sitemap — starts here.
 */
export function publicAlerts(db: DB, now: Date) {
  return db.selectFrom('alerts').where('alerts.status', '=', 'published').where('alerts.published_at', '<=', now)
}

/** The next time an alert becomes public by its date alone. */
export async function nextAlertPublication(db: DB, now: Date): Promise<Date | null> {
  const row = await db.selectFrom('alerts').select('published_at').where('status', '=', 'published').where('published_at', '>', now)
    .orderBy('published_at').limit(1).executeTakeFirst()
  return row?.published_at ?? null
}

export async function insertAlert(trx: DB, a: { id: string; content: AlertContent; userId: string; now: Date }) {
  await trx.insertInto('alerts').values({
    id: a.id, status: 'draft', ...contentColumns(a.content), created_by: a.userId, created_at: a.now, updated_at: a.now,
  }).execute()
}

export async function updateAlertContent(trx: DB, id: string, content: AlertContent, now: Date) {
  await trx.updateTable('alerts').set({ ...contentColumns(content), updated_at: now }).where('id', '=', id).execute()
}

export async function markPublished(trx: DB, id: string, p: { identifier: string; now: Date; userId: string }) {
  await trx.updateTable('alerts').set({ status: 'published', identifier: p.identifier, published_at: p.now, published_by: p.userId, updated_at: p.now })
    .where('id', '=', id).execute()
}

/** One alert by id, draft or published (staff); `lock` holds the row for the rest of the transaction. */
export async function findAlert(db: DB, id: string, opts: { lock?: boolean } = {}): Promise<AlertRecord | null> {
  let q = db.selectFrom('alerts').select(COLUMNS).where('alerts.id', '=', id)
  if (opts.lock) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  return row ? toRecord(row) : null
}

/** Every alert for staff: drafts first (newest edit first), then published ones, newest first. */
export async function listAllAlerts(db: DB): Promise<AlertRecord[]> {
  const rows = await db.selectFrom('alerts').select(COLUMNS)
    .orderBy(sql`alerts.published_at desc nulls first`).orderBy('alerts.updated_at', 'desc').execute()
  return rows.map(toRecord)
}

/** Public alerts, newest publication first. One extra row tells whether a next page exists. */
export async function listPublicAlerts(db: DB, now: Date, page: { limit: number; offset: number }): Promise<{ items: AlertRecord[]; hasMore: boolean }> {
  const rows = await publicAlerts(db, now).select(COLUMNS)
    .orderBy('alerts.published_at', 'desc').orderBy('alerts.identifier', 'desc').limit(page.limit + 1).offset(page.offset).execute()
  return { items: rows.slice(0, page.limit).map(toRecord), hasMore: rows.length > page.limit }
}

/** One public alert by identifier, or null when there is none the public may see. */
export async function findPublicAlert(db: DB, now: Date, identifier: string): Promise<AlertRecord | null> {
  const row = await publicAlerts(db, now).select(COLUMNS).where('alerts.identifier', '=', identifier).executeTakeFirst()
  return row ? toRecord(row) : null
}

/**
 * The next `KKA-YYYY-NNNN` for a Japan year, drawn inside the publishing transaction: the upsert
 * takes the counter row's lock, so concurrent publications get consecutive numbers, and a rolled
 * back publication gives its number back.
 */
export async function nextIdentifier(trx: DB, year: number): Promise<string> {
  const row = await trx.insertInto('alert_identifier_counters').values({ year, last_number: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_number: eb('alert_identifier_counters.last_number', '+', 1) })))
    .returning('last_number').executeTakeFirstOrThrow()
  return `KKA-${year}-${String(row.last_number).padStart(4, '0')}`
}

export async function insertRevision(trx: DB, r: { id: string; alertId: string; at: Date; userId: string; noteJa: string; noteEn: string }) {
  await trx.insertInto('alert_revisions').values({
    id: r.id, alert_id: r.alertId, revised_at: r.at, revised_by: r.userId, note_ja: r.noteJa, note_en: r.noteEn,
  }).execute()
}

export async function listRevisions(db: DB, alertId: string): Promise<AlertRevision[]> {
  const rows = await db.selectFrom('alert_revisions').select(['id', 'revised_at', 'note_ja', 'note_en'])
    .where('alert_id', '=', alertId).orderBy('revised_at').orderBy('id').execute()
  return rows.map((r) => ({ id: r.id, revisedAt: r.revised_at, note: { ja: r.note_ja, en: r.note_en } }))
}

/** The latest revision time of each alert (the feed's and sitemap's modified dates), in one query. */
export async function latestRevisionTimes(db: DB, alertIds: string[]): Promise<Map<string, Date>> {
  if (alertIds.length === 0) return new Map()
  const rows = await db.selectFrom('alert_revisions').select(['alert_id', (eb) => eb.fn.max('revised_at').as('latest')])
    .where('alert_id', 'in', alertIds).groupBy('alert_id').execute()
  return new Map(rows.map((r) => [r.alert_id, new Date(r.latest as Date)]))
}

/**
 * Published alerts for the sitemap, newest first, each with its last change (publication or latest
 * revision) — one query, however many there are.
 */
export async function publicAlertLocations(db: DB, now: Date, limit: number): Promise<Array<{ identifier: string; lastModified: Date }>> {
  if (limit <= 0) return []
  const rows = await publicAlerts(db, now)
    .leftJoin(
      (eb) => eb.selectFrom('alert_revisions').select(['alert_id', (e) => e.fn.max('revised_at').as('latest')]).groupBy('alert_id').as('r'),
      (join) => join.onRef('r.alert_id', '=', 'alerts.id'),
    )
    .select(['alerts.identifier', 'alerts.published_at', 'r.latest'])
    .orderBy('alerts.published_at', 'desc').orderBy('alerts.identifier', 'desc').limit(limit).execute()
  return rows.map((r) => {
    const published = r.published_at!
    const latest = r.latest ? new Date(r.latest as Date) : null
    return { identifier: r.identifier!, lastModified: latest && latest > published ? latest : published }
  })
}

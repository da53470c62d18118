import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import type { CvssSeverity, Localized } from '../advisories/index.js'

/** A month of publications in Japan time, `2026-04`. */
export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** The month (Japan time) an instant falls in: the archive page that lists an advisory published then. */
export function monthOf(d: Date): string {
  return new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 7)
}

/** The instants a Japan-time month starts and ends. */
function monthRange(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return { start: new Date(Date.UTC(y, m - 1, 1) - 9 * 3600_000), end: new Date(Date.UTC(y, m, 1) - 9 * 3600_000) }
}

/** Every month that holds a public advisory, newest first, with how many it holds. */
export async function archiveMonths(db: DB, now: Date): Promise<Array<{ month: string; count: number }>> {
  const month = sql<string>`to_char(advisories.publish_at at time zone 'Asia/Tokyo', 'YYYY-MM')`
  const rows = await publicAdvisories(db, now).where('advisories.identifier', 'is not', null)
    .select([month.as('month'), (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(month).orderBy(month, 'desc').execute()
  return rows.map((r) => ({ month: r.month, count: Number(r.n) }))
}

export type ArchiveEntry = { identifier: string; title: Localized; severity: CvssSeverity | null; publishedAt: Date }

/** The public advisories published in one month, newest first: only what the list shows, not whole records. */
export async function archiveEntries(db: DB, now: Date, month: string): Promise<ArchiveEntry[]> {
  const { start, end } = monthRange(month)
  const rows = await publicAdvisories(db, now).where('advisories.identifier', 'is not', null)
    .where('advisories.publish_at', '>=', start).where('advisories.publish_at', '<', end)
    .select([
      'advisories.identifier', 'advisories.publish_at',
      sql<Localized>`advisories.content->'title'`.as('title'),
      sql<CvssSeverity | null>`advisories.content->>'severity'`.as('severity'),
    ])
    .orderBy('advisories.publish_at', 'desc').orderBy('advisories.identifier', 'desc').execute()
  return rows.map((r) => ({
    identifier: r.identifier!,
    title: typeof r.title === 'string' ? JSON.parse(r.title) as Localized : r.title,
    severity: r.severity,
    publishedAt: new Date(r.publish_at!),
  }))
}

import type { DB } from '../platform/db/database.js'

/**
 * THE visibility rule (DESIGN §5): an advisory is public iff it is scheduled or published and its
 * publication time has come. Every public query — portal, search, feeds, API, and whatever export
 * comes next — starts from this one function, so an advisory appears exactly at its time (even
 * before the publication worker has run) and never a moment earlier.
 */
export function publicAdvisories(db: DB, now: Date) {
  return db.selectFrom('advisories')
    .where('advisories.status', 'in', ['scheduled', 'published'])
    .where('advisories.publish_at', '<=', now)
}

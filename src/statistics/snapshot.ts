import { sql } from 'kysely'
import type { DB } from '../platform/db/database.js'
import { currentSnapshot, foldEvents, rebuildGroups, withWorkMemory } from './case-states.repository.js'
import { PRODUCT_GROUPS } from './product-figures.repository.js'
import { WEBSITE_GROUPS } from './website-figures.repository.js'

/**
 * Moves the statistics snapshot forward to `cutoff` (never back): folds the events it has not
 * seen into the states of their cases and regroups the states as the product and website figures
 * count them, in one transaction, so a report never sees states and groups of two snapshots.
 * The first build replays the whole log. Returns the number of cases whose state changed (0 when
 * the snapshot is already there).
 */
export async function advanceSnapshot(db: DB, cutoff: Date, now: Date): Promise<number> {
  const seen = await currentSnapshot(db)
  if (seen && seen.cutoff >= cutoff) return 0 // the job's usual tick: one row read, no lock
  const changed = await db.transaction().execute(async (trx) => {
    await withWorkMemory(trx)
    const n = await foldEvents(trx, cutoff, now)
    if (n >= 0) for (const groups of [PRODUCT_GROUPS, WEBSITE_GROUPS]) await rebuildGroups(trx, groups)
    return n
  })
  // fresh statistics and visibility map: the reports' plans and index-only scans depend on them
  if (changed >= 0) await sql`vacuum (analyze) statistics_case_states`.execute(db)
  return Math.max(changed, 0)
}

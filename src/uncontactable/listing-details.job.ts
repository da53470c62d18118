import type { Deps } from '../platform/http/context.js'
import { appendEvent, systemActor } from '../cases/case-events.js'
import { detailsPublicAt, loadDetailsRule } from './listings.repository.js'

const BATCH = 100

/**
 * Records, once per listing, that its product name and versions became public
 * (`listing_details_published`), for the timeline and the statistics. The public list never waits
 * for this: it computes visibility from the listing time (see `detailsPublicAt`), so a late or
 * restarted worker changes nothing anyone sees. Each listing is claimed in its own transaction
 * with `FOR UPDATE SKIP LOCKED` and re-checked, so two processes never record one twice.
 * Returns how many it recorded.
 */
export async function recordDueListingDetails(deps: Deps): Promise<number> {
  const { db, clock } = deps
  const now = clock.now()
  const rule = await loadDetailsRule(db)
  // Live listings are few (the real programme had under 200), so the due test runs here, exactly.
  const pending = await db.selectFrom('uncontactable_listings').select(['id', 'listed_at'])
    .where('ended_at', 'is', null).where('details_recorded_at', 'is', null).orderBy('listed_at').execute()
  const due = pending.filter((l) => detailsPublicAt(l.listed_at, rule).getTime() <= now.getTime()).slice(0, BATCH)
  let recorded = 0
  for (const { id } of due) {
    const done = await db.transaction().execute(async (trx) => {
      const listing = await trx.selectFrom('uncontactable_listings').select(['id', 'case_id', 'party_id', 'listed_at'])
        .where('id', '=', id).where('ended_at', 'is', null).where('details_recorded_at', 'is', null)
        .forUpdate().skipLocked().executeTakeFirst()
      if (!listing) return false
      const at = clock.now()
      await trx.updateTable('uncontactable_listings').set({ details_recorded_at: at }).where('id', '=', id).execute()
      await appendEvent(trx, {
        caseId: listing.case_id, type: 'listing_details_published', actor: systemActor, at,
        data: { listingId: id, partyId: listing.party_id, detailsPublicAt: detailsPublicAt(listing.listed_at, rule).toISOString() },
      })
      return true
    })
    if (done) recorded++
  }
  return recorded
}

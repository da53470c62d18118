import type { Deps } from '../platform/http/context.js'
import { appendEvent, systemActor } from '../cases/case-events.js'
import { committeePublications } from './listings.repository.js'

const BATCH = 100

/**
 * Records, once per listing, that it ended because the committee's advisory for its case was
 * published (`listing_ended` with `reason: 'published_by_committee'`): `ended_at` is the
 * publication time, `ended_by_advisory_id` the advisory, and the event is what the statistics count
 * as "published by committee" rather than "still uncontactable". The public list never waits for
 * this — it leaves the list from the advisory's publication time by the visibility rule — so a
 * late or restarted worker changes nothing anyone sees. Each listing is claimed with
 * `FOR UPDATE SKIP LOCKED` and re-checked, so two processes never record one twice.
 */
export async function recordCommitteePublishedListings(deps: Deps): Promise<number> {
  const { db, clock } = deps
  const due = await db.selectFrom('uncontactable_listings')
    .innerJoin(committeePublications(db, clock.now()).select(['advisories.case_id', 'advisories.id as advisory_id']).as('p'), 'p.case_id', 'uncontactable_listings.case_id')
    .select('uncontactable_listings.id').where('uncontactable_listings.ended_at', 'is', null)
    .orderBy('uncontactable_listings.listed_at').limit(BATCH).execute()
  let recorded = 0
  for (const { id } of due) {
    const done = await db.transaction().execute(async (trx) => {
      const at = clock.now()
      const listing = await trx.selectFrom('uncontactable_listings').select(['id', 'case_id', 'party_id'])
        .where('id', '=', id).where('ended_at', 'is', null).forUpdate().skipLocked().executeTakeFirst()
      if (!listing) return false
      const publication = await committeePublications(trx, at)
        .select(['advisories.id', 'advisories.identifier', 'advisories.publish_at', 'committee_decisions.id as decision_id', 'committee_decisions.referral_id'])
        .where('advisories.case_id', '=', listing.case_id).executeTakeFirst()
      if (!publication) return false
      await trx.updateTable('uncontactable_listings')
        .set({ ended_at: publication.publish_at!, end_reason: 'published_by_committee', ended_by: null, ended_by_advisory_id: publication.id })
        .where('id', '=', id).execute()
      await appendEvent(trx, {
        caseId: listing.case_id, type: 'listing_ended', actor: systemActor, at,
        data: {
          listingId: id, partyId: listing.party_id, reason: 'published_by_committee', advisoryId: publication.id, identifier: publication.identifier,
          publishedAt: publication.publish_at!.toISOString(), referralId: publication.referral_id, decisionId: publication.decision_id,
        },
      })
      return true
    })
    if (done) recorded++
  }
  return recorded
}

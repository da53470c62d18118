import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { tokyoDate } from '../platform/i18n/index.js'
import { changeCase, transitionProductCase, type Actor } from '../cases/case-events.js'
import { notifyFinders } from '../cases/finder-mail.js'
import { withdrawActiveReferral } from '../committee/index.js'
import { uncontactableErrors } from './uncontactable.errors.js'

/**
 * Ends live listings (of one developer, or all of the case): they leave the public list and stay
 * in the case's history with the end date and reason; each developer goes back to where it was
 * (notified if it ever was, else being contacted).
 */
async function endListings(trx: DB, input: { caseId: string; partyId?: string | undefined; reason: string; actor: Actor; now: Date }): Promise<string[]> {
  let q = trx.selectFrom('uncontactable_listings').select(['id', 'party_id']).where('case_id', '=', input.caseId).where('ended_at', 'is', null)
  if (input.partyId) q = q.where('party_id', '=', input.partyId)
  const live = await q.forUpdate().execute()
  for (const l of live) {
    await trx.updateTable('uncontactable_listings').set({ ended_at: input.now, end_reason: input.reason, ended_by: input.actor.user?.id ?? null }).where('id', '=', l.id).execute()
    const party = await trx.selectFrom('case_parties').select('notified_at').where('id', '=', l.party_id).executeTakeFirstOrThrow()
    await trx.updateTable('case_parties').set({ status: party.notified_at ? 'notified' : 'contacting' }).where('id', '=', l.party_id).where('status', '=', 'uncontactable').execute()
  }
  return live.map((l) => l.id)
}

/**
 * 調整再開: the developer has appeared. From `uncontactable` or `committee_review` the case goes
 * back to developer_notified (`resume_coordination`) with its whole history kept: listings end,
 * an open committee referral is withdrawn, and if the case never had a 起算日 this day becomes it
 * (finders are told, as on a first notification). In a multi-vendor case that goes on, only the
 * listing of `partyId` ends (`party_contact_resumed`).
 */
export async function resumeCoordination(deps: Deps, input: { caseId: string; actor: Actor; reason: string; partyId?: string | undefined }): Promise<{ caseStatus: string; endedListingIds: string[] }> {
  const reason = input.reason.trim()
  if (!reason) throw errors.invalidInput({ fields: { reason: 'Required.' } })
  const kase = await deps.db.selectFrom('cases').select(['status', 'start_date', 'kind']).where('id', '=', input.caseId).executeTakeFirst()
  if (!kase || kase.kind !== 'product') throw errors.notFound()
  if (input.partyId) {
    const party = await deps.db.selectFrom('case_parties').select('id').where('id', '=', input.partyId).where('case_id', '=', input.caseId).executeTakeFirst()
    if (!party) throw errors.notFound()
  }

  if (kase.status === 'uncontactable' || kase.status === 'committee_review') {
    const startDate = kase.start_date ?? tokyoDate(deps.clock.now())
    const r = await transitionProductCase(deps.db, {
      caseId: input.caseId, action: 'resume_coordination', actor: input.actor, clock: deps.clock,
      changes: kase.start_date ? undefined : { start_date: startDate },
      data: { reason, ...(input.partyId && { partyId: input.partyId }), ...(!kase.start_date && { startDate }) },
      apply: async (trx, { now }) => {
        const endedListingIds = await endListings(trx, { ...input, reason, now })
        const withdrawnReferralId = await withdrawActiveReferral(trx, { caseId: input.caseId, now, reason })
        if (!kase.start_date) await notifyFinders(deps, trx, input.caseId, 'start_date', now, { startDate })
        return { endedListingIds, withdrawnReferralId }
      },
    })
    return { caseStatus: r.to, endedListingIds: r.result!.endedListingIds }
  }

  if (!input.partyId) throw uncontactableErrors.notListed()
  const r = await changeCase(deps.db, {
    caseId: input.caseId, type: 'party_contact_resumed', actor: input.actor, clock: deps.clock,
    apply: async (trx, { now }) => {
      const endedListingIds = await endListings(trx, { ...input, reason, now })
      if (endedListingIds.length === 0) throw uncontactableErrors.notListed()
      return { partyId: input.partyId!, reason, endedListingIds }
    },
  })
  return { caseStatus: kase.status, endedListingIds: r.endedListingIds }
}

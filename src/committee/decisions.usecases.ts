import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { newId } from '../platform/secrets.js'
import { appendEvent, transitionProductCase, type Actor } from '../cases/case-events.js'
import { invalidTransition } from '../cases/transition-table.js'
import { saveAdvisoryDraft, scheduleAdvisory } from '../advisories/index.js'
import { findAdvisoryByCase } from '../advisories/index.js'
import { missingForPublication } from '../advisories/index.js'
import { advisoryErrors } from '../advisories/index.js'
import { committeeErrors } from './committee.errors.js'
import type { DecisionInput } from './committee.schemas.js'
import { ACTIVE_REFERRAL, requireReferral } from './referrals.repository.js'

export type DecisionResult = { decisionId: string; decision: 'publish' | 'keep_waiting'; advisoryId?: string; identifier?: string; publishAt?: string }

async function countVotes(db: DB, referralId: string): Promise<number> {
  const row = await db.selectFrom('committee_votes').select((eb) => eb.fn.countAll<number>().as('n')).where('referral_id', '=', referralId).executeTakeFirstOrThrow()
  return Number(row.n)
}

async function insertDecision(trx: DB, d: { referralId: string; meetingId: string | null; decision: 'publish' | 'keep_waiting'; reasons: string; actor: Actor; now: Date; advisoryId?: string; publishAt?: Date }) {
  const id = newId()
  await trx.insertInto('committee_decisions').values({
    id, referral_id: d.referralId, meeting_id: d.meetingId, decision: d.decision, reasons: d.reasons, decided_by: d.actor.user!.id,
    decided_at: d.now, advisory_id: d.advisoryId ?? null, publish_at: d.publishAt ?? null,
  }).execute()
  // A decision answers an urgency: the urgent clock stops ('decided'); a referral kept waiting is ordinary again.
  await trx.updateTable('committee_referrals').set({ status: d.decision, decided_at: d.now, urgent_since: null, urgency_reason: null }).where('id', '=', d.referralId).execute()
  return id
}

/**
 * The committee's decision on a referral, with reasons, recorded by a coordinator (the committee's
 * secretariat, who carries it out) or by the chair of a meeting that discussed it — the routes
 * decide who may; at least one member must have voted.
 *
 * - keep waiting: `committee_keep_waiting` (the case stays before the committee; a later
 *   decision may follow).
 * - publish (連絡不能公表 / 調整不能公表): the advisory — written without the developer, usually
 *   telling users to stop using the product (利用中止) — is saved from `advisory` when given, must
 *   be complete, and is scheduled for `publishAt` (`schedule_publication` from committee_review);
 *   then `committee_decision` is recorded with `decidedByCommittee: true`, which is what the
 *   statistics count as "published by committee decision". Scheduling runs first so that a
 *   refused advisory leaves no decision behind; the case lock makes a second, concurrent decision fail.
 */
export async function decideReferral(deps: Deps, input: { referralId: string; actor: Actor; meetingId?: string | null | undefined } & Omit<DecisionInput, 'meetingId'>): Promise<DecisionResult> {
  const referral = await requireReferral(deps.db, input.referralId)
  if (!ACTIVE_REFERRAL.includes(referral.status)) throw committeeErrors.notActive()
  if (await countVotes(deps.db, input.referralId) === 0) throw committeeErrors.noVotes()
  const meetingId = input.meetingId ?? null
  const caseId = referral.case_id
  if (meetingId) {
    const discussed = await deps.db.selectFrom('committee_meeting_referrals').select('meeting_id')
      .where('meeting_id', '=', meetingId).where('referral_id', '=', input.referralId).executeTakeFirst()
    if (!discussed) throw committeeErrors.invalidMeeting('meetingId', 'That meeting did not discuss this referral.')
  }

  if (input.decision === 'keep_waiting') {
    const r = await transitionProductCase(deps.db, {
      caseId, action: 'committee_keep_waiting', actor: input.actor, clock: deps.clock,
      data: { referralId: input.referralId, decision: 'keep_waiting', reasons: input.reasons, meetingId },
      apply: async (trx, { now }) => {
        const current = await requireReferral(trx, input.referralId, { lock: true })
        if (!ACTIVE_REFERRAL.includes(current.status)) throw committeeErrors.notActive()
        return { decisionId: await insertDecision(trx, { referralId: input.referralId, meetingId, decision: 'keep_waiting', reasons: input.reasons, actor: input.actor, now }) }
      },
    })
    return { decisionId: r.result!.decisionId, decision: 'keep_waiting' }
  }

  if (!input.publishAt) throw committeeErrors.publishAtRequired()
  const publishAt = input.publishAt
  if (input.publishAt.getTime() < deps.clock.now().getTime() - 60_000) throw advisoryErrors.publishAtPast()
  const kase = await deps.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()
  if (kase.status !== 'committee_review') throw invalidTransition('schedule_publication', kase.status)
  if (input.advisory) await saveAdvisoryDraft(deps, { caseId, actor: input.actor, draft: input.advisory })
  const draft = await findAdvisoryByCase(deps.db, caseId)
  if (!draft) throw committeeErrors.noDraft()
  const missing = missingForPublication(draft.content)
  if (Object.keys(missing).length) throw advisoryErrors.incomplete(missing)

  // The decision and the scheduling are one change: one transaction, and the schedule_publication
  // event itself says the committee decided it (statistics count "published by committee decision").
  let decisionId = ''
  const scheduled = await scheduleAdvisory(deps, {
    caseId, actor: input.actor, publishAt,
    also: async (trx, { advisoryId, identifier, now }) => {
      await requireReferral(trx, input.referralId, { lock: true })
      decisionId = await insertDecision(trx, {
        referralId: input.referralId, meetingId, decision: 'publish', reasons: input.reasons, actor: input.actor, now,
        advisoryId, publishAt,
      })
      await appendEvent(trx, {
        caseId, type: 'committee_decision', actor: input.actor, at: now,
        data: {
          referralId: input.referralId, decisionId, decision: 'publish', decidedByCommittee: true, referralReason: referral.reason,
          reasons: input.reasons, meetingId, advisoryId, identifier, publishAt: publishAt.toISOString(),
        },
      })
      return { decidedByCommittee: true, referralId: input.referralId, decisionId }
    },
  })
  return { decisionId, decision: 'publish', advisoryId: scheduled.advisoryId, identifier: scheduled.identifier, publishAt: scheduled.publishAt.toISOString() }
}

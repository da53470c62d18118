import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { changeCase, type Actor } from '../cases/case-events.js'
import { uncontactableErrors } from './uncontactable.errors.js'
import type { TipHandlingInput } from './uncontactable.schemas.js'
import type { TipOutcome } from './uncontactable.tables.js'

/** A tip as coordinators see it, with its handling (who and when) when there is one. */
export type CaseTip = {
  id: string; listingId: string; name: string; email: string; message: string; createdAt: Date
  handling: { at: Date; by: string | null; outcome: TipOutcome; note: string } | null
}

/** Which case a tip belongs to (for the access check), or null when there is no such tip. */
export async function tipCaseId(db: DB, tipId: string): Promise<string | null> {
  const tip = await db.selectFrom('uncontactable_tips').select('case_id').where('id', '=', tipId).executeTakeFirst()
  return tip?.case_id ?? null
}

/** The case's tips, newest first, with the handler's display name. */
export async function listCaseTipsWithHandling(db: DB, caseId: string): Promise<CaseTip[]> {
  const rows = await db.selectFrom('uncontactable_tips').leftJoin('users', 'users.id', 'uncontactable_tips.handled_by')
    .select(['uncontactable_tips.id', 'listing_id', 'uncontactable_tips.name', 'uncontactable_tips.email', 'message', 'uncontactable_tips.created_at',
      'handled_at', 'handling_outcome', 'handling_note', 'users.display_name as handler_name'])
    .where('uncontactable_tips.case_id', '=', caseId).orderBy('uncontactable_tips.created_at', 'desc').orderBy('uncontactable_tips.id').execute()
  return rows.map((r) => ({
    id: r.id, listingId: r.listing_id, name: r.name, email: r.email, message: r.message, createdAt: r.created_at,
    handling: r.handled_at && r.handling_outcome
      ? { at: r.handled_at, by: r.handler_name ?? null, outcome: r.handling_outcome, note: r.handling_note ?? '' }
      : null,
  }))
}

/** How many of the case's tips no coordinator has handled yet. */
export async function countOpenTips(db: DB, caseId: string): Promise<number> {
  const r = await db.selectFrom('uncontactable_tips').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('case_id', '=', caseId).where('handled_at', 'is', null).executeTakeFirstOrThrow()
  return Number(r.n)
}

/**
 * A coordinator marks a tip from the public handled, with what came of it and a note. The handling
 * is recorded on the tip and logged as an `uncontactable_tip_handled` case event (without the note
 * or the tip's text: the event log is read more widely than the tips). A tip is handled once:
 * a second attempt is 409 `uncontactable.tip_already_handled`; an unknown tip is 404.
 */
export async function handleTip(deps: Deps, input: { tipId: string; actor: Actor } & TipHandlingInput): Promise<{ tipId: string; outcome: TipOutcome; handledAt: string }> {
  const caseId = await tipCaseId(deps.db, input.tipId)
  if (!caseId) throw errors.notFound()
  return changeCase(deps.db, {
    caseId, type: 'uncontactable_tip_handled', actor: input.actor, clock: deps.clock,
    apply: async (trx, { now }) => {
      // Under the case lock: of two coordinators handling the same tip at once, the second gets 409.
      const updated = await trx.updateTable('uncontactable_tips')
        .set({ handled_at: now, handled_by: input.actor.user?.id ?? null, handling_outcome: input.outcome, handling_note: input.note })
        .where('id', '=', input.tipId).where('handled_at', 'is', null).executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 0) throw uncontactableErrors.tipAlreadyHandled()
      return { tipId: input.tipId, outcome: input.outcome, handledAt: now.toISOString() }
    },
  })
}

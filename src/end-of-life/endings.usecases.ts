import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { japanDate } from '../platform/calendar/business-days.js'
import { transitionProductCase, type Actor } from '../cases/case-events.js'
import type { ProductCaseStatus } from '../cases/product-case.transitions.js'
import type { EndingInput } from './end-of-life.schemas.js'
import { endOfLifeErrors } from './end-of-life.errors.js'
import { mailFindersOutcome } from './finder-outcome.mail.js'

export type EndingResult = { status: ProductCaseStatus; endedOn: string; closedAt: Date }

type Ending = {
  caseId: string
  actor: Actor
  ending: EndingInput
  /** More of the same change, inside the transaction after the case row is locked (e.g. recording EoL handling A). */
  also?: (trx: DB, now: Date) => Promise<Record<string, unknown> | void>
}

/**
 * 個別対応: the developer informs its users itself and no public advisory is published. The case
 * closes as handled_individually with the date it took effect and the coordinator's note; every
 * finder of the case is told by mail.
 */
export async function handleIndividually(deps: Deps, input: Ending): Promise<EndingResult> {
  return endCase(deps, 'handle_individually', 'handled_individually', input)
}

/**
 * Closes a case whose impact was judged small after the developer was notified (EoL case A, or any
 * case), with the date and the coordinator's note; every finder of the case is told by mail.
 */
export async function closeLowImpact(deps: Deps, input: Ending): Promise<EndingResult> {
  return endCase(deps, 'close_low_impact', 'closed_low_impact', input)
}

async function endCase(deps: Deps, action: 'handle_individually' | 'close_low_impact', what: 'handled_individually' | 'closed_low_impact', input: Ending): Promise<EndingResult> {
  const today = japanDate(deps.clock.now())
  const endedOn = input.ending.date ?? today
  // A closure records what happened, not a plan: a future date would make the statistics lie.
  if (endedOn > today) throw endOfLifeErrors.dateInFuture('date')
  const { to, result } = await transitionProductCase(deps.db, {
    caseId: input.caseId, action, actor: input.actor, clock: deps.clock,
    data: { date: endedOn, note: input.ending.note },
    apply: async (trx, { now }) => {
      const extra = input.also ? await input.also(trx, now) : undefined
      await trx.updateTable('cases').set({ ended_on: endedOn, ending_note: input.ending.note || null, closed_at: now }).where('id', '=', input.caseId).execute()
      const findersMailed = await mailFindersOutcome(trx, deps.config, { caseId: input.caseId, what, now, date: endedOn })
      return { ...extra, findersMailed, closedAt: now.toISOString() }
    },
  })
  return { status: to, endedOn, closedAt: new Date(result!.closedAt) }
}

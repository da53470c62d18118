import type { Deps } from '../platform/http/context.js'
import { AppError } from '../platform/errors.js'
import type { Actor } from '../cases/case-events.js'
import { remindOperator } from './website-cases.usecases.js'

/** Why a selected case got no reminder. */
export const REMINDER_SKIP_REASONS = ['not_found', 'not_website', 'not_open'] as const
export type ReminderSkipReason = (typeof REMINDER_SKIP_REASONS)[number]

export type LongRunningReminders = {
  reminded: { caseId: string; recipients: number }[]
  skipped: { caseId: string; reason: ReminderSkipReason }[]
}

/**
 * Staff remind the operators of the selected website cases to report their fix (取扱いが長期化):
 * each case through `remindOperator` — its own transaction, its own `remind_operator` event and
 * mail to the operator's members and open invitations. A case that is not a website case, or no
 * longer waits on its operator, is skipped with the reason, so one stale selection does not stop
 * the others.
 */
export async function remindLongRunningOperators(deps: Deps, input: { caseIds: readonly string[]; actor: Actor; note?: string }): Promise<LongRunningReminders> {
  const out: LongRunningReminders = { reminded: [], skipped: [] }
  for (const caseId of [...new Set(input.caseIds)]) {
    const kase = await deps.db.selectFrom('cases').select(['kind', 'status']).where('id', '=', caseId).executeTakeFirst()
    const reason: ReminderSkipReason | null = !kase ? 'not_found' : kase.kind !== 'website' ? 'not_website' : kase.status !== 'operator_notified' ? 'not_open' : null
    if (reason) {
      out.skipped.push({ caseId, reason })
      continue
    }
    try {
      const { reminded } = await remindOperator(deps, { caseId, actor: input.actor, note: input.note })
      out.reminded.push({ caseId, recipients: reminded })
    } catch (e) {
      // The case ended between the check and the lock: the transition table refused it.
      if (e instanceof AppError && e.status === 409) out.skipped.push({ caseId, reason: 'not_open' })
      else throw e
    }
  }
  return out
}

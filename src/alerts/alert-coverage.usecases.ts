import type { Deps } from '../platform/http/context.js'
import { AppError, errors } from '../platform/errors.js'
import type { Actor } from '../cases/case-events.js'
import { OPEN_WEBSITE_STATUSES } from '../cases/website-case.transitions.js'
import { closeByAlert } from '../websites/index.js'
import { alertErrors } from './alerts.errors.js'
import { findAlert } from './alerts.repository.js'
import { coverageOf, coveredCaseStatuses, deleteCoverage, insertCoverage, lockOpenWebsiteCases } from './alert-cases.repository.js'

const isOpen = (status: string) => (OPEN_WEBSITE_STATUSES as readonly string[]).includes(status)

async function existingAlert(db: Deps['db'], alertId: string) {
  const alert = await findAlert(db, alertId)
  if (!alert) throw errors.notFound()
  return alert
}

/**
 * Records that an alert (draft or published) covers these website cases. Only open cases —
 * accepted or operator notified — can be covered; one that is not refuses the whole request with
 * 409 `alerts.case_not_coverable` and nothing is written. Covering a case twice changes nothing.
 */
export async function coverCases(deps: Deps, input: { alertId: string; caseIds: string[]; actor: Actor }): Promise<{ added: number }> {
  if (!input.actor.user) throw errors.forbidden()
  const userId = input.actor.user.id
  await existingAlert(deps.db, input.alertId)
  const caseIds = [...new Set(input.caseIds)]
  return deps.db.transaction().execute(async (trx) => {
    const open = new Set(await lockOpenWebsiteCases(trx, caseIds))
    const refused = caseIds.filter((id) => !open.has(id))
    if (refused.length) throw alertErrors.notCoverable(refused)
    return { added: await insertCoverage(trx, input.alertId, caseIds, { userId, now: deps.clock.now() }) }
  })
}

/**
 * Takes cases off an alert's coverage (a case ticked by mistake). A case the alert already closed
 * keeps its link — it is the record of why the case ended — so it, like a case not covered at
 * all, refuses the request with 409 `alerts.case_not_covered`, nothing removed.
 */
export async function uncoverCases(deps: Deps, input: { alertId: string; caseIds: string[]; actor: Actor }): Promise<{ removed: number }> {
  if (!input.actor.user) throw errors.forbidden()
  await existingAlert(deps.db, input.alertId)
  const caseIds = [...new Set(input.caseIds)]
  return deps.db.transaction().execute(async (trx) => {
    const coverage = await coverageOf(trx, input.alertId, caseIds)
    const removable = new Set(coverage.filter((c) => !c.closedByThisAlert).map((c) => c.caseId))
    const refused = caseIds.filter((id) => !removable.has(id))
    if (refused.length) throw alertErrors.notCovered(refused)
    await deleteCoverage(trx, input.alertId, caseIds)
    return { removed: caseIds.length }
  })
}

export type ClosureOutcome = {
  closed: string[]
  /** Covered cases that were no longer open, with the status they had. */
  skipped: Array<{ caseId: string; status: string }>
}

/**
 * "Close every open covered case": each covered case still open is closed through the website
 * flow's `closeByAlert` — its own transaction and its own `close_by_alert` event with the alert's
 * id, so one case that changed meanwhile never undoes the others. Cases no longer open (fixed,
 * stalled, already closed…) are skipped and reported. Only a published alert can close cases
 * (409 `alerts.not_published`). Running it again closes nothing twice.
 */
export async function closeCoveredCases(deps: Deps, input: { alertId: string; actor: Actor }): Promise<ClosureOutcome> {
  const alert = await existingAlert(deps.db, input.alertId)
  if (alert.status !== 'published') throw alertErrors.notPublished()
  const outcome: ClosureOutcome = { closed: [], skipped: [] }
  for (const covered of await coveredCaseStatuses(deps.db, alert.id)) {
    if (!isOpen(covered.status)) {
      outcome.skipped.push(covered)
      continue
    }
    try {
      await closeByAlert(deps, { caseId: covered.caseId, alertId: alert.id, actor: input.actor })
      outcome.closed.push(covered.caseId)
    } catch (e) {
      // The case moved on between the read and its lock (an operator's fix, a colleague's closure).
      if (!(e instanceof AppError) || e.status !== 409) throw e
      const now = await deps.db.selectFrom('cases').select('status').where('id', '=', covered.caseId).executeTakeFirstOrThrow()
      outcome.skipped.push({ caseId: covered.caseId, status: now.status })
    }
  }
  return outcome
}

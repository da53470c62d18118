import type { Deps } from '../platform/http/context.js'
import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { appendEvent, changeCase, transitionProductCase, type Actor } from '../cases/case-events.js'
import type { ProductCaseStatus } from '../cases/product-case.transitions.js'
import { invalidTransition } from '../cases/transition-table.js'
import type { EolHandling } from './end-of-life.tables.js'
import { endOfLifeErrors } from './end-of-life.errors.js'
import { isPastSupportEnd, readEndOfLife } from './support-end.usecases.js'
import { closeLowImpact } from './endings.usecases.js'
import { offerStopUsingDraft } from './stop-using-draft.js'
import { handOverToCommittee } from './eol-committee.js'

/**
 * The states each handling of DESIGN §3 can start from: A closes (close_low_impact); B and C need a
 * notified developer; D is 調整不能 (refer_to_committee); E is 連絡不能, from not reaching the
 * developer at all to one who stopped answering (declare_uncontactable, then the committee).
 */
export const EOL_HANDLING_FROM: Record<EolHandling, readonly ProductCaseStatus[]> = {
  A: ['developer_notified', 'investigating', 'fix_in_progress'],
  B: ['developer_notified', 'investigating', 'fix_in_progress', 'publication_scheduled'],
  C: ['developer_notified', 'investigating', 'fix_in_progress', 'publication_scheduled'],
  D: ['developer_notified', 'fix_in_progress'],
  E: ['contacting_developer', 'developer_notified', 'investigating', 'fix_in_progress', 'uncontactable'],
}

/** The handlings a coordinator may pick for a case in `status`: what views offer. */
export const allowedEolHandlings = (status: string): EolHandling[] =>
  (Object.keys(EOL_HANDLING_FROM) as EolHandling[]).filter((h) => EOL_HANDLING_FROM[h].includes(status as ProductCaseStatus))

export type EolHandlingResult = { handling: EolHandling; status: ProductCaseStatus; advisoryId?: string; solutionFilled?: boolean; referralId?: string }

type Choice = { caseId: string; actor: Actor; handling: EolHandling; note?: string | undefined }

/**
 * The coordinator's choice of end-of-life handling for a case past end of support (DESIGN §3),
 * recorded (`eol_handling`, event `eol_handling_chosen`) and driven down its path:
 * A closes the case as closed_low_impact; B carries on to a normal publication; C moves the case
 * to fix_in_progress if needed and offers a "stop using" advisory draft; D refers the case to the
 * committee as 調整不能; E declares the developer uncontactable and refers it as 連絡不能.
 * Refused with 409 before the support-end date has passed or from a state the path cannot start from.
 */
export async function chooseEolHandling(deps: Deps, input: Choice): Promise<EolHandlingResult> {
  const kase = await readEndOfLife(deps.db, input.caseId)
  if (!kase || kase.kind !== 'product') throw errors.notFound()
  if (!isPastSupportEnd(kase.supportEnd, deps.clock.now())) throw endOfLifeErrors.notPastSupportEnd()
  if (!EOL_HANDLING_FROM[input.handling].includes(kase.status as ProductCaseStatus)) throw invalidTransition(`eol_handling_${input.handling}`, kase.status)

  switch (input.handling) {
    case 'A': {
      const r = await closeLowImpact(deps, {
        caseId: input.caseId, actor: input.actor, ending: { note: input.note ?? '' },
        also: (trx, now) => recordHandling(trx, deps, input, now, { appendOwnEvent: true }),
      })
      return { handling: 'A', status: r.status }
    }
    case 'B':
      return { handling: 'B', status: await recordWithoutMove(deps, input, EOL_HANDLING_FROM.B) }
    case 'C': {
      let status: ProductCaseStatus
      if (kase.status === 'developer_notified' || kase.status === 'investigating') {
        // The developer agreed to a publication without a fix: the vulnerability is acknowledged,
        // so the case enters the stage where the advisory is prepared and scheduled.
        status = (await transitionProductCase(deps.db, {
          caseId: input.caseId, action: 'confirm_vulnerable', actor: input.actor, clock: deps.clock, data: { eolHandling: 'C' },
          apply: async (trx, { now }) => { await recordHandling(trx, deps, input, now, { appendOwnEvent: true }) },
        })).to
      } else {
        status = await recordWithoutMove(deps, input, ['fix_in_progress', 'publication_scheduled'])
      }
      const draft = await offerStopUsingDraft(deps, { caseId: input.caseId, actor: input.actor })
      return { handling: 'C', status, ...draft }
    }
    case 'D':
    case 'E':
      return handOverToCommittee(deps, { ...input, handling: input.handling, status: kase.status as ProductCaseStatus },
        (caseId, allowedIn) => recordWithoutMove(deps, { ...input, caseId }, allowedIn))
  }
}

/** Records the handling as its own logged change, the case keeping its state. */
async function recordWithoutMove(deps: Deps, input: Choice, allowedIn: readonly ProductCaseStatus[]): Promise<ProductCaseStatus> {
  let status: ProductCaseStatus = 'received'
  await changeCase(deps.db, {
    caseId: input.caseId, type: 'eol_handling_chosen', actor: input.actor, clock: deps.clock, allowedIn,
    apply: async (trx, ctx) => {
      status = ctx.status as ProductCaseStatus
      return recordHandling(trx, deps, input, ctx.now, { appendOwnEvent: false })
    },
  })
  return status
}

/**
 * Writes the handling on the locked case row, checking again under the lock that the product is
 * past end of support. With `appendOwnEvent` it logs `eol_handling_chosen` itself (when the
 * handling rides on a transition, whose event follows).
 */
async function recordHandling(trx: DB, deps: Deps, input: Choice, now: Date, opts: { appendOwnEvent: boolean }) {
  const before = await readEndOfLife(trx, input.caseId)
  if (!before || !isPastSupportEnd(before.supportEnd, now)) throw endOfLifeErrors.notPastSupportEnd()
  await trx.updateTable('cases').set({ eol_handling: input.handling, eol_handling_at: now }).where('id', '=', input.caseId).execute()
  const data = { handling: input.handling, previousHandling: before.eol_handling, supportEndDate: before.supportEnd.supportEndDate, productId: before.supportEnd.productId, note: input.note ?? null }
  if (opts.appendOwnEvent) await appendEvent(trx, { caseId: input.caseId, type: 'eol_handling_chosen', actor: input.actor, at: now, data })
  return { eolHandling: input.handling, ...(opts.appendOwnEvent ? {} : data) }
}

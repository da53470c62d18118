import { z } from 'zod'
import type { Deps } from '../platform/http/context.js'
import { AppError } from '../platform/errors.js'
import { blankToUndefined } from '../platform/http/validate.js'
import { appendEvent, transitionProductCase, transitionWebsiteCase, type Actor } from '../cases/case-events.js'
import type { DB } from '../platform/db/database.js'
import { findCase, lockCase } from '../cases/cases.repository.js'
import { CLOSED_PRODUCT_STATUSES, type ProductCaseStatus } from '../cases/product-case.transitions.js'
import { CLOSED_WEBSITE_STATUSES, type WebsiteCaseStatus } from '../cases/website-case.transitions.js'
import { mailFindersOutcome } from '../end-of-life/index.js'
import { creditJoinedFinders } from '../end-of-life/index.js'
import { findReportByReceipt } from '../cases/reports.repository.js'

export const duplicateErrors = {
  targetUnknown: () => new AppError('duplicates.target_unknown', 400, 'No case has that receipt number or id.', { fields: { target: 'Unknown receipt number or case.' } }),
  sameCase: () => new AppError('duplicates.same_case', 409, 'A report cannot be joined to its own case.'),
  targetClosed: (status: string) => new AppError('duplicates.target_closed', 409, `The case to join is closed ("${status}").`, { status }),
  kindMismatch: () => new AppError('duplicates.kind_mismatch', 409, 'A report can only join a case of the same kind.'),
}

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional())

/** The case a duplicate joins: by a receipt number of one of its reports, or by its id. */
export const joinDuplicateSchema = z.object({
  targetReceipt: optionalText(40),
  targetCaseId: optionalText(100),
  note: optionalText(2000),
}).refine((v) => Boolean(v.targetReceipt) !== Boolean(v.targetCaseId), { message: 'Name the case to join by receipt number or by case id (one of them).', path: ['targetReceipt'] })
export type JoinDuplicateInput = z.infer<typeof joinDuplicateSchema>

export type JoinDuplicateResult = { caseId: string; status: ProductCaseStatus | WebsiteCaseStatus; targetCaseId: string; movedReportIds: string[] }

/**
 * Joins a newly received report to the existing case of the same vulnerability (DESIGN §2): its
 * reports move to the target case with their attachments and finder threads (every finder is kept,
 * and follows the target's status by tracking link or account), the now empty case closes as
 * not_accepted with reason 'duplicate' and `duplicate_of` set (transition `reject`), both cases log
 * it, and the joining finders are told by mail — all in one transaction. Then, if the target already
 * has an unpublished advisory, the newcomers who consented are added to its credits.
 * 409: joining a case to itself (`duplicates.same_case`), to a closed case (`duplicates.target_closed`),
 * or from a case no longer `received` (`coordination.invalid_transition`).
 */
export async function joinDuplicate(deps: Deps, input: { caseId: string; actor: Actor; join: JoinDuplicateInput }): Promise<JoinDuplicateResult> {
  const { join } = input
  const targetCaseId = join.targetReceipt
    ? (await findReportByReceipt(deps.db, join.targetReceipt))?.case_id
    : (await findCase(deps.db, join.targetCaseId!))?.id
  if (!targetCaseId) throw duplicateErrors.targetUnknown()
  if (targetCaseId === input.caseId) throw duplicateErrors.sameCase()
  const sourceKind = (await findCase(deps.db, input.caseId))?.kind
  // Website reports join website cases the same way; each kind keeps its own table and endings.
  const closed: readonly string[] = sourceKind === 'website' ? CLOSED_WEBSITE_STATUSES : CLOSED_PRODUCT_STATUSES
  const transition = {
    caseId: input.caseId, action: 'reject' as const, actor: input.actor, clock: deps.clock,
    changes: { rejection_reason: 'duplicate', duplicate_of: targetCaseId, closed_at: deps.clock.now() },
    data: { reason: 'duplicate', duplicateOf: targetCaseId, joined: true, note: join.note ?? null },
    apply: async (trx: DB, { now }: { now: Date }) => {
      // The source case is locked by the transition; the target is locked second.
      const source = await trx.selectFrom('cases').select('kind').where('id', '=', input.caseId).executeTakeFirstOrThrow()
      const target = await lockCase(trx, targetCaseId)
      if (closed.includes(target.status)) throw duplicateErrors.targetClosed(target.status)
      if (target.kind !== source.kind) throw duplicateErrors.kindMismatch()
      const moved = await trx.selectFrom('reports').select(['id', 'receipt_number']).where('case_id', '=', input.caseId).execute()
      const reportIds = moved.map((r) => r.id)
      if (reportIds.length) {
        await trx.updateTable('reports').set({ case_id: targetCaseId }).where('id', 'in', reportIds).execute()
        // The finder's conversation with staff follows the report.
        await trx.updateTable('messages').set({ case_id: targetCaseId }).where('thread', '=', 'finder').where('report_id', 'in', reportIds).execute()
      }
      await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', targetCaseId).execute()
      await appendEvent(trx, {
        caseId: targetCaseId, type: 'duplicate_joined', actor: input.actor, at: now,
        data: { fromCaseId: input.caseId, reportIds, receiptNumbers: moved.map((r) => r.receipt_number), note: join.note ?? null },
      })
      await mailFindersOutcome(trx, deps.config, { caseId: targetCaseId, what: sourceKind === 'website' ? 'duplicate_joined_website' : 'duplicate_joined', now, reportIds })
      return { reportIds }
    },
  }
  const { to, result } = sourceKind === 'website' ? await transitionWebsiteCase(deps.db, transition) : await transitionProductCase(deps.db, transition)
  // After the join commits: an advisory drafted before it would otherwise leave the newcomers out of its credits.
  await creditJoinedFinders(deps, { caseId: targetCaseId, actor: input.actor, reportIds: result!.reportIds })
  return { caseId: input.caseId, status: to, targetCaseId, movedReportIds: result!.reportIds }
}

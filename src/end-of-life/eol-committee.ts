import type { Deps } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import type { Actor } from '../cases/case-events.js'
import type { ProductCaseStatus } from '../cases/product-case.transitions.js'
import { invalidTransition } from '../cases/transition-table.js'
import { referToCommittee } from '../committee/index.js'
import { declareUncontactable } from '../uncontactable/index.js'
import { partyProgress } from '../uncontactable/index.js'
import { uncontactableErrors } from '../uncontactable/index.js'
import { offerStopUsingDraft } from './stop-using-draft.js'

type HandOver = { caseId: string; actor: Actor; handling: 'D' | 'E'; note?: string | undefined; status: ProductCaseStatus }
type RecordHandling = (caseId: string, allowedIn: readonly ProductCaseStatus[]) => Promise<ProductCaseStatus>

/**
 * EoL cases D and E go to the publication decision committee, whose decision to publish is
 * usually a "stop using" advisory (DESIGN §3):
 * - D, 調整不能: the developer has no fix and refuses publication → referred as 'uncoordinatable';
 * - E, 連絡不能: the developer cannot be reached or stopped answering → each of its developers still
 *   in play is declared uncontactable through the uncontactable feature (contact-attempt policy
 *   enforced there; the case moves with the last one), then referred as 'uncontactable'.
 * Then the handling is recorded and the "stop using" draft offered for the committee to decide on.
 * The coordinator's note is required: it is the committee's reason for the referral.
 */
export async function handOverToCommittee(deps: Deps, input: HandOver, record: RecordHandling) {
  const note = input.note?.trim()
  if (!note) throw errors.invalidInput({ fields: { note: 'Required: the reason for the committee.' } })
  if (input.handling === 'E' && input.status !== 'uncontactable') await declareEveryDeveloperUncontactable(deps, { ...input, note })
  const { referralId } = await referToCommittee(deps, {
    caseId: input.caseId, reason: input.handling === 'D' ? 'uncoordinatable' : 'uncontactable', actor: input.actor, note,
  })
  const status = await record(input.caseId, ['committee_review'])
  const draft = await offerStopUsingDraft(deps, { caseId: input.caseId, actor: input.actor })
  return { handling: input.handling, status, referralId, ...draft }
}

/**
 * Declares every developer of the case not yet uncontactable, after checking the policy for all
 * of them first — so a multi-vendor case is not left half declared when one developer's attempts
 * fall short (409 `uncontactable.policy_not_met`, with that developer's progress).
 */
async function declareEveryDeveloperUncontactable(deps: Deps, input: HandOver & { note: string }) {
  const parties = await deps.db.selectFrom('case_parties').select('id').where('case_id', '=', input.caseId)
    .where('status', '!=', 'uncontactable').orderBy('created_at').execute()
  if (!parties.length) throw invalidTransition('declare_uncontactable', input.status)
  const now = deps.clock.now()
  for (const p of parties) {
    const progress = await partyProgress(deps.db, { caseId: input.caseId, partyId: p.id, now })
    if (!progress.met) throw uncontactableErrors.policyNotMet(progress)
  }
  for (const p of parties) await declareUncontactable(deps, { caseId: input.caseId, partyId: p.id, actor: input.actor, reason: input.note })
}

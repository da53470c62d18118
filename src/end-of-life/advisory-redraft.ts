import type { Deps } from '../platform/http/context.js'
import { AppError } from '../platform/errors.js'
import { log } from '../platform/log.js'
import type { Actor } from '../cases/case-events.js'
import { findAdvisoryByCase, listFinders, redraftInput, saveAdvisoryDraft } from '../advisories/index.js'

/**
 * Adds finders who joined a case (duplicates) to the credits of its unpublished advisory, if they
 * consented. A draft that credits "every consenting finder" picks them up by itself; one whose
 * credits the coordinator named would not, and a joining finder who consented is always credited. An advisory already public is left alone
 * (only a revision may change it); returns whether the draft was saved.
 */
export async function creditJoinedFinders(deps: Deps, input: { caseId: string; actor: Actor; reportIds: string[] }): Promise<boolean> {
  const advisory = await findAdvisoryByCase(deps.db, input.caseId)
  if (!advisory || advisory.status === 'published') return false
  const consenting = (await listFinders(deps.db, input.caseId)).filter((f) => f.consentCredit && input.reportIds.includes(f.reportId))
  if (!consenting.length) return false
  const credits = [...new Set([...advisory.content.credits.map((c) => c.reportId), ...consenting.map((f) => f.reportId)])]
  try {
    await saveAdvisoryDraft(deps, { caseId: input.caseId, actor: input.actor, draft: await redraftInput(deps.db, input.caseId, advisory.content, credits) })
    return true
  } catch (e) {
    // Became public meanwhile (its time came before the publication job ran): a revision is the coordinator's call.
    if (e instanceof AppError && e.code === 'advisories.already_public') {
      log.info('joined finder not credited: advisory already public', { caseId: input.caseId })
      return false
    }
    throw e
  }
}

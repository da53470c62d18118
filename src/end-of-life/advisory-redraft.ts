import type { DB } from '../platform/db/database.js'
import type { Deps } from '../platform/http/context.js'
import { AppError } from '../platform/errors.js'
import { parseWith } from '../platform/http/validate.js'
import { log } from '../platform/log.js'
import type { Actor } from '../cases/case-events.js'
import { saveAdvisoryDraft } from '../advisories/index.js'
import { advisoryDraftSchema, type AdvisoryDraftInput } from '../advisories/index.js'
import { findAdvisoryByCase, listCaseVulnerabilities, listFinders } from '../advisories/index.js'
import type { AdvisoryText } from '../advisories/index.js'

const empty = { ja: '', en: '' }

/**
 * The draft input that saves a case's advisory text again through `saveAdvisoryDraft`: the given
 * text, the case's vulnerabilities as they stand, and `credits` (report ids; undefined: every
 * finder who consented). Credited finders who have since withdrawn consent are left out.
 */
export async function redraftInput(db: DB, caseId: string, text: Partial<AdvisoryText> & Pick<AdvisoryText, 'title'>, credits: string[] | undefined): Promise<AdvisoryDraftInput> {
  const consenting = new Set((await listFinders(db, caseId)).filter((f) => f.consentCredit).map((f) => f.reportId))
  return parseWith(advisoryDraftSchema, {
    title: text.title, overview: text.overview ?? empty, description: text.description ?? empty, impact: text.impact ?? empty,
    solution: text.solution ?? empty, affectedProducts: text.affectedProducts ?? [], references: text.references ?? [],
    credits: credits?.filter((id) => consenting.has(id)),
    vulnerabilities: (await listCaseVulnerabilities(db, caseId)).map((v) => ({
      id: v.id, title: { ja: v.titleJa, en: v.titleEn }, cveId: v.cveId, cweId: v.cweId, cvss31Vector: v.cvss31Vector, cvss40Vector: v.cvss40Vector,
    })),
  })
}

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

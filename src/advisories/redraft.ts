import type { DB } from '../platform/db/database.js'
import { parseWith } from '../platform/http/validate.js'
import { listCaseVulnerabilities, listFinders } from './advisories.repository.js'
import { advisoryDraftSchema, type AdvisoryDraftInput } from './advisories.schemas.js'
import type { AdvisoryText, Localized } from './advisory-content.js'
import type { AffectedPackage } from './packages.js'

const empty = { ja: '', en: '' }

type Name = Localized | string
/** The text to save again; names may still be single strings (the Japanese; also the English when ASCII). */
export type RedraftText = Partial<Omit<AdvisoryText, 'affectedProducts'>> & Pick<AdvisoryText, 'title'> & {
  affectedProducts?: Array<{ developer: Name; product: Name; versions: Name; cpe?: string | null | undefined; package?: AffectedPackage | undefined }>
}

/**
 * The draft input that saves a case's advisory text again through `saveAdvisoryDraft`: the given
 * text, the case's vulnerabilities as they stand, and `credits` (report ids; undefined: every
 * finder who consented). Credited finders who have since withdrawn consent are left out.
 */
export async function redraftInput(db: DB, caseId: string, text: RedraftText, credits: string[] | undefined): Promise<AdvisoryDraftInput> {
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


import type { DB } from '../platform/db/database.js'
import { errors } from '../platform/errors.js'
import { newId } from '../platform/secrets.js'
import { advisoryErrors } from './advisories.errors.js'
import type { VulnerabilityInput } from './advisories.schemas.js'
import { scoreCvss31, scoreCvss40 } from './cvss.js'
import {
  countPartyStatuses, deleteVulnerabilities, insertVulnerability, listCaseVulnerabilities, parkVulnerabilityPositions,
  updateVulnerability, type CaseVulnerability,
} from './advisories.repository.js'

export type ScoredVulnerability = Omit<CaseVulnerability, 'id' | 'position'> & { id: string | undefined }

/**
 * Scores every CVSS vector of the input (`advisories.invalid_cvss`, naming the field, for a
 * malformed one) and refuses a CVE id given twice. Runs before any transaction: it is pure.
 */
export function scoreVulnerabilities(inputs: VulnerabilityInput[]): ScoredVulnerability[] {
  const seenCves = new Set<string>()
  return inputs.map((v, i) => {
    if (v.cveId) {
      if (seenCves.has(v.cveId)) throw errors.invalidInput({ fields: { [`vulnerabilities.${i}.cveId`]: 'The same CVE id is given twice.' } })
      seenCves.add(v.cveId)
    }
    const cvss31 = v.cvss31Vector ? scoreCvss31(v.cvss31Vector, `vulnerabilities.${i}.cvss31Vector`) : null
    const cvss40 = v.cvss40Vector ? scoreCvss40(v.cvss40Vector, `vulnerabilities.${i}.cvss40Vector`) : null
    return {
      id: v.id, titleJa: v.title.ja, titleEn: v.title.en, cveId: v.cveId ?? null, cweId: v.cweId ?? null,
      cvss31Vector: cvss31?.vector ?? null, cvss31Score: cvss31?.score ?? null,
      cvss40Vector: cvss40?.vector ?? null, cvss40Score: cvss40?.score ?? null,
    }
  })
}

/**
 * Makes the case's vulnerabilities exactly `list`, in that order: rows with an id are updated,
 * rows without one added, rows left out removed — unless a developer has recorded a status for
 * one, which is refused (`advisories.vulnerability_in_use`) rather than silently lost.
 */
export async function writeVulnerabilities(trx: DB, caseId: string, list: ScoredVulnerability[]): Promise<void> {
  const existing = new Set((await listCaseVulnerabilities(trx, caseId)).map((v) => v.id))
  const kept = new Set<string>()
  for (const v of list) {
    if (v.id === undefined) continue
    if (!existing.has(v.id) || kept.has(v.id)) throw advisoryErrors.unknownVulnerability()
    kept.add(v.id)
  }
  const removed = [...existing].filter((id) => !kept.has(id))
  if (await countPartyStatuses(trx, removed) > 0) throw advisoryErrors.vulnerabilityInUse()
  await deleteVulnerabilities(trx, removed)
  await parkVulnerabilityPositions(trx, caseId)
  for (const [i, { id, ...values }] of list.entries()) {
    const row = { ...values, position: i + 1 }
    if (id) await updateVulnerability(trx, id, row)
    else await insertVulnerability(trx, caseId, newId(), row)
  }
}

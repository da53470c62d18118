import * as calculator from 'ae-cvss-calculator'
import { advisoryErrors } from './advisories.errors.js'

// The package is a webpack UMD bundle: under Node's ESM loader its classes sit on `default`.
const lib = ((calculator as unknown as { default?: typeof calculator }).default ?? calculator) as typeof calculator

export type CvssSeverity = 'none' | 'low' | 'medium' | 'high' | 'critical'
export type CvssScore = { vector: string; score: number; severity: CvssSeverity }

/** The base metrics of each version, in the specification's order, with their allowed values. */
const V31_BASE: ReadonlyArray<readonly [string, string]> = [
  ['AV', 'NALP'], ['AC', 'LH'], ['PR', 'NLH'], ['UI', 'NR'], ['S', 'UC'], ['C', 'HLN'], ['I', 'HLN'], ['A', 'HLN'],
]
const V40_BASE: ReadonlyArray<readonly [string, string]> = [
  ['AV', 'NALP'], ['AC', 'LH'], ['AT', 'NP'], ['PR', 'NLH'], ['UI', 'NPA'],
  ['VC', 'HLN'], ['VI', 'HLN'], ['VA', 'HLN'], ['SC', 'HLN'], ['SI', 'HLN'], ['SA', 'HLN'],
]

/**
 * Parses `PREFIX/M:V/...` into metric → value, or null when anything is off: wrong prefix, an
 * unknown or repeated metric, a missing base metric, a value outside the metric's set, stray
 * whitespace. Only base metrics are accepted: advisories publish base scores, and a vector with
 * temporal/threat metrics would make the stored number something else.
 * `ordered` demands the specification's order (CVSS 4.0 requires it; 3.1 allows any order).
 */
function parseBase(vector: string, prefix: string, metrics: ReadonlyArray<readonly [string, string]>, ordered: boolean): Map<string, string> | null {
  if (!vector.startsWith(prefix)) return null
  const parts = vector.slice(prefix.length).split('/')
  if (parts.length !== metrics.length) return null
  const allowed = new Map(metrics)
  const seen = new Map<string, string>()
  for (const [i, part] of parts.entries()) {
    const m = /^([A-Z]{1,2}):([A-Z])$/.exec(part)
    if (!m) return null
    const [, name, value] = m as unknown as [string, string, string]
    const values = allowed.get(name)
    if (!values || !values.includes(value) || seen.has(name)) return null
    if (ordered && metrics[i]?.[0] !== name) return null
    seen.set(name, value)
  }
  return seen.size === metrics.length ? seen : null
}

/** The qualitative rating shared by CVSS 3.1 and 4.0. */
export function severityOf(score: number): CvssSeverity {
  if (score === 0) return 'none'
  if (score < 4) return 'low'
  if (score < 7) return 'medium'
  if (score < 9) return 'high'
  return 'critical'
}

/** The base score of a CVSS 3.1 vector; throws `advisories.invalid_cvss` (400) for anything malformed. */
export function scoreCvss31(vector: string, field?: string): CvssScore {
  const metrics = parseBase(vector, 'CVSS:3.1/', V31_BASE, false)
  if (!metrics) throw advisoryErrors.invalidCvss('3.1', vector, field)
  // Stored in the specification's order, whatever order it was typed in.
  const canonical = 'CVSS:3.1/' + V31_BASE.map(([name]) => `${name}:${metrics.get(name)}`).join('/')
  const score = new lib.Cvss3P1(canonical).calculateScores().base ?? 0
  return { vector: canonical, score, severity: severityOf(score) }
}

/** The base score (CVSS-B) of a CVSS 4.0 vector; throws `advisories.invalid_cvss` (400) for anything malformed. */
export function scoreCvss40(vector: string, field?: string): CvssScore {
  if (!parseBase(vector, 'CVSS:4.0/', V40_BASE, true)) throw advisoryErrors.invalidCvss('4.0', vector, field)
  const score = new lib.Cvss4P0(vector).calculateScores().base ?? 0
  return { vector, score, severity: severityOf(score) }
}

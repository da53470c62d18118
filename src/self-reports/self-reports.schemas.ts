import { z } from 'zod'
import { blankToUndefined } from '../platform/http/validate.js'
import { acceptsLegacyPairs, bilingual } from '../platform/http/bilingual.js'
import { isoDateField as isoDate } from '../platform/http/date-fields.js'
import { CVE_ID, CWE_ID } from '../advisories/index.js'
import { PRODUCT_TYPES, REJECTION_REASONS, categoryKeys } from '../cases/categories.js'

const text = (max: number) => z.string().trim().min(1, 'Required.').max(max)
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional())
const optional = <S extends z.ZodType>(s: S) => z.preprocess(blankToUndefined, s.optional())

/** 自社製品届出: a developer's report of its own product's vulnerability and its fix. Same shape for form and API. */
export const selfReportSchema = acceptsLegacyPairs(z.object({
  productName: text(200),
  productVersions: text(500),
  productType: optional(z.enum(categoryKeys(PRODUCT_TYPES))),
  vulnerabilityTitle: bilingual({ max: 300, en: 'optional' }),
  description: text(20_000),
  cveId: optional(z.string().trim().regex(CVE_ID, 'validation.cve_id')),
  cweId: optional(z.string().trim().regex(CWE_ID, 'validation.cwe_id')),
  // Vector syntax is checked by the advisories' CVSS scorer (`advisories.invalid_cvss`).
  cvss31Vector: optionalText(200),
  cvss40Vector: optionalText(200),
  fixDescription: text(20_000),
  fixedVersions: optionalText(500),
  /** When the fix was (or will be) released; given and not in the future, the product counts as fixed. */
  fixReleasedOn: optional(isoDate),
  proposedPublicationDate: optional(isoDate),
  statement: bilingual({ max: 20_000, en: 'optional' }),
}), ['vulnerabilityTitle', 'statement'])
export type SelfReportInput = z.infer<typeof selfReportSchema>

/** Reasons a self-report may be refused: the intake list, without "duplicate of a receipt number". */
export const SELF_REPORT_REJECTION_REASONS = REJECTION_REASONS.filter((r) => r !== 'duplicate') as [string, ...string[]]

export const selfReportRejectSchema = z.object({
  reason: z.enum(SELF_REPORT_REJECTION_REASONS),
  note: optionalText(2_000),
})

export const selfReportAcceptSchema = z.object({ note: optionalText(2_000) })

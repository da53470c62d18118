import { z } from 'zod'
import { blankToUndefined } from '../platform/http/validate.js'
import { acceptsLegacyPairs, bilingual } from '../platform/http/bilingual.js'
import { isoDateField } from '../platform/http/date-fields.js'

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional())

/**
 * A CPE 2.3 formatted string, by the grammar of NISTIR 7695 §6.2 (the same pattern as NIST's CPE
 * 2.3 dictionary schema): `cpe:2.3:` then the part (a application, h hardware, o operating
 * system, or the logical values `*` ANY / `-` N/A) and ten components — vendor, product, version,
 * update, edition, language, sw_edition, target_sw, target_hw, other. Each component is `*`, `-`,
 * or letters, digits, `_`, `-`, `.` and backslash-quoted punctuation (`\:`, `\!` …), with `*`
 * or runs of `?` only at its ends; the language is an RFC 5646 tag (`ja`, `ja-jp`, `es-419`).
 * Unquoted punctuation, spaces, non-ASCII letters, a 2.2 URI (`cpe:/…`) or a wrong count are not.
 */
const cpeChar = /(?:[A-Za-z0-9._-]|\\[\\*?!"#$%&'()+,/:;<=>@[\]^`{|}~])/.source
const cpeValue = `(?:(?:\\?*|\\*?)${cpeChar}+(?:\\?*|\\*?)|[*-])`
const cpeLanguage = '(?:[A-Za-z]{2,3}(?:-(?:[A-Za-z]{2}|[0-9]{3}))?|[*-])'
export const CPE23 = new RegExp(`^cpe:2\\.3:[aho*-](?::${cpeValue}){5}:${cpeLanguage}(?::${cpeValue}){4}$`)

export const SUPPORT_STATUSES = ['supported', 'end_of_life'] as const
export type SupportStatus = (typeof SUPPORT_STATUSES)[number]

/**
 * A catalogue product. `supportEndDate` is the last day of support (null or absent: unknown);
 * `status` may be omitted — the date decides it — and is only needed to say that support has
 * ended when the date is unknown; with a date, a status the date contradicts is refused.
 */
export const productSchema = acceptsLegacyPairs(z.object({
  name: bilingual({ max: 200 }),
  versions: optionalText(200),
  cpe: z.preprocess(blankToUndefined, z.string().trim().max(300).regex(CPE23, 'Not a CPE 2.3 name (cpe:2.3:part:vendor:product:…, 13 components).').optional()),
  supportEndDate: z.preprocess((v) => blankToUndefined(v) ?? null, isoDateField.nullable()),
  status: z.preprocess(blankToUndefined, z.enum(SUPPORT_STATUSES).optional()),
  notes: optionalText(2000),
}), ['name'])
export type ProductInput = z.infer<typeof productSchema>

/** A product a case concerns, from the catalogues of the case's developer organisations. */
export const caseProductSchema = z.object({
  productId: z.string().trim().min(1, 'Required.').max(100),
  versionsAffected: optionalText(200),
})
export type CaseProductInput = z.infer<typeof caseProductSchema>

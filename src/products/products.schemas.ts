import { z } from 'zod'
import { blankToUndefined } from '../platform/http/validate.js'
import { acceptsLegacyPairs, bilingual } from '../platform/http/bilingual.js'
import { isoDateField } from '../platform/http/date-fields.js'

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional())

/**
 * A CPE 2.3 formatted string (NISTIR 7695): `cpe:2.3:` then the part (a application, h hardware,
 * o operating system) and ten more components — vendor, product, version, update, edition,
 * language, sw_edition, target_sw, target_hw, other — thirteen in all, each non-empty
 * (`*` any, `-` not applicable), colons and backslashes inside a component escaped with `\`.
 */
export const CPE23 = /^cpe:2\.3:[aho](?::(?:\\[^\s]|[^:\\\s])+){10}$/

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

import { z } from 'zod'
import { blankToUndefined, checkbox } from '../platform/http/validate.js'
import { pgpPublicKeyField } from '../platform/mail/openpgp-keys.js'
import { PRODUCT_TYPES, REJECTION_REASONS, categoryKeys } from '../cases/categories.js'
import { websiteImpactKeys, websiteTypeKeys } from '../cases/website-categories.js'

const text = (max: number) => z.string().trim().min(1).max(max)
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional())
const flag = z.preprocess(checkbox, z.boolean())
const triState = z.enum(['yes', 'no', 'unknown'])

/** The software-product report form (DESIGN §2). Same shape for the form and the API. */
export const productReportSchema = z.object({
  productName: text(200),
  productVersion: text(200),
  developerName: optionalText(200),
  productType: z.enum(categoryKeys(PRODUCT_TYPES)),
  description: text(20_000),
  reproduction: text(20_000),
  impact: text(5_000),
  discoveryMethod: optionalText(2_000),
  alreadyPublic: triState.default('unknown'),
  exploited: triState.default('unknown'),
  developerContacted: triState.default('unknown'),
  finderName: text(100),
  finderEmail: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().email().max(254).optional()),
  finderOrganization: optionalText(200),
  /** Mail to the finder's address is encrypted to it (checked as a key when the report is filed). */
  finderPgpPublicKey: pgpPublicKeyField,
  consentShareIdentity: flag.default(false),
  consentCredit: flag.default(false),
  creditName: optionalText(200),
  locale: z.enum(['ja', 'en']).default('ja'),
})
export type ProductReportInput = z.infer<typeof productReportSchema>

export const rejectSchema = z.object({
  reason: z.enum(REJECTION_REASONS),
  duplicateOfReceipt: z.preprocess(blankToUndefined, z.string().trim().max(40).optional()),
  note: optionalText(2_000),
}).refine((v) => v.reason !== 'duplicate' || v.duplicateOfReceipt, { message: 'A duplicate names the receipt number it duplicates.', path: ['duplicateOfReceipt'] })
export type RejectInput = z.infer<typeof rejectSchema>

export const acceptSchema = z.object({
  productType: z.preprocess(blankToUndefined, z.enum(categoryKeys(PRODUCT_TYPES)).optional()),
  /** Website reports: the classification intake confirms at acceptance. */
  vulnerabilityType: z.preprocess(blankToUndefined, z.enum(websiteTypeKeys).optional()),
  impact: z.preprocess(blankToUndefined, z.enum(websiteImpactKeys).optional()),
  note: optionalText(2_000),
})

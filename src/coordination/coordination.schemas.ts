import { z } from 'zod'
import { blankToUndefined } from '../platform/http/validate.js'
import { pgpPublicKeyField } from '../platform/mail/openpgp-keys.js'
import { acceptsLegacyPairs, bilingual } from '../platform/http/bilingual.js'
import { isoDateField as isoDate } from '../platform/http/date-fields.js'
import { CAUSES, PRODUCT_TYPES, categoryKeys } from '../cases/categories.js'

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional())

export const organizationSchema = acceptsLegacyPairs(z.object({
  name: bilingual({ max: 200 }),
  website: z.preprocess(blankToUndefined, z.string().trim().url().max(500).optional()),
  /** Checked as a key (readable, public, unexpired, can encrypt) by the use case that stores it. */
  pgpPublicKey: pgpPublicKeyField,
}), ['name'])

export const contactSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().email().max(254),
  phone: optionalText(50),
  note: optionalText(1000),
})

export const addPartySchema = z.object({ organizationId: z.string().min(1).max(100) })

export const contactAttemptSchema = z.object({
  channel: z.enum(['email', 'web_form', 'phone', 'postal', 'other']),
  address: z.string().trim().min(1).max(500),
  attemptedOn: isoDate,
  result: z.enum(['no_answer', 'bounced', 'reached', 'refused']),
  note: optionalText(2000),
})

export const notifySchema = z.object({ contactId: z.string().min(1).max(100) })

/** The vendor statement: either language, both or none. */
export const statementSchema = bilingual({ max: 20_000, ja: 'optional', en: 'optional' }).optional()

export const responseSchema = acceptsLegacyPairs(z.object({
  response: z.enum(['vulnerable', 'not_vulnerable']),
  statement: statementSchema,
  fixPlan: optionalText(20_000),
  proposedPublicationDate: z.preprocess(blankToUndefined, isoDate.optional()),
}), ['statement'])

export const vulnerabilityStatusSchema = z.object({
  vulnerabilityId: z.string().min(1).max(100),
  status: z.enum(['unknown', 'affected', 'not_affected', 'fixed']),
})

/** The statistics' categories of a case (DESIGN §8): product type and cause. */
export const classificationSchema = z.object({
  productType: z.preprocess(blankToUndefined, z.enum(categoryKeys(PRODUCT_TYPES)).optional()),
  cause: z.preprocess(blankToUndefined, z.enum(categoryKeys(CAUSES)).optional()),
})

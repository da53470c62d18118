import { z } from 'zod'
import { blankToUndefined, checkbox } from '../platform/http/validate.js'
import { pgpPublicKeyField } from '../platform/mail/openpgp-keys.js'
import { acceptsLegacyPairs } from '../platform/http/bilingual.js'
import { isoDateField as isoDate } from '../platform/http/date-fields.js'
import { organizationSchema } from '../coordination/index.js'
import { FIX_TYPES, ORGANIZATION_TYPES, STALL_REASONS, websiteImpactKeys, websiteTypeKeys } from '../cases/website-categories.js'

const text = (max: number) => z.string().trim().min(1).max(max)
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional())

/** One reported address: http(s) only. keikai stores it as text and never fetches it. */
const reportedUrl = z.string().trim().max(2_000).url().refine((u) => /^https?:\/\//i.test(u), 'Use an http:// or https:// address.')

/** URLs arrive as a list (API) or as one per line (the form's textarea). */
const urlList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : v),
  z.array(reportedUrl).min(1, 'Give at least one URL.').max(20),
)

/** The website report form (DESIGN §2). Same shape for the form and the API. */
export const websiteReportSchema = z.object({
  urls: urlList,
  operatorName: optionalText(200),
  vulnerabilityType: z.enum(websiteTypeKeys),
  impact: z.enum(websiteImpactKeys),
  description: text(20_000),
  reproduction: text(20_000),
  finderName: text(100),
  finderEmail: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().email().max(254).optional()),
  finderOrganization: optionalText(200),
  finderPgpPublicKey: pgpPublicKeyField,
  consentShareIdentity: z.preprocess(checkbox, z.boolean()).default(false),
  locale: z.enum(['ja', 'en']).default('ja'),
})
export type WebsiteReportInput = z.infer<typeof websiteReportSchema>

/** What the finder wrote, as stored in reports.details. */
export type WebsiteReportDetails = Pick<WebsiteReportInput, 'urls' | 'operatorName' | 'vulnerabilityType' | 'impact' | 'description' | 'reproduction'>

export const operatorSchema = acceptsLegacyPairs(organizationSchema.extend({ orgType: z.enum(ORGANIZATION_TYPES) }), ['name'])

export const classifyWebsiteSchema = z.object({ vulnerabilityType: z.enum(websiteTypeKeys), impact: z.enum(websiteImpactKeys) })

export const notifyOperatorSchema = z.object({ organizationId: z.string().min(1).max(100), contactId: z.string().min(1).max(100) })

/** The operator's fix report; staff recording it on the operator's behalf name their source. */
export const fixSchema = z.object({
  fixType: z.enum(FIX_TYPES),
  fixedOn: z.preprocess(blankToUndefined, isoDate.optional()),
  note: optionalText(5_000),
  source: optionalText(500),
})

export const disputeSchema = z.object({ reason: text(5_000) })

export const closureSchema = z.object({
  ending: z.enum(['not_vulnerable', 'stalled']),
  reason: z.preprocess(blankToUndefined, z.enum(STALL_REASONS).optional()),
  note: text(5_000),
}).refine((v) => v.ending !== 'stalled' || v.reason, { message: 'A stalled case names why.', path: ['reason'] })

export const resumeSchema = z.object({ note: text(5_000) })
export const remindSchema = z.object({ note: optionalText(2_000) })

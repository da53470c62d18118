import { z } from 'zod'
import { referenceSchema } from '../advisories/index.js'
import { websiteTypeKeys } from '../cases/website-categories.js'
import { acceptsLegacyPairs, bilingual } from '../platform/http/bilingual.js'

const blank = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v)
const text = (max: number) => z.string().trim().max(max)

export const ALERT_TITLE_MAX = 300
export const ALERT_BODY_MAX = 50_000

/**
 * An alert as staff write it, the same shape for the form (see alert-form.ts) and the API. A draft
 * needs its titles; the body may be written later and is required at publication.
 */
export const alertInputSchema = z.object({
  title: z.object({ ja: text(ALERT_TITLE_MAX).min(1, 'Required.'), en: text(ALERT_TITLE_MAX).min(1, 'Required.') }),
  body: z.object({ ja: text(ALERT_BODY_MAX).default(''), en: text(ALERT_BODY_MAX).default('') }).default({ ja: '', en: '' }),
  vulnerabilityType: z.preprocess(blank, z.enum(websiteTypeKeys).optional()),
  references: z.array(referenceSchema).max(50).default([]),
})
export type AlertInput = z.infer<typeof alertInputSchema>

/** A published alert changes only with a dated note in both languages (更新履歴). */
export const reviseAlertSchema = acceptsLegacyPairs(z.object({
  note: bilingual({ max: 2000 }),
  alert: alertInputSchema.optional(),
}), ['note'])
export type ReviseAlertInput = z.infer<typeof reviseAlertSchema>

const caseIds = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z.array(z.string().trim().min(1).max(100)).min(1, 'Choose at least one case.').max(1000),
)

/** Website cases to add to (or take off) an alert's coverage. */
export const coverCasesSchema = z.object({ caseIds })
export type CoverCasesInput = z.infer<typeof coverCasesSchema>

/** The staff list of open website cases: one vulnerability type, or `all`; the alert's own type by default. */
export const candidatesQuerySchema = z.object({
  vulnerabilityType: z.preprocess(blank, z.union([z.enum(websiteTypeKeys), z.literal('all')]).optional()),
})

/** `KKA-2026-0001`: the public identifier and URL slug. */
export const ALERT_IDENTIFIER = /^KKA-\d{4}-\d{4,6}$/

/** The public list's page, and for the API its size. */
export const publicListQuerySchema = z.object({
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).default(1)),
})
export const publicApiListQuerySchema = publicListQuerySchema.extend({
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(100).default(20)),
})

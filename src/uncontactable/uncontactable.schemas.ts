import { z } from 'zod'

const CHANNELS = ['email', 'web_form', 'phone', 'postal', 'other'] as const

export const declareSchema = z.object({ reason: z.string().trim().min(1, 'Required.').max(2000) })

export const resumeSchema = z.object({
  reason: z.string().trim().min(1, 'Required.').max(2000),
  /** The developer who appeared; left out, every live listing of the case ends. */
  partyId: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(100).optional()),
})

/** The public "we know how to reach this developer" form. */
export const tipSchema = z.object({
  name: z.string().trim().min(1, 'Required.').max(200),
  email: z.string().trim().toLowerCase().email('Enter an e-mail address.').max(254),
  message: z.string().trim().min(1, 'Required.').max(5000),
})
export type TipInput = z.infer<typeof tipSchema>

/** A coordinator marks a tip handled. */
export const tipHandlingSchema = z.object({
  outcome: z.enum(['reached_developer', 'not_useful']),
  note: z.string().trim().min(1, 'Required.').max(2000),
})
export type TipHandlingInput = z.infer<typeof tipHandlingSchema>

const channelList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(CHANNELS)).max(CHANNELS.length))

export const policySchema = z.object({
  requiredChannels: channelList,
  minAttempts: z.coerce.number().int().min(1).max(100),
  minSpanBusinessDays: z.coerce.number().int().min(0).max(1000),
  detailsAfterMonths: z.coerce.number().int().min(0).max(120),
})
export type PolicyInput = z.infer<typeof policySchema>

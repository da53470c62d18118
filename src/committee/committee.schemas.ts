import { z } from 'zod'
import { isoDateField, jstDateTimeField } from '../platform/http/date-fields.js'
import { acceptsLegacyPairs } from '../platform/http/bilingual.js'
import { checkbox } from '../platform/http/validate.js'
import { advisoryDraftSchema } from '../advisories/index.js'

const blank = (v: unknown) => (v === '' || v === null ? undefined : v)
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional())
const ids = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().min(1).max(100)).max(200))

/** A referral; `urgent` (a form checkbox or JSON true) needs `urgencyReason`. */
export const referralSchema = z.object({
  reason: z.enum(['uncontactable', 'uncoordinatable']),
  note: optionalText(5000),
  urgent: z.unknown().optional().transform(checkbox),
  urgencyReason: optionalText(2000),
}).refine((v) => !v.urgent || Boolean(v.urgencyReason), { message: 'validation.required', path: ['urgencyReason'] })

/** Marking a referral urgent, or cancelling that: always with a reason. */
export const urgencySchema = z.object({ reason: z.string().trim().min(1, 'Required.').max(2000) })

export const meetingSchema = z.object({
  heldOn: isoDateField,
  chairId: z.string().min(1).max(100),
  attendeeIds: ids.refine((a) => a.length > 0, 'validation.choose_at_least_one'),
  referralIds: ids,
  notes: z.preprocess((v) => v ?? '', z.string().trim().max(50_000)),
})
export type MeetingInput = z.infer<typeof meetingSchema>

export const recusalSchema = z.object({ reason: z.string().trim().min(1, 'Required.').max(2000) })

export const voteSchema = z.object({
  vote: z.enum(['publish', 'keep_waiting']),
  comment: z.preprocess((v) => v ?? '', z.string().trim().max(5000)),
  meetingId: optionalText(100),
})

/** The API's decision: `advisory` (the whole draft) replaces the case's draft before scheduling. */
export const decisionApiSchema = acceptsLegacyPairs(z.object({
  decision: z.enum(['publish', 'keep_waiting']),
  reasons: z.string().trim().min(1, 'Required.').max(20_000),
  meetingId: optionalText(100),
  publishAt: z.preprocess(blank, z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional()),
  advisory: advisoryDraftSchema.optional(),
}), ['advisory.vulnerabilities[].title'])
export type DecisionInput = z.infer<typeof decisionApiSchema>

/** `<input type="datetime-local">` is Japan time without an offset; Japan has no daylight saving. */
export const jstLocal = z.preprocess(blank, jstDateTimeField.optional())

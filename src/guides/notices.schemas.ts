import { z } from 'zod'
import { GUIDE_TOPICS } from './guides.tables.js'

/** A form's check boxes arrive as one string, an array, or nothing. */
const list = (v: unknown) => (v === undefined || v === '' ? [] : [v].flat())

/** Registering for update notices: an address, at least one topic, the mail's language. */
export const subscribeSchema = z.object({
  email: z.string().trim().min(1, 'validation.required').max(254).pipe(z.email()),
  topics: z.preprocess(list, z.array(z.enum(GUIDE_TOPICS)).min(1, 'validation.choose_at_least_one')),
  language: z.enum(['ja', 'en']),
  // Hidden: a forged value is no channel, never a refusal.
  ch: z.string().optional().catch(undefined),
})
export type SubscribeInput = z.infer<typeof subscribeSchema>

/** An administrator's announcement of a change: the topic and the note in both languages. */
export const announcementSchema = z.object({
  topic: z.enum(GUIDE_TOPICS),
  noteJa: z.string().trim().min(1, 'validation.required').max(2000),
  noteEn: z.string().trim().min(1, 'validation.required').max(2000),
})

/** How long a confirmation link works. */
export const CONFIRM_DAYS = 7

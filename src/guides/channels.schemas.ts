import { z } from 'zod'
import { CHANNEL_KINDS } from './guides.tables.js'
import { CHANNEL_TAG } from './channels.repository.js'

/** A new channel: its tag (what `?ch=` carries), its kind, and its name in both languages (English falls back to Japanese). */
export const channelSchema = z.object({
  tag: z.string().trim().toLowerCase().regex(CHANNEL_TAG, 'guides.channels.tag_format'),
  kind: z.enum(CHANNEL_KINDS),
  nameJa: z.string().trim().min(1, 'validation.required').max(200),
  nameEn: z.string().trim().max(200).optional(),
})

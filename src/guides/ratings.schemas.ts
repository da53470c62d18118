import { z } from 'zod'
import { guidePage } from './guide-pages.js'

export const RATING_COMMENT_MAX = 1000

/** A form sends "4"; JSON sends 4. Anything else ("abc", "2.5", "") stays as it is and is refused. */
const wholeNumber = (v: unknown) => (typeof v === 'string' && /^\s*\d{1,2}\s*$/.test(v) ? Number(v) : v)

/** A rating as a visitor sends it: a guide page, 1–5 stars, an optional comment, the channel that brought them. */
export const ratingSchema = z.object({
  page: z.string({ error: 'validation.required' }).refine((p) => guidePage(p) !== undefined, 'guides.rating.page_unknown'),
  stars: z.preprocess(wholeNumber, z.number({ error: 'guides.rating.stars_range' }).int('guides.rating.stars_range').min(1, 'guides.rating.stars_range').max(5, 'guides.rating.stars_range')),
  comment: z.string().trim().max(RATING_COMMENT_MAX).optional().default(''),
  // Checked against the active channels where it is stored: a forged or over-long tag becomes none, not an error.
  ch: z.string().optional().transform((v) => (v ?? '').slice(0, 100)),
})
export type RatingInput = z.infer<typeof ratingSchema>

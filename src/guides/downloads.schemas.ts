import { z } from 'zod'
import { downloadErrors } from './downloads.errors.js'
import { SURVEY_PURPOSES, type SurveyPurpose } from './guides.tables.js'

/** What the survey form sends: which button (answer or skip), the purpose, and the channel it came with. */
export const surveySchema = z.object({
  survey: z.enum(['answer', 'skip']).optional(),
  purpose: z.string().optional(),
  // The hidden fields: a forged or garbled value is ignored (no channel, the page's language), never refused.
  ch: z.string().optional().catch(undefined),
  lang: z.enum(['ja', 'en']).optional().catch(undefined),
})

/**
 * The survey's answer: null when skipped (or sent without a button, as a client without the form
 * would); a purpose from the list when answered; anything else is refused, so no made-up purpose
 * is ever counted.
 */
export function surveyAnswer(input: z.infer<typeof surveySchema>): SurveyPurpose | null {
  if (input.survey !== 'answer') return null
  const purpose = input.purpose?.trim() ?? ''
  if (!(SURVEY_PURPOSES as readonly string[]).includes(purpose)) throw downloadErrors.invalidPurpose()
  return purpose as SurveyPurpose
}

import { AppError } from '../platform/errors.js'
import { fieldDetails } from '../platform/http/field-messages.js'
import { SURVEY_PURPOSES } from './guides.tables.js'

/** Errors of the downloads, each with a stable code (`error.<code>` in outreach.messages.ts). */
export const downloadErrors = {
  /** "Answer and download" without a purpose from the list (nothing chosen, or a forged value). */
  invalidPurpose: () => new AppError('guides.download_invalid_purpose', 400,
    `Choose a purpose (${SURVEY_PURPOSES.join(', ')}) or skip the question.`, fieldDetails({ purpose: 'guides.download.purpose_required' })),
}

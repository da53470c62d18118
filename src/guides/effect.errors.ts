import { AppError } from '../platform/errors.js'
import { fieldDetails } from '../platform/http/field-messages.js'

/** Errors of the effect dashboard, each with a stable code (`error.<code>` in outreach.messages.ts). */
export const effectErrors = {
  invalidQuery: (fields: Record<string, string | { key: string; params?: Record<string, string | number> }>) =>
    new AppError('guides.effect_invalid_query', 400, 'The range or a filter is invalid: from and to are dates YYYY-MM-DD, from not after to, at most about three years apart.', fieldDetails(fields)),
}

import { AppError, errors } from '../platform/errors.js'

/** Errors of end-of-life handling and other endings, each with a stable code (`error.<code>` in the catalogues). */
export const endOfLifeErrors = {
  notPastSupportEnd: () => new AppError('end_of_life.not_past_support_end', 409,
    'An end-of-life handling needs a support-end date before today: set the product\'s support-end date first.'),
  dateInFuture: (field: string) => errors.invalidInput({ fields: { [field]: 'Must not be after today (Japan time).' } }),
}

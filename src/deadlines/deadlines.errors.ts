import { AppError } from '../platform/errors.js'

/** Errors of the deadlines feature, each with a stable code (`error.<code>` in the message catalogues). */
export const deadlineErrors = {
  reasonRequired: () =>
    new AppError('deadlines.reason_required', 400, 'Pausing a deadline needs a reason.', { fields: { reason: 'Required.' } }),
  alreadyPaused: () => new AppError('deadlines.already_paused', 409, 'This deadline is already paused.'),
  notPaused: () => new AppError('deadlines.not_paused', 409, 'This deadline is not paused.'),
  resolved: () => new AppError('deadlines.resolved', 409, 'This deadline no longer runs.'),
}

import { AppError } from '../platform/errors.js'

export const intakeErrors = {
  tooManyFiles: (max: number) => new AppError('intake.too_many_files', 400, `Attach at most ${max} files.`),
  duplicateTargetUnknown: () => new AppError('intake.duplicate_target_unknown', 400, 'No case has that receipt number.'),
  trackingLinkInvalid: () => new AppError('request.not_found', 404, 'Not found.'),
}

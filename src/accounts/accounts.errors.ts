import { AppError } from '../platform/errors.js'

export const accountErrors = {
  badCredentials: () => new AppError('accounts.bad_credentials', 401, 'E-mail or password is wrong.'),
  emailTaken: () => new AppError('accounts.email_taken', 409, 'An account with this e-mail already exists.'),
  invitationInvalid: () => new AppError('accounts.invitation_invalid', 404, 'This invitation link is not valid: it may be used, expired or revoked.'),
}

import { AppError } from '../platform/errors.js'

export const accountErrors = {
  /** Too many failed sign-ins for this address: the same for every address, account or not. */
  signInThrottled: (retryAfterSeconds: number) => new AppError('accounts.sign_in_throttled', 429,
    `Too many failed sign-ins for this address. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, { retryAfterSeconds, minutes: Math.ceil(retryAfterSeconds / 60) }),
  badCredentials: () => new AppError('accounts.bad_credentials', 401, 'E-mail or password is wrong.'),
  emailTaken: () => new AppError('accounts.email_taken', 409, 'An account with this e-mail already exists.'),
  invitationInvalid: () => new AppError('accounts.invitation_invalid', 404, 'This invitation link is not valid: it may be used, expired or revoked.'),
  /** Only after the right password: whoever reads it knows the password already. */
  accountDeactivated: () => new AppError('accounts.account_deactivated', 403, 'This account has been deactivated. Ask an administrator to reactivate it.'),
  resetLinkInvalid: () => new AppError('accounts.reset_link_invalid', 404, 'This password reset link is not valid: it may be used or expired. Ask for a new one.'),
  tokenNotFound: () => new AppError('accounts.token_not_found', 404, 'No such API token of yours.'),
}

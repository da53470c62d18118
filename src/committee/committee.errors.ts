import { AppError } from '../platform/errors.js'

/** Errors of the committee feature (`error.<code>` in the message catalogues). */
export const committeeErrors = {
  notActive: () => new AppError('committee.referral_closed', 409, 'This referral is no longer before the committee.'),
  recused: () => new AppError('committee.recused', 409, 'You recused yourself from this referral.'),
  alreadyRecused: () => new AppError('committee.already_recused', 409, 'You have already recused yourself from this referral.'),
  alreadyUrgent: () => new AppError('committee.already_urgent', 409, 'This referral is already marked urgent.'),
  notUrgent: () => new AppError('committee.not_urgent', 409, 'This referral is not marked urgent.'),
  noVotes: () => new AppError('committee.no_votes', 409, 'No member has voted on this referral yet.'),
  invalidMeeting: (field: string, message: string) =>
    new AppError('committee.invalid_meeting', 400, 'The meeting record is not consistent.', { fields: { [field]: message } }),
  publishAtRequired: () =>
    new AppError('request.invalid', 400, 'A decision to publish needs a publication time.', { fields: { publishAt: 'Required.' } }),
  noDraft: () =>
    new AppError('advisories.incomplete', 400, 'Write the advisory before deciding to publish.', { fields: { advisory: 'Required.' } }),
}

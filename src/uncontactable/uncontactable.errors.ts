import { AppError } from '../platform/errors.js'
import type { PolicyProgress } from './contact-policy.js'

/** Errors of the uncontactable feature (`error.<code>` in the message catalogues). */
export const uncontactableErrors = {
  policyNotMet: (progress: PolicyProgress) =>
    new AppError('uncontactable.policy_not_met', 409, 'The contact-attempt policy is not met yet for this developer.', { progress }),
  alreadyListed: () => new AppError('uncontactable.already_listed', 409, 'This developer is already declared uncontactable.'),
  tipAlreadyHandled: () => new AppError('uncontactable.tip_already_handled', 409, 'This tip has already been handled.'),
  notListed: () => new AppError('uncontactable.not_listed', 409, 'This developer is not on the uncontactable list.'),
}

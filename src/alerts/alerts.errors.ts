import { AppError } from '../platform/errors.js'

/** Errors of the alerts feature (`error.<code>` in the message catalogues). */
export const alertErrors = {
  alreadyPublished: () => new AppError('alerts.already_published', 409, 'The alert is published: change it with a revision.'),
  notPublished: () => new AppError('alerts.not_published', 409, 'Only a published alert can be revised or close cases.'),
  incomplete: (fields: Record<string, string>) =>
    new AppError('alerts.incomplete', 409, 'The alert needs its body in Japanese and English before publication.', { fields }),
  notCoverable: (caseIds: string[]) =>
    new AppError('alerts.case_not_coverable', 409, 'Only open website cases (accepted, operator notified) can be covered.', { caseIds }),
  notCovered: (caseIds: string[]) =>
    new AppError('alerts.case_not_covered', 409, 'These cases are not covered by the alert, or were already closed by it.', { caseIds }),
}

import { AppError } from '../platform/errors.js'

/** Errors of priority information provision, each with a stable code (`error.<code>` in the catalogues). */
export const priorityInformationErrors = {
  noAdvisory: () => new AppError('priority_information.no_advisory', 409, 'The case has no advisory draft to provide yet.'),
  alreadyPublic: () => new AppError('priority_information.already_public', 409, 'The advisory is already public: there is nothing to provide in advance.'),
  noRecipients: () => new AppError('priority_information.no_recipients', 400, 'Choose at least one sector or organisation.',
    { fields: { sectors: 'Choose at least one sector or organisation.' } }),
  unknownOrganization: () => new AppError('priority_information.unknown_organization', 400, 'A chosen organisation is not a critical-infrastructure organisation.',
    { fields: { organizationIds: 'Not a critical-infrastructure organisation.' } }),
  termsNotAccepted: (provisionId: string, terms: { version: string; ja: string; en: string }) => new AppError('priority_information.terms_not_accepted', 409,
    'Accept the confidentiality terms before reading this priority information.', { terms, acceptUrl: `/api/v1/priority-information/provisions/${provisionId}/acceptance` }),
  committeeReasonRequired: () => new AppError('priority_information.committee_reason_required', 400,
    'This advisory is published by committee decision, which the priority-information rules never considered: give the reason for providing it.',
    { fields: { committeeDecisionReason: 'Required for a publication decided by the committee.' } }),
  alreadyPublished: () => new AppError('priority_information.published', 409, 'The advisory is public now; read it on the portal.'),
}

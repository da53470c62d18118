import { AppError } from '../platform/errors.js'

/** Errors of the advisory feature, each with a stable code (`error.<code>` in the message catalogues). */
export const advisoryErrors = {
  invalidCvss: (version: '3.1' | '4.0', vector: string, field?: string) =>
    new AppError('advisories.invalid_cvss', 400, `Not a valid CVSS ${version} base vector: ${vector.slice(0, 200)}`,
      field ? { fields: { [field]: `Not a valid CVSS ${version} base vector.` } } : { version }),
  notFound: () => new AppError('advisories.not_found', 404, 'There is no advisory for this case yet.'),
  notEditable: (status: string) =>
    new AppError('advisories.not_editable', 409, `The advisory cannot be edited while the case is "${status}".`, { status }),
  alreadyPublic: () =>
    new AppError('advisories.already_public', 409, 'The advisory is already public: change it with a revision, not by editing the draft or moving its date.'),
  notPublished: () => new AppError('advisories.not_published', 409, 'Only a published advisory can be revised.'),
  incomplete: (fields: Record<string, string>) =>
    new AppError('advisories.incomplete', 400, 'The advisory is missing what a publication needs.', { fields }),
  reasonRequired: () =>
    new AppError('advisories.reason_required', 400, 'Moving a publication date needs a reason.', { fields: { reason: 'Required when moving the date.' } }),
  publishAtPast: () =>
    new AppError('advisories.publish_at_past', 400, 'The publication time is in the past.', { fields: { publishAt: 'Must not be in the past.' } }),
  creditWithoutConsent: () =>
    new AppError('advisories.credit_without_consent', 400, 'A finder who did not consent to be credited cannot be credited.'),
  vulnerabilityInUse: () =>
    new AppError('advisories.vulnerability_in_use', 409, 'A vulnerability that developers have statuses for cannot be removed.'),
  unknownVulnerability: () =>
    new AppError('advisories.unknown_vulnerability', 400, 'A vulnerability id does not belong to this case.'),
}

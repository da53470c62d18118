import { AppError } from '../platform/errors.js'

/** Errors of coordination requests and the vendor matrix (`error.<code>` in the message catalogues). */
export const coordinationRequestErrors = {
  duplicateReference: (caseId: string) =>
    new AppError('coordination_requests.duplicate_reference', 409, 'A case for this source and reference already exists.', { caseId }),
  unknownOrganization: (index: number) =>
    new AppError('coordination_requests.unknown_organization', 400, 'An organisation does not exist or is not a developer.',
      { fields: { [`organizations.${index}.organizationId`]: 'Unknown developer organisation.' } }),
  notCoordinating: (status: string) =>
    new AppError('coordination_requests.not_coordinating', 409, `Vendors cannot be changed while the case is "${status}".`, { status }),
}

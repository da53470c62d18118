import { AppError } from '../platform/errors.js'
import { fieldDetails } from '../platform/http/field-messages.js'

/** Errors of the CVE feature (`error.<code>` in the message catalogues). */
export const cveErrors = {
  poolEmpty: () => new AppError('cve.pool_empty', 409, 'No reserved CVE ID is free: add reserved IDs to the pool first.'),
  nothingToAssign: () => new AppError('cve.nothing_to_assign', 409, 'Every vulnerability of the case already has a CVE ID.'),
  alreadyAssigned: (cveId: string) => new AppError('cve.already_assigned', 409, `The vulnerability already has ${cveId}.`, { cveId }),
  notEditable: () => new AppError('cve.not_editable', 409, 'The advisory is public or the case is closed: its CVE IDs change only through a revision.'),
  unknownVulnerability: () => new AppError('cve.unknown_vulnerability', 404, 'The case has no such vulnerability.'),
  noIds: () => new AppError('cve.no_ids', 400, 'Enter at least one CVE ID, one a line.', fieldDetails({ cveIds: 'validation.required' })),
  invalidLines: (lines: string[]) => new AppError('cve.invalid_lines', 400, `Not CVE IDs (CVE-YYYY-NNNN): ${lines.join(', ')}. Nothing was added.`, {
    lines: lines.join(', '), ...fieldDetails({ cveIds: { key: 'cve.field_invalid_lines', params: { lines: lines.join(', ') } } }),
  }),
}

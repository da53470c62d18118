import { AppError } from '../platform/errors.js'

/** Errors of the OSV feature, each with a stable code (`error.<code>` in the message catalogues). */
export const osvErrors = {
  /** The advisory is public but names no package: OSV describes packages, so it has no record. */
  noPackage: (identifier: string) =>
    new AppError('osv.no_package', 404, 'This advisory names no package (ecosystem and name), so it has no OSV record.', { identifier }),
}

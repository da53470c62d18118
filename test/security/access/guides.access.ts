import { ALL, type AccessTable } from './access-types.js'

/** Who may call each route of the guides: The guides' front page: public. */
export const guidesAccess: AccessTable = {
  'GET /guides': ALL,
}

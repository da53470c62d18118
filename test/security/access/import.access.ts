import type { AccessTable } from './access-types.js'

/** Who may call each import route: 'METHOD /path' → actors allowed (everyone else: 404 / sign in). */
export const importAccess: AccessTable = {
  // Loading outside data as public advisories is an administrator's act (issue 12).
  'GET /admin/import': ['admin'],
  'POST /admin/import': ['admin'],
}

import { ALL, type AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/**
 * Who may call each route of the guides: Consumer guides, QR codes and ratings — all public, no
 * account needed. The matrix asks for the QR codes without a page (400) and posts `{}` as a
 * rating (400): both count as allowed.
 */
export const guidesPagesAccess: AccessTable = {
  'GET /guides/consumers/choosing': ALL,
  'GET /guides/consumers/using': ALL,
  'GET /guides/qr.svg': ALL,
  'GET /guides/qr.png': ALL,
  'POST /guides/ratings': ALL,
  'GET /guides/ratings/thanks': ALL,
  'POST /api/v1/guides/ratings': ALL,
}

/** Objects these routes need (their route parameters' values): none, they take no parameters. */
export const guidesPagesSeed: AccessSeed = async () => ({})

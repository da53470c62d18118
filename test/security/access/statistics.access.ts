import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/**
 * Who may call each statistics route: intake staff only. The website figures are not public in
 * issue 4 — a count by type or bucket could point to one site — and coordinators never see
 * website cases; everyone else signed in gets 404, anonymous visitors 401 or the sign-in page.
 */
export const statisticsAccess: AccessTable = {
  'GET /statistics/websites': ['intake'],
  'GET /statistics/websites.csv': ['intake'],
  'GET /api/v1/statistics/websites': ['intake'],
}

export const statisticsSeed: AccessSeed | null = null

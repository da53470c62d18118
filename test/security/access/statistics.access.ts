import { ALL, type AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

/**
 * Who may call each statistics route. The website figures as of any date are for intake staff
 * only — a count by type or bucket could point to one site, and coordinators never see website
 * cases; everyone else signed in gets 404, anonymous visitors 401 or the sign-in page. The
 * quarterly report of a finished quarter is public (DESIGN §5: statistics), page, downloads and JSON.
 */
export const statisticsAccess: AccessTable = {
  'GET /statistics/websites': ['intake'],
  'GET /statistics/websites.csv': ['intake'],
  'GET /api/v1/statistics/websites': ['intake'],
  'GET /statistics': ALL,
  'GET /statistics/report.css': ALL,
  'GET /statistics/:quarter': ALL,
  'GET /api/v1/statistics/:quarter': ALL,
  // the staff view of the report for any date: counts only, for the staff who answer for the figures
  'GET /statistics/staff': ['intake', 'coordinator', 'admin'],
  'GET /api/v1/statistics/staff': ['intake', 'coordinator', 'admin'],
  // the cases behind a count (product side when not given): those who may see the cases (DESIGN §5)
  'GET /statistics/staff/cases': ['intake', 'coordinator'],
  'GET /api/v1/statistics/staff/cases': ['intake', 'coordinator'],
  // computing a frozen quarter again from the event log: administrators
  'POST /statistics/:quarter/recompute': ['admin'],
  'POST /api/v1/statistics/:quarter/recompute': ['admin'],
}

/** The world's "now" is 2026-04-01 in Japan: 2026Q1 is the last finished quarter. */
export const statisticsSeed: AccessSeed = async () => ({ quarter: '2026Q1' })

import type { AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'

const OPERATOR_ADMIN = ['intake', 'admin'] as const

/**
 * Who may call each website-flow route. Routes on `:websiteCaseId` run against the world's website
 * case (notified to `operator`'s organisation, filed by `finder`); the shared case routes
 * (/cases/:caseId…) are checked against a website case in test/security/website-case-access.test.ts.
 */
export const websitesAccess: AccessTable = {
  // the website report form is public, like the product one
  'GET /report/website': ['anonymous', 'finder', 'otherFinder', 'intake', 'coordinator', 'developer', 'otherDeveloper', 'admin', 'committee', 'ciOperator', 'otherCiOperator', 'operator', 'otherOperator'],
  'POST /report/website': ['anonymous', 'finder', 'otherFinder', 'intake', 'coordinator', 'developer', 'otherDeveloper', 'admin', 'committee', 'ciOperator', 'otherCiOperator', 'operator', 'otherOperator'],
  'POST /api/v1/reports/website': ['anonymous', 'finder', 'otherFinder', 'intake', 'coordinator', 'developer', 'otherDeveloper', 'admin', 'committee', 'ciOperator', 'otherCiOperator', 'operator', 'otherOperator'],
  // intake staff run the flow
  'GET /websites': ['intake'], 'GET /api/v1/websites/cases': ['intake'],
  'POST /cases/:websiteCaseId/website-classification': ['intake'], 'POST /api/v1/cases/:websiteCaseId/website-classification': ['intake'],
  'POST /cases/:websiteCaseId/operator': ['intake'], 'POST /api/v1/cases/:websiteCaseId/operator': ['intake'],
  'POST /cases/:websiteCaseId/website-closure': ['intake'], 'POST /api/v1/cases/:websiteCaseId/website-closure': ['intake'],
  'POST /cases/:websiteCaseId/resume-handling': ['intake'], 'POST /api/v1/cases/:websiteCaseId/resume-handling': ['intake'],
  'POST /cases/:websiteCaseId/remind-operator': ['intake'], 'POST /api/v1/cases/:websiteCaseId/operator-reminders': ['intake'],
  // the notified operator (and intake on its behalf)
  'POST /cases/:websiteCaseId/fix': ['intake', 'operator'], 'POST /api/v1/cases/:websiteCaseId/fix': ['intake', 'operator'],
  'POST /cases/:websiteCaseId/dispute': ['operator'], 'POST /api/v1/cases/:websiteCaseId/dispute': ['operator'],
  // operator organisations
  'GET /operators': [...OPERATOR_ADMIN], 'GET /operators/new': [...OPERATOR_ADMIN], 'POST /operators': [...OPERATOR_ADMIN],
  'GET /operators/:operatorId': [...OPERATOR_ADMIN], 'POST /operators/:operatorId/contacts': [...OPERATOR_ADMIN],
  'GET /api/v1/operators': [...OPERATOR_ADMIN], 'POST /api/v1/operators': [...OPERATOR_ADMIN],
  'GET /api/v1/operators/:operatorId': [...OPERATOR_ADMIN], 'POST /api/v1/operators/:operatorId/contacts': [...OPERATOR_ADMIN],
}

/** The website case and its operator come from the matrix's world. */
export const websitesSeed: AccessSeed | null = async ({ website }) => ({ websiteCaseId: website.caseId, operatorId: website.orgId })

import type { Operation } from '../platform/http/openapi-operation.js'
import { advisoryDraftSchema, reviseSchema, scheduleApiSchema } from './advisories.schemas.js'

/** The advisories operations of /api/v1, for the OpenAPI document. */
export const advisoriesOperations: readonly Operation[] = [
  { method: 'get', path: '/api/v1/cases/{caseId}/advisory', summary: 'The advisory draft of a case (coordinators)', tag: 'advisories', auth: 'user' },
  { method: 'put', path: '/api/v1/cases/{caseId}/advisory', summary: 'Save the advisory draft with its vulnerabilities (coordinators)', tag: 'advisories', body: advisoryDraftSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/advisory/schedule', summary: 'Schedule or move publication (coordinators)', tag: 'advisories', body: scheduleApiSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/advisory/revisions', summary: 'Revise a published advisory (coordinators)', tag: 'advisories', body: reviseSchema, auth: 'user' },
  { method: 'post', path: '/api/v1/cases/{caseId}/advisory/unschedule', summary: 'Take a scheduled advisory back to draft (coordinators)', tag: 'advisories', auth: 'user' },
]

import type { Operation } from '../platform/http/openapi-operation.js'
import { array, id, object, string } from '../platform/http/openapi-schema.js'
import { joinDuplicateSchema } from './duplicates.usecases.js'

/** The duplicate-joining operations of /api/v1, for the OpenAPI document. */
export const duplicatesOperations: readonly Operation[] = [
  { method: 'post', path: '/api/v1/cases/{caseId}/join-duplicate', summary: 'Join a received report to the existing case it duplicates (intake staff, coordinators)', tag: 'intake', body: joinDuplicateSchema, auth: 'user', response: { status: 200, schema: object({ caseId: id, status: string(), targetCaseId: id, movedReportIds: array(id) }) } },
]

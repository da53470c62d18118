import type { Operation } from '../api/operation.js'

/** The /api/v1 operations of coordination-requests, merged into the OpenAPI document. */
export const coordinationRequestsOperations: Operation[] = []

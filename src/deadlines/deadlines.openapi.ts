import type { Operation } from '../api/operation.js'

/** The /api/v1 operations of deadlines, merged into the OpenAPI document. */
export const deadlinesOperations: Operation[] = []

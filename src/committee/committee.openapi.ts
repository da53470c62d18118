import type { Operation } from '../api/operation.js'

/** The /api/v1 operations of committee, merged into the OpenAPI document. */
export const committeeOperations: Operation[] = []

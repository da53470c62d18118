import type { Operation } from '../api/operation.js'

/** The /api/v1 operations of end-of-life, merged into the OpenAPI document. */
export const endOfLifeOperations: Operation[] = []

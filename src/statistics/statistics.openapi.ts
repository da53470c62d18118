import type { Operation } from '../api/operation.js'

/** The /api/v1 operations of statistics, merged into the OpenAPI document. */
export const statisticsOperations: Operation[] = [
]

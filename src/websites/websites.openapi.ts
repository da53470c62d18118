import type { Operation } from '../api/operation.js'

/** The /api/v1 operations of websites, merged into the OpenAPI document. */
export const websitesOperations: Operation[] = [
]

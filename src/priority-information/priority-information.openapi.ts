import type { Operation } from '../api/operation.js'

/** The /api/v1 operations of priority-information, merged into the OpenAPI document. */
export const priorityInformationOperations: Operation[] = []

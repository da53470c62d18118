import type { Operation } from '../api/operation.js'

/** The /api/v1 operations of uncontactable, merged into the OpenAPI document. */
export const uncontactableOperations: Operation[] = []

import type { Operation } from '../platform/http/openapi-operation.js'
import { checklistOperations } from './checklist.openapi.js'
import { outreachOperations } from './outreach.openapi.js'
import { ratingsOperations } from './ratings.openapi.js'

/** The /api/v1 operations of the guides, merged into the OpenAPI document. */
export const guidesOperations: Operation[] = [...checklistOperations, ...ratingsOperations, ...outreachOperations]

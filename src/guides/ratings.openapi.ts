import type { Operation } from '../platform/http/openapi-operation.js'
import { boolean, integer, object, string } from '../platform/http/openapi-schema.js'
import { ratingSchema } from './ratings.schemas.js'

/** The /api/v1 operations of guide ratings, merged into the OpenAPI document by guides.openapi.ts. */
export const ratingsOperations: Operation[] = [
  {
    method: 'post', path: '/api/v1/guides/ratings', tag: 'guides', auth: 'optional', body: ratingSchema,
    summary: "Rate a guide page 1–5 stars with an optional comment: one rating per visitor and page, a repeat replaces the earlier one (no account needed; abuse-limited)",
    response: { status: 200, schema: object({ page: string(), stars: integer({ minimum: 1, maximum: 5 }), replaced: boolean() }) },
  },
]

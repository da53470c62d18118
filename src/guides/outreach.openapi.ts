import type { Operation } from '../platform/http/openapi-operation.js'

export const outreachOperations: Operation[] = []

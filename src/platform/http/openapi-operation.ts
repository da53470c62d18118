import type { z } from 'zod'
import type { JsonSchema } from './openapi-schema.js'

/**
 * What an operation answers when it succeeds: JSON with its schema (hand-written with
 * `openapi-schema.ts`, or a Zod schema the route already has), nothing (204), or another media
 * type (CSV, RSS, a file).
 */
export type Reply =
  | { status: 200 | 201 | 202; description?: string; schema: JsonSchema | z.ZodType }
  | { status: 204; description?: string }
  | { status: 200; description?: string; mediaType: string; schema?: JsonSchema }

/**
 * One /api/v1 operation as the OpenAPI document lists it. `response` is required: an operation is
 * documented with what it answers, so a generated client is typed.
 */
export type Operation = {
  method: 'get' | 'post' | 'put' | 'delete'
  path: string
  summary: string
  tag: string
  body?: z.ZodType
  auth: 'none' | 'user' | 'optional'
  /** The success answer, or several when the operation has more than one (e.g. 200 or 201). */
  response: Reply | readonly [Reply, ...Reply[]]
}

const installed: Operation[] = []

/** The features' operations, handed over at start-up by the composition root; the OpenAPI document lists them. */
export function installOperations(operations: readonly Operation[]): void {
  installed.splice(0, installed.length, ...operations)
}

/** Every /api/v1 operation the running app documents. */
export const documentedOperations = (): readonly Operation[] => installed

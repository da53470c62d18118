import type { z } from 'zod'

/** One /api/v1 operation as the OpenAPI document lists it. */
export type Operation = { method: 'get' | 'post' | 'put' | 'delete'; path: string; summary: string; tag: string; body?: z.ZodType; auth: 'none' | 'user' | 'optional' }

const installed: Operation[] = []

/** The features' operations, handed over at start-up by the composition root; the OpenAPI document lists them. */
export function installOperations(operations: readonly Operation[]): void {
  installed.splice(0, installed.length, ...operations)
}

/** Every /api/v1 operation the running app documents. */
export const documentedOperations = (): readonly Operation[] => installed

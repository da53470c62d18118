import type { z } from 'zod'

/** One /api/v1 operation as the OpenAPI document lists it. */
export type Operation = { method: 'get' | 'post' | 'put' | 'delete'; path: string; summary: string; tag: string; body?: z.ZodType; auth: 'none' | 'user' | 'optional' }

import type { z } from 'zod'
import { errors } from '../errors.js'
import type { Ctx } from './context.js'

export type FieldErrors = Record<string, string>

/** Zod issues as `{ field: message }`, first message per field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_'
    out[key] ??= issue.message
  }
  return out
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw errors.invalidInput({ fields: fieldErrors(result.error) })
  return result.data
}

/** A JSON body, not yet validated (for a route that checks access before it parses); malformed JSON is a 400. */
export async function jsonInput(c: Ctx): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    throw errors.invalidInput({ fields: { _: 'Body must be JSON.' } })
  }
}

/** A JSON body validated by `schema`; malformed JSON is a 400 too. */
export async function jsonBody<S extends z.ZodType>(c: Ctx, schema: S): Promise<z.infer<S>> {
  return parseWith(schema, await jsonInput(c))
}

/** A form body (urlencoded or multipart), without the CSRF field. Repeated fields become arrays. */
export async function formBody(c: Ctx): Promise<Record<string, unknown>> {
  const body = await c.req.parseBody({ all: true })
  const { _csrf: _ignored, ...rest } = body
  return rest
}

/** Checkbox fields: present → true. */
export const checkbox = (v: unknown) => v === 'on' || v === 'true' || v === true || v === '1'

/** Empty form strings become undefined, so optional fields stay optional. */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

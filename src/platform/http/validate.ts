import type { z } from 'zod'
import { errors } from '../errors.js'
import type { Ctx } from './context.js'
import { unstorableText, unstorableTextAt } from './request-text.js'
import { acceptLegacyBilingual } from './bilingual.js'
import { fieldDetails, issueKey, zodFieldDetails, type FieldDetails } from './field-messages.js'

export { fieldDetails, type FieldMessage } from './field-messages.js'

/** Zod issues as field details: each field's first problem as a catalogue key, with its placeholders. */
export function fieldErrors(error: z.ZodError): FieldDetails {
  return zodFieldDetails(error)
}

/**
 * `schema` applied to `input`; a failure is a 400 `request.invalid` naming each field's problem as a
 * catalogue key (`validation.required`, `validation.too_long` with `{ max }` …), translated where it
 * is shown. A schema's own message may be a catalogue key too.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input, { error: issueKey })
  if (!result.success) throw errors.invalidInput(fieldErrors(result.error))
  return result.data
}

/**
 * A JSON body, not yet validated (for a route that checks access before it parses); malformed JSON,
 * and text that cannot be stored (NUL, unpaired surrogates), are a 400.
 */
export async function jsonInput(c: Ctx): Promise<unknown> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw errors.invalidInput(fieldDetails({ _: 'validation.body_not_json' }))
  }
  const bad = unstorableTextAt(body)
  if (bad !== undefined) throw unstorableText(bad)
  return body
}

/**
 * A JSON body validated by `schema`; malformed JSON is a 400 too. Bilingual text in the old flat
 * shape (`titleJa`/`titleEn`) is still taken for the schemas that allow it, with a `Deprecation` header.
 */
export async function jsonBody<S extends z.ZodType>(c: Ctx, schema: S): Promise<z.infer<S>> {
  return parseWith(schema, acceptLegacyBilingual(c, schema, await jsonInput(c)))
}

/**
 * A form body (urlencoded or multipart) as parsed once per request; repeated fields become arrays.
 * A body that does not parse (a multipart body without its boundary, a broken part header) and
 * text that cannot be stored are a 400.
 */
export async function parsedForm(c: Ctx): Promise<Record<string, string | File | (string | File)[]>> {
  let body: Record<string, string | File | (string | File)[]>
  try {
    body = await c.req.parseBody({ all: true })
  } catch {
    throw errors.invalidInput(fieldDetails({ _: 'validation.body_not_form' }))
  }
  const bad = unstorableTextAt(body)
  if (bad !== undefined) throw unstorableText(bad)
  return body
}

/** A form body (urlencoded or multipart), without the CSRF field and the place it returns to. Repeated fields become arrays. */
export async function formBody(c: Ctx): Promise<Record<string, unknown>> {
  const { _csrf: _ignored, _return: _place, ...rest } = await parsedForm(c)
  return rest
}

/** Checkbox fields: present → true. */
export const checkbox = (v: unknown) => v === 'on' || v === 'true' || v === true || v === '1'

/** Empty form strings become undefined, so optional fields stay optional. */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

import type { z } from 'zod'
import { AppError } from '../errors.js'
import type { Lang, Translate } from '../i18n/index.js'

/**
 * A field's problem as a catalogue key (`validation.too_long`) and its placeholders (`{ max: 200 }`),
 * translated only where the reader's language is known: the page or the JSON answer. A schema may
 * name a key as its own message (`z.string().min(1, 'validation.required')`); text that is not a
 * key (older English messages) is shown as it is in English and as a general message in Japanese.
 */
export type FieldMessage = { key: string; params?: Record<string, string | number> }

/** How an invalid-input error carries its fields: `fields` holds the keys (stable names → message key), `fieldParams` their placeholders. */
export type FieldDetails = { fields: Record<string, string>; fieldParams?: Record<string, Record<string, string | number>> }

/** Zod's issue, as handed to an error map: the input is still there, so "missing" can be told from "wrong". */
type RawIssue = z.core.$ZodRawIssue

const stringFormats: Record<string, string> = {
  email: 'validation.email', url: 'validation.url', date: 'validation.date', datetime: 'validation.datetime',
  time: 'validation.time', uuid: 'validation.id', guid: 'validation.id', ulid: 'validation.id', cuid: 'validation.id', cuid2: 'validation.id',
}

const isNumberOrigin = (origin: unknown) => origin === 'number' || origin === 'int' || origin === 'bigint'
const isListOrigin = (origin: unknown) => origin === 'array' || origin === 'set'
const isBlank = (input: unknown) => input === undefined || input === null || (typeof input === 'string' && input.trim() === '')

/**
 * The per-parse error map: the catalogue key for a Zod issue the schema left without a message of
 * its own. Pass it as `schema.safeParse(input, { error: issueKey })`; `parseWith` does.
 */
export function issueKey(iss: RawIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      if (isBlank(iss.input)) return 'validation.required'
      if (iss.expected === 'int' && typeof iss.input === 'number') return 'validation.integer'
      if (iss.expected === 'number' || iss.expected === 'int' || iss.expected === 'bigint') return 'validation.number'
      if (iss.expected === 'date') return 'validation.date'
      return 'validation.invalid'
    case 'too_small':
      if (iss.origin === 'string') return iss.exact ? 'validation.length_exact' : Number(iss.minimum) <= 1 ? 'validation.required' : 'validation.too_short'
      if (isListOrigin(iss.origin)) return Number(iss.minimum) <= 1 ? 'validation.choose_at_least_one' : 'validation.too_few'
      if (isNumberOrigin(iss.origin)) return iss.inclusive === false ? 'validation.number_above' : 'validation.number_min'
      if (iss.origin === 'date') return 'validation.date_min'
      return 'validation.invalid'
    case 'too_big':
      if (iss.origin === 'string') return iss.exact ? 'validation.length_exact' : 'validation.too_long'
      if (isListOrigin(iss.origin)) return 'validation.too_many'
      if (isNumberOrigin(iss.origin)) return iss.inclusive === false ? 'validation.number_below' : 'validation.number_max'
      if (iss.origin === 'date') return 'validation.date_max'
      if (iss.origin === 'file') return 'validation.file_too_large'
      return 'validation.invalid'
    case 'invalid_format':
      return isBlank(iss.input) ? 'validation.required' : stringFormats[iss.format] ?? 'validation.format'
    case 'invalid_value':
      return isBlank(iss.input) ? 'validation.required' : 'validation.choice'
    case 'not_multiple_of':
      return 'validation.multiple_of'
    case 'unrecognized_keys':
      return 'validation.unknown_keys'
    default:
      return 'validation.invalid'
  }
}

const dateParam = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' && v > 1e11 ? new Date(v).toISOString().slice(0, 10) : String(v))

/** The placeholders a message key needs, read off a finished Zod issue. */
export function issueParams(issue: z.core.$ZodIssue): Record<string, string | number> | undefined {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'date' ? { min: dateParam(issue.minimum) } : { min: Number(issue.minimum), n: Number(issue.minimum) }
    case 'too_big':
      return issue.origin === 'date' ? { max: dateParam(issue.maximum) } : { max: Number(issue.maximum), n: Number(issue.maximum) }
    case 'not_multiple_of':
      return { divisor: Number(issue.divisor) }
    case 'unrecognized_keys':
      return { keys: issue.keys.join(', ') }
    default:
      return undefined
  }
}

/** Zod issues as field details: the first problem of each field, named by its dotted path (`_` for the whole input). */
export function zodFieldDetails(error: z.ZodError, rename: (key: string) => string = (k) => k): FieldDetails {
  const fields: Record<string, string> = {}
  const fieldParams: Record<string, Record<string, string | number>> = {}
  for (const issue of error.issues) {
    const key = rename(issue.path.join('.') || '_')
    if (key in fields) continue
    fields[key] = issue.message
    const params = issueParams(issue)
    if (params) fieldParams[key] = params
  }
  return Object.keys(fieldParams).length ? { fields, fieldParams } : { fields }
}

/** Field details from messages: `{ reason: 'validation.required' }` or `{ title: { key: 'validation.too_long', params: { max: 300 } } }`. */
export function fieldDetails(messages: Record<string, string | FieldMessage>): FieldDetails {
  const fields: Record<string, string> = {}
  const fieldParams: Record<string, Record<string, string | number>> = {}
  for (const [name, m] of Object.entries(messages)) {
    fields[name] = typeof m === 'string' ? m : m.key
    if (typeof m !== 'string' && m.params) fieldParams[name] = m.params
  }
  return Object.keys(fieldParams).length ? { fields, fieldParams } : { fields }
}

/** Older English messages that say what a catalogue key says. */
const legacyKeys: Record<string, string> = {
  'Required.': 'validation.required',
}

/**
 * One field message in the reader's language. A catalogue key is translated; other text is kept in
 * English and, in Japanese, replaced by the general "check this value" (never English on a Japanese page).
 */
export function translateFieldMessage(t: Translate, lang: Lang, message: string, params?: Record<string, string | number>): string {
  const key = legacyKeys[message] ?? message
  const text = t(key, params)
  if (text !== key) return text
  return lang === 'en' && !/^[a-z_]+(\.[a-z0-9_]+)+$/.test(message) ? message : t('validation.invalid')
}

/** An error's field problems, in the reader's language: `{ productName: '必須項目です。' }`. Empty for errors without fields. */
export function translatedFields(t: Translate, lang: Lang, error: unknown): Record<string, string> {
  if (!(error instanceof AppError)) return {}
  const details = error.details as Partial<FieldDetails> | undefined
  if (!details || typeof details !== 'object' || !details.fields || typeof details.fields !== 'object') return {}
  return Object.fromEntries(Object.entries(details.fields).map(([name, message]) =>
    [name, translateFieldMessage(t, lang, String(message), details.fieldParams?.[name])]))
}

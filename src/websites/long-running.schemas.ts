import { z } from 'zod'
import { blankToUndefined } from '../platform/http/validate.js'
import { websiteTypeKeys } from '../cases/website-categories.js'
import { LONG_RUNNING_BUCKET_KEYS } from './long-running-buckets.js'

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional())

/** The dashboard's filters (page and API alike); "all" is an empty or absent value. */
export const longRunningQuerySchema = z.object({
  type: z.preprocess(blankToUndefined, z.enum(websiteTypeKeys).optional()),
  bucket: z.preprocess(blankToUndefined, z.enum(LONG_RUNNING_BUCKET_KEYS).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).optional()),
})
export type LongRunningQuery = z.infer<typeof longRunningQuerySchema>

/** Reminders to the operators of the selected cases; the note goes to the case history only, never into mail. */
export const remindersSchema = z.object({
  caseIds: z.array(z.string().trim().min(1).max(100)).min(1, 'Select at least one case.').max(500),
  note: optionalText(2_000),
}).strict()
export type RemindersInput = z.infer<typeof remindersSchema>

/** The page form: checkboxes (one value or several), or one case's own button (`single`). */
export function remindersFromForm(form: Record<string, unknown>): { caseIds: unknown; note: unknown } {
  const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v])
  const single = typeof form.single === 'string' && form.single ? [form.single] : null
  return { caseIds: single ?? list(form.caseIds), note: form.note }
}

import { z } from 'zod'
import { blankToUndefined } from '../platform/http/validate.js'
import { isoDateField as isoDate } from '../platform/http/date-fields.js'
import { EOL_HANDLINGS } from './end-of-life.tables.js'

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional())

/**
 * The product's support-end date and, optionally, its confirmed name and version. In JSON the date
 * is required (null clears it); a blank form field clears it too.
 */
export const supportEndApiSchema = z.object({
  supportEndDate: isoDate.nullable(),
  productName: optionalText(200),
  productVersion: optionalText(200),
})
export const supportEndFormSchema = supportEndApiSchema.extend({
  supportEndDate: z.preprocess((v) => blankToUndefined(v) ?? null, isoDate.nullable()),
})
export type SupportEndInput = z.infer<typeof supportEndApiSchema>

/** One of DESIGN §3's handlings A–E, with the coordinator's note. */
export const eolHandlingSchema = z.object({
  handling: z.enum(EOL_HANDLINGS),
  note: optionalText(2000),
})
export type EolHandlingInput = z.infer<typeof eolHandlingSchema>

/** 個別対応 or a low-impact closure: the date it took effect (default today) and a note saying why. */
export const endingSchema = z.object({
  date: z.preprocess(blankToUndefined, isoDate.optional()),
  note: z.string().trim().min(1, 'Required.').max(2000),
})
export type EndingInput = z.infer<typeof endingSchema>

import { z } from 'zod'
import { blankToUndefined } from '../platform/http/validate.js'
import { CHECKLIST_ITEM_COUNT } from './guide-pages.js'
import type { Answers } from './checklist-result.js'

export const ITEM_NUMBERS = Array.from({ length: CHECKLIST_ITEM_COUNT }, (_, i) => i + 1)

const level = z.enum(['0', '1', '2', '3'], { error: (iss) => (iss.input === undefined || iss.input === '' ? 'guides.checklist.answer_required' : 'validation.choice') })
const version = z.coerce.number({ error: 'guides.checklist.unknown_version' }).int('guides.checklist.unknown_version').min(1, 'guides.checklist.unknown_version').max(1_000_000, 'guides.checklist.unknown_version')
const productName = z.preprocess(blankToUndefined, z.string().trim().max(200).optional())

/**
 * The result page's query (`?v=1&product=…&a1=2&a2=0…`): the version the answers were given to, an
 * optional product name, and each item's level. The form is a GET, so the result is a bookmark.
 */
export const checklistAnswersQuery = z.object({
  v: version,
  product: productName,
  ...Object.fromEntries(ITEM_NUMBERS.map((n) => [`a${n}`, level])) as Record<`a${number}`, typeof level>,
})
export type ChecklistAnswersQuery = z.infer<typeof checklistAnswersQuery>

/** The item levels of a parsed query. */
export const answersOf = (q: Record<string, unknown>): Answers =>
  Object.fromEntries(ITEM_NUMBERS.map((n) => [n, Number(q[`a${n}`])])) as Answers

const apiLevel = z.number().int().min(0).max(3)

/** POST /api/v1/guides/checklist/results: the same answers as JSON, optionally kept for the signed-in caller. */
export const checklistResultApiSchema = z.object({
  version: z.number().int().min(1),
  answers: z.object(Object.fromEntries(ITEM_NUMBERS.map((n) => [String(n), apiLevel])) as Record<string, typeof apiLevel>),
  productName: z.string().trim().max(200).optional(),
  save: z.boolean().optional(),
})

import type { Operation } from '../platform/http/openapi-operation.js'
import { array, bilingualText, date, id, integer, named, nullable, object, optionalBilingualText, record, string, timestamp } from '../platform/http/openapi-schema.js'
import { checklistResultApiSchema } from './checklist.schemas.js'

const text = object({ ja: string(), en: string() })
const level = integer({ minimum: 0, maximum: 3 })

/** One version of the developer checklist: 12 items in three parts, each with three levels. */
const checklist = named('GuideChecklist', object({
  version: integer({ minimum: 1 }),
  publishedAt: nullable(timestamp),
  changeNote: text,
  items: array(object({
    number: integer({ minimum: 1, maximum: 12 }), part: integer({ minimum: 1, maximum: 3 }), title: text, summary: text,
    levels: array(object({ level: integer({ minimum: 1, maximum: 3 }), text, next: text })),
  })),
}))

const counts = { items: integer(), atLeast1: integer(), atLeast2: integer(), level3: integer() }

/** A checklist result: per part and in all, how many items reach each level, and what to do next. */
const result = named('GuideChecklistResult', object({
  version: integer({ minimum: 1 }),
  productName: string(),
  answers: record(level),
  summary: object({ parts: array(object({ part: integer({ minimum: 1, maximum: 3 }), ...counts })), total: object(counts) }),
  nextSteps: array(object({ item: integer(), title: string(), reached: level, nextLevel: integer({ minimum: 1, maximum: 3 }), level: string(), next: string() })),
  generatedAt: timestamp,
  resultId: nullable(id),
}))

/** A product's published statement: support period, security contact, update method. */
const statement = named('GuideStatement', object({
  slug: string(), productName: string(), organization: object({ id, name: bilingualText }),
  supportEndsOn: nullable(date), supportNote: optionalBilingualText, contactUrl: nullable(string()), contactEmail: nullable(string()),
  updateMethod: optionalBilingualText, publishedAt: nullable(timestamp), updatedAt: timestamp,
}))

/** The /api/v1 operations of the developer checklist and public statements. */
export const checklistOperations: Operation[] = [
  { method: 'get', path: '/api/v1/guides/checklist', summary: 'The developer checklist as it stands (items, levels, version)', tag: 'guides', auth: 'none', response: { status: 200, schema: checklist } },
  { method: 'get', path: '/api/v1/guides/checklist/versions/{checklistVersion}', summary: 'One version of the developer checklist, as results made with it read', tag: 'guides', auth: 'none', response: { status: 200, schema: checklist } },
  { method: 'post', path: '/api/v1/guides/checklist/results', summary: 'A checklist result from answers (item → level 0–3); `save: true` keeps it for the signed-in caller', tag: 'guides', body: checklistResultApiSchema, auth: 'optional', response: { status: 200, schema: result } },
  { method: 'get', path: '/api/v1/guides/statements/{statementSlug}', summary: "A product's published statement: support period, security contact, update method", tag: 'guides', auth: 'none', response: { status: 200, schema: statement } },
]

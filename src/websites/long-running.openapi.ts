import type { Operation } from '../platform/http/openapi-operation.js'
import { array, bilingualText, date, id, integer, nullable, object, oneOfStrings, optional, record, string } from '../platform/http/openapi-schema.js'
import { remindersSchema } from './long-running.schemas.js'

const typeLabel = object({ key: nullable(string()), ja: string(), en: string() })
const bucketCounts = record(integer({ minimum: 0 }))
const dashboard = object({
  today: date,
  threshold: object({ amount: integer(), unit: string(), days: integer(), notifiedOnOrBefore: date }),
  summary: object({
    buckets: array(object({ key: string(), min: integer(), max: nullable(integer()) })),
    rows: array(object({ vulnerabilityType: typeLabel, counts: bucketCounts, total: integer() })),
    totals: bucketCounts, total: integer(),
  }),
  cases: array(object({
    caseId: id, receiptNumber: nullable(string()),
    operator: nullable(object({ id, name: bilingualText, nameJa: optional(string({ deprecated: true })), nameEn: optional(string({ deprecated: true })), orgType: nullable(string()) })),
    vulnerabilityType: typeLabel, notifiedOn: date, elapsedDays: integer(), bucket: nullable(string()), lastReminderOn: nullable(date),
  })),
  total: integer({ minimum: 0 }), page: integer({ minimum: 1 }), pageSize: integer({ minimum: 1 }),
})

/** The /api/v1 operations of long-running, merged into the OpenAPI document. */
export const longRunningOperations: Operation[] = [
  {
    method: 'get', path: '/api/v1/websites/long-running', tag: 'websites', auth: 'user',
    summary: 'Long-running website cases (operator notified N days or more ago, N from the website_long_running deadline policy), longest first, '
      + 'with elapsed days, bucket, operator and last reminder, and counts by elapsed-day bucket × vulnerability type (intake staff; ?type=&bucket=&page=)',
    response: { status: 200, schema: dashboard },
  },
  {
    method: 'post', path: '/api/v1/websites/long-running/reminders', tag: 'websites', auth: 'user', body: remindersSchema,
    summary: 'Remind the operators of the given website cases to report their fix; returns { reminded: [{caseId, recipients}], skipped: [{caseId, reason}] } '
      + '(reason: not_found, not_website, not_open) (intake staff)',
    response: {
      status: 200,
      schema: object({
        reminded: array(object({ caseId: id, recipients: integer({ minimum: 0 }) })),
        skipped: array(object({ caseId: string(), reason: oneOfStrings(['not_found', 'not_website', 'not_open']) })),
      }),
    },
  },
]

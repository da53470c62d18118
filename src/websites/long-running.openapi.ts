import type { Operation } from '../platform/http/openapi-operation.js'
import { remindersSchema } from './long-running.schemas.js'

/** The /api/v1 operations of long-running, merged into the OpenAPI document. */
export const longRunningOperations: Operation[] = [
  {
    method: 'get', path: '/api/v1/websites/long-running', tag: 'websites', auth: 'user',
    summary: 'Long-running website cases (operator notified N days or more ago, N from the website_long_running deadline policy), longest first, '
      + 'with elapsed days, bucket, operator and last reminder, and counts by elapsed-day bucket × vulnerability type (intake staff; ?type=&bucket=&page=)',
  },
  {
    method: 'post', path: '/api/v1/websites/long-running/reminders', tag: 'websites', auth: 'user', body: remindersSchema,
    summary: 'Remind the operators of the given website cases to report their fix; returns { reminded: [{caseId, recipients}], skipped: [{caseId, reason}] } '
      + '(reason: not_found, not_website, not_open) (intake staff)',
  },
]

import type { Operation } from '../platform/http/openapi-operation.js'
import { array, date, integer, named, nullable, number, object, string } from '../platform/http/openapi-schema.js'

/** A count and its share of the whole, to one decimal; null when the whole is 0. */
const share = named('Share', object({ count: integer({ minimum: 0 }), percent: nullable(number({ minimum: 0, maximum: 100 })) }))
const count = integer({ minimum: 0 })
const range = object({ key: string(), from: integer(), to: nullable(integer()) })
const fixShares = { fixed: count, buckets: array(count), within30: share, within90: share }

/** DESIGN §8's website figures as of the end of a Japan date. */
const websiteFigures = object({
  asOf: date, longRunningDays: integer({ minimum: 1 }), reportsReceived: count,
  statuses: object({
    total: count,
    fixed: object({ count, percent: nullable(number()), codeFixed: count, workaround: count, pageDeleted: count }),
    closedByAlert: share, notVulnerable: share,
    inHandling: object({ count, percent: nullable(number()), received: count, accepted: count, operatorNotified: count }),
    stalled: share, notAccepted: share,
  }),
  daysToFix: object({ buckets: array(range), overall: object(fixShares), byType: array(object({ type: string(), ...fixShares })) }),
  byType: object({ total: count, rows: array(object({ type: string(), count, percent: nullable(number()) })) }),
  byImpact: object({ total: count, rows: array(object({ impact: string(), count, percent: nullable(number()) })) }),
  longRunning: object({ total: count, buckets: array(range), totals: array(count), byType: array(object({ type: string(), total: count, buckets: array(count) })) }),
})

/** The /api/v1 operations of statistics, merged into the OpenAPI document. */
export const statisticsOperations: Operation[] = [
  {
    method: 'get', path: '/api/v1/statistics/websites', tag: 'statistics', auth: 'user',
    summary: 'Website figures of DESIGN §8 computed from the event log as of the end of a Japan date (intake staff): '
      + '?asOf=YYYY-MM-DD (2004-07-08 … today; default today), ?longRunningDays=N (1–3650; default 90). Returns reportsReceived; '
      + 'statuses (figure 3: fixed with codeFixed/workaround/pageDeleted, closedByAlert, notVulnerable, inHandling with '
      + 'received/accepted/operatorNotified, stalled, notAccepted, each {count, percent}); daysToFix (figure 8: buckets, '
      + 'overall and byType with within30/within90 shares, days from the first notification); byType and byImpact '
      + '(figures 9, 10: accepted reports by the classification in force); longRunning (figure 11: operator-notified '
      + 'cases by elapsed-day bucket × type). Percentages to one decimal, null when the whole is 0. '
      + '400 statistics.invalid_as_of / statistics.invalid_long_running_days.',
    response: { status: 200, schema: websiteFigures },
  },
]

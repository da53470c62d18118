import type { Operation } from '../platform/http/openapi-operation.js'

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
  },
]

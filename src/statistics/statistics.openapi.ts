import type { Operation } from '../platform/http/openapi-operation.js'
import { array, date, integer, named, nullable, number, object, oneOfStrings, string, timestamp } from '../platform/http/openapi-schema.js'

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

/** A share as a fraction 0–1 (4 decimals); null when the whole is 0. */
const fraction = nullable(number({ minimum: 0, maximum: 1 }))
const label = object({ ja: string(), en: string() })
const bucketCount = object({ key: string(), from: integer(), to: nullable(integer()), count, share: fraction })
const labelledCount = object({ key: string(), label, count, share: fraction })

const productBlock = named('QuarterlyProductFigures', object({
  total: count, published: count, publishedByCommittee: count, notVulnerable: count, inHandling: count,
  uncontactableListed: count, notAccepted: count, handledIndividually: count, handledIndividuallyLowImpact: count,
  shares: object({ published: fraction, notVulnerable: fraction, inHandling: fraction, notAccepted: fraction, handledIndividually: fraction }),
  daysToPublication: array(bucketCount), publishedWithin45Share: fraction, published301OrMoreShare: fraction,
  byProductType: array(labelledCount), byCause: array(labelledCount),
  uncontactable: object({ listed: count, resumed: count, resumedCompleted: count, publishedByCommittee: count, stillUncontactable: count }),
  priorityInformation: array(labelledCount),
}))

const websiteBlock = named('QuarterlyWebsiteFigures', object({
  total: count, fixed: count, fixedWorkaround: count, fixedPageDeleted: count, closedByAlert: count,
  notVulnerable: count, inHandling: count, stalled: count, notAccepted: count,
  shares: object({ fixed: fraction, closedByAlert: fraction, notVulnerable: fraction, inHandling: fraction, stalled: fraction, notAccepted: fraction }),
  daysToFix: array(bucketCount), fixedWithin30Share: fraction, fixedWithin90Share: fraction,
  daysToFixByType: array(object({ key: string(), label, fixed: count, buckets: array(count), within30Share: fraction, within90Share: fraction })),
  byType: array(labelledCount), byImpact: array(labelledCount),
  longRunning: object({ thresholdDays: integer({ minimum: 1 }), total: count, byBucket: array(bucketCount),
    byType: array(object({ key: string(), label, total: count, buckets: array(count) })) }),
}))

const quarterName = string({ pattern: '^[0-9]{4}Q[1-4]$' })

/** The public quarterly report (DESIGN §8). */
const quarterlyReport = named('QuarterlyReport', object({
  quarter: quarterName, quarterStart: date, quarterEnd: date,
  cumulative: array(object({
    quarter: quarterName, quarterEnd: date, product: count, website: count, total: count,
    businessDays: count, perBusinessDay: number({ minimum: 0 }), advisoriesPublished: count,
  }), { maxItems: 12 }),
  product: productBlock, website: websiteBlock,
  quarterOnly: object({ product: productBlock, website: websiteBlock }),
  advisoriesPublished: object({ quarter: count, cumulative: count }),
}))

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
  {
    method: 'get', path: '/api/v1/statistics/{quarter}', tag: 'public', auth: 'none',
    summary: 'The public quarterly activity report (DESIGN §8) of a finished quarter, YYYYQn (2004Q3 … the last quarter over in Japan): '
      + 'cumulative (the last 12 quarters, oldest first: product, website, total reports received, business days since 2004-07-08 '
      + 'both inclusive, perBusinessDay = total ÷ businessDays to 2 decimals, advisories published in the quarter); product (figures 2, 4–7, '
      + 'priority information by sector) and website (figures 3, 8–11) for every report received up to the quarter end; quarterOnly: the '
      + 'same for the reports received in the quarter. Shares are fractions 0–1 (4 decimals), null when the whole is 0. No case is named. '
      + '400 statistics.invalid_quarter; 404 statistics.no_report (not finished yet, or before 2004Q3).',
    response: { status: 200, schema: quarterlyReport },
  },
  {
    method: 'post', path: '/api/v1/statistics/{quarter}/recompute', tag: 'statistics', auth: 'user',
    summary: "Compute a finished quarter's frozen report again from the event log (administrators): the new report replaces the "
      + 'frozen one, and every figure that changed is recorded and returned as { path, before, after } (none when nothing changed). '
      + '400 statistics.invalid_quarter; 404 statistics.no_report.',
    response: { status: 200, schema: object({ quarter: quarterName, differences: array(object({ path: string(), before: {}, after: {} })) }) },
  },
  {
    method: 'get', path: '/api/v1/statistics/staff', tag: 'statistics', auth: 'user',
    summary: 'The staff view of the quarterly report for any date (intake staff, coordinators, administrators): ?asOf=YYYY-MM-DD '
      + '(2004-07-08 … today in Japan; default today) gives the report of the quarter containing the date, every figure as of the end '
      + 'of that Japan day; the same shape as GET /api/v1/statistics/{quarter}, whose quarterEnd is then the date. '
      + '400 statistics.invalid_as_of / statistics.staff_unknown_parameter.',
    response: { status: 200, schema: quarterlyReport },
  },
  {
    method: 'get', path: '/api/v1/statistics/staff/cases', tag: 'statistics', auth: 'user',
    summary: 'The cases behind one count of the staff report (intake staff: both sides; coordinators: the product side): '
      + '?asOf=YYYY-MM-DD&side=product|website&period=all|quarter&figure=<figure id>&key=<row key>&page=N (100 a page; defaults: today, '
      + 'product, all, product-status, total). figure and key are the report tables\' ids and row keys (CSV table ids); a type × bucket '
      + 'cell of long-running / days-to-fix-by-type is key=<type>:<bucket>, the last cumulative row figure=cumulative&key=received. '
      + 'total equals the count the report shows; cases oldest first with their status as of the date. '
      + '400 statistics.drill_invalid_side / drill_invalid_period / drill_unknown_figure / drill_unknown_key / drill_invalid_page / invalid_as_of.',
    response: {
      status: 200,
      schema: named('DrillDownCases', object({
        asOf: date, side: oneOfStrings(['product', 'website']), period: oneOfStrings(['all', 'quarter']), figure: string(), key: string(),
        total: count, page: integer({ minimum: 1 }), pageSize: integer({ minimum: 1 }),
        cases: array(object({ id: string({ minLength: 1 }), receiptNumber: nullable(string()), title: string(), status: string(), receivedAt: timestamp })),
      })),
    },
  },
]

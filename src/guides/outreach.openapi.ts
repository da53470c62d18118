import type { Operation } from '../platform/http/openapi-operation.js'
import { array, date, integer, named, nullable, number, object, oneOfStrings, string, timestamp } from '../platform/http/openapi-schema.js'
import { GUIDE_TOPICS, SURVEY_PURPOSES } from './guides.tables.js'

const count = integer({ minimum: 0 })
const measures = {
  views: count, visitors: count, qrScans: count, downloads: count,
  survey: object(Object.fromEntries([...SURVEY_PURPOSES, 'skipped'].map((p) => [p, count]))),
  ratings: object({ count, average: nullable(number()), distribution: object({ 1: count, 2: count, 3: count, 4: count, 5: count }) }),
  subscriptions: object({ new: count, confirmed: count, unsubscribed: count }),
}
const row = (key: string, description: string) => object({ [key]: string({ description }), ...measures })

const guideEffect = named('GuideEffect', object({
  from: date, to: date,
  page: nullable(string({ description: 'The guide page filter (its path), or null' })),
  topic: nullable(oneOfStrings(GUIDE_TOPICS)),
  channel: nullable(string({ description: "The channel filter: a tag, '' for direct visits, or null for all" })),
  totals: object(measures),
  byPage: array(row('page', "A guide page's path; '' for update-notice subscriptions, which belong to no page")),
  byChannel: array(row('channel', "A channel's tag; '' for direct visits")),
  byWeek: array(row('week', 'The Monday (Japan) the week starts on, YYYY-MM-DD')),
  comments: array(object({ page: string(), stars: integer({ minimum: 1, maximum: 5 }), comment: string(), ratedAt: timestamp })),
}))

/** The /api/v1 operations of the guides' outreach: the effect dashboard's figures. */
export const outreachOperations: Operation[] = [
  {
    method: 'get', path: '/api/v1/guides/effect', tag: 'guides', auth: 'user',
    summary: 'The guides\' effect for a range of Japan dates (from, to; default the last 12 weeks), optionally one page or topic and one channel (\'-\' = direct): views, QR scans, downloads, survey, ratings and subscriptions by page, channel and week (staff)',
    response: { status: 200, schema: guideEffect },
  },
]

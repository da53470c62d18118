import { averageStars, type EffectReport, type EffectRow, type Measures } from './effect.js'

const measures = (m: Measures) => ({
  views: m.views, visitors: m.visitors, qrScans: m.qrScans, downloads: m.downloads, survey: m.survey,
  ratings: { count: m.ratings, average: averageStars(m), distribution: { 1: m.stars[0], 2: m.stars[1], 3: m.stars[2], 4: m.stars[3], 5: m.stars[4] } },
  subscriptions: { new: m.subscriptionsNew, confirmed: m.subscriptionsConfirmed, unsubscribed: m.unsubscribed },
})
const rows = (name: string, list: EffectRow[]) => list.map((r) => ({ [name]: r.key, ...measures(r.measures) }))

/** The dashboard as JSON: the same figures as the page and the CSV, counts only. */
export function presentEffect(r: EffectReport) {
  const q = r.query
  return {
    from: q.from, to: q.to, page: q.page, topic: q.topic, channel: q.channel,
    totals: measures(r.totals),
    byPage: rows('page', r.byPage), byChannel: rows('channel', r.byChannel), byWeek: rows('week', r.byWeek),
    comments: r.comments.map((c) => ({ page: c.page, stars: c.stars, comment: c.comment, ratedAt: c.ratedAt.toISOString() })),
  }
}

import type { DB } from '../platform/db/database.js'
import { addCalendarDays } from '../platform/calendar/business-days.js'
import { SURVEY_PURPOSES, type GuideTopic, type SurveyPurpose } from './guides.tables.js'
import { GUIDE_PAGES } from './guide-pages.js'
import { DOCUMENT_PAGE, DOWNLOAD_DOCUMENTS } from './downloads.documents.js'
import { weekOf, type EffectQuery } from './effect.schemas.js'
import { downloadCounts, ratingComments, ratingCounts, subscriptionEvents, visitCounts, type EffectScope } from './effect.repository.js'

/** Every measure of the dashboard, for one cell (a week, a page, a channel) or any sum of cells. */
export type Measures = {
  views: number; visitors: number; qrScans: number
  downloads: number; survey: Record<SurveyPurpose | 'skipped', number>
  ratings: number; starsTotal: number; stars: [number, number, number, number, number]
  subscriptionsNew: number; subscriptionsConfirmed: number; unsubscribed: number
}
export const SURVEY_ANSWERS = [...SURVEY_PURPOSES, 'skipped'] as const

/** A row of the dashboard: its key (a week's Monday, a page's path — '' for update notices, which belong to no page — or a channel's tag, '' direct). */
export type EffectRow = { key: string; measures: Measures }
export type EffectCell = { week: string; page: string; channel: string; measures: Measures }

export type EffectReport = {
  query: EffectQuery
  totals: Measures
  byPage: EffectRow[]; byChannel: EffectRow[]; byWeek: EffectRow[]
  /** One per week × page × channel that has anything: the CSV's rows. */
  cells: EffectCell[]
  comments: { page: string; stars: number; comment: string; ratedAt: Date }[]
}

export const emptyMeasures = (): Measures => ({
  views: 0, visitors: 0, qrScans: 0, downloads: 0, survey: { development: 0, procurement: 0, education: 0, personal: 0, other: 0, skipped: 0 },
  ratings: 0, starsTotal: 0, stars: [0, 0, 0, 0, 0], subscriptionsNew: 0, subscriptionsConfirmed: 0, unsubscribed: 0,
})

/** The average of the stars given (one decimal), or null without ratings. */
export const averageStars = (m: Measures): number | null => (m.ratings ? Math.round((m.starsTotal / m.ratings) * 10) / 10 : null)

function add(into: Measures, m: Measures): void {
  into.views += m.views; into.visitors += m.visitors; into.qrScans += m.qrScans; into.downloads += m.downloads
  for (const k of SURVEY_ANSWERS) into.survey[k] += m.survey[k]
  into.ratings += m.ratings; into.starsTotal += m.starsTotal
  for (let i = 0; i < 5; i++) into.stars[i]! += m.stars[i]!
  into.subscriptionsNew += m.subscriptionsNew; into.subscriptionsConfirmed += m.subscriptionsConfirmed; into.unsubscribed += m.unsubscribed
}

/** What the query's page and topic filters leave of the pages, documents and notice topics (null: no filter). */
function scopeOf(q: EffectQuery): EffectScope & { topics: GuideTopic[] | null } {
  if (!q.page && !q.topic) return { from: q.from, to: q.to, pages: null, documents: null, topics: null, channel: q.channel }
  const pages = GUIDE_PAGES.filter((p) => (!q.page || p.path === q.page) && (!q.topic || p.topic === q.topic)).map((p) => p.path)
  const documents = DOWNLOAD_DOCUMENTS.filter((d) => pages.includes(DOCUMENT_PAGE[d]))
  const topic = q.topic ?? GUIDE_PAGES.find((p) => p.path === q.page)?.topic ?? null
  return { from: q.from, to: q.to, pages, documents, topics: topic ? [topic] : null, channel: q.channel }
}

/** Every Monday from the range's first week to its last. */
function weeksOf(from: string, to: string): string[] {
  const weeks: string[] = []
  for (let w = weekOf(from); w <= to; w = addCalendarDays(w, 7)) weeks.push(w)
  return weeks
}

/**
 * The effect of the guides over a range of Japan dates: page views, distinct visitors (per day),
 * QR scans, downloads with their survey answers, ratings and subscriptions, by guide page, by
 * channel and by week (Monday to Sunday). Counts only: nothing in it says who did anything.
 */
export async function effectReport(db: DB, q: EffectQuery): Promise<EffectReport> {
  const scope = scopeOf(q)
  const cells = new Map<string, EffectCell>()
  const cell = (day: string, page: string, channel: string) => {
    const week = weekOf(day)
    const key = `${week}\n${page}\n${channel}`
    let found = cells.get(key)
    if (!found) cells.set(key, found = { week, page, channel, measures: emptyMeasures() })
    return found.measures
  }
  for (const v of await visitCounts(db, scope)) {
    const m = cell(v.day, v.page, v.channel)
    m.views += v.views
    m.visitors += v.visitors
    if (v.via === 'qr') m.qrScans += v.views
  }
  for (const d of await downloadCounts(db, scope)) {
    const m = cell(d.day, DOCUMENT_PAGE[d.document], d.channel)
    m.downloads += d.count
    m.survey[d.purpose ?? 'skipped'] += d.count
  }
  for (const r of await ratingCounts(db, scope)) {
    const m = cell(r.day, r.page, r.channel)
    m.ratings += r.count
    m.starsTotal += r.stars * r.count
    m.stars[r.stars - 1]! += r.count
  }
  const measureOf = { created_at: 'subscriptionsNew', confirmed_at: 'subscriptionsConfirmed', unsubscribed_at: 'unsubscribed' } as const
  for (const what of ['created_at', 'confirmed_at', 'unsubscribed_at'] as const) {
    for (const s of await subscriptionEvents(db, scope, what)) {
      if (scope.topics && !scope.topics.some((t) => s.topics.includes(t))) continue
      cell(s.day, '', s.channel)[measureOf[what]] += 1
    }
  }
  const sorted = [...cells.values()].sort((a, b) => a.week.localeCompare(b.week) || a.page.localeCompare(b.page) || a.channel.localeCompare(b.channel))
  const group = (keyOf: (c: EffectCell) => string, keys: string[] = []) => {
    const rows = new Map<string, Measures>(keys.map((k) => [k, emptyMeasures()]))
    for (const c of sorted) {
      const k = keyOf(c)
      if (!rows.has(k)) rows.set(k, emptyMeasures())
      add(rows.get(k)!, c.measures)
    }
    return [...rows].map(([key, measures]) => ({ key, measures }))
  }
  const pageOrder = (key: string) => (key === '' ? GUIDE_PAGES.length : GUIDE_PAGES.findIndex((p) => p.path === key))
  const totals = emptyMeasures()
  for (const c of sorted) add(totals, c.measures)
  return {
    query: q, totals, cells: sorted,
    byPage: group((c) => c.page).sort((a, b) => pageOrder(a.key) - pageOrder(b.key)),
    byChannel: group((c) => c.channel).sort((a, b) => b.measures.views - a.measures.views || a.key.localeCompare(b.key)),
    byWeek: group((c) => c.week, weeksOf(q.from, q.to)).sort((a, b) => a.key.localeCompare(b.key)),
    comments: await ratingComments(db, scope),
  }
}

import { addCalendarDays, calendarDaysBetween, japanDate } from '../platform/calendar/business-days.js'
import { effectErrors } from './effect.errors.js'
import { GUIDE_TOPICS, type GuideTopic } from './guides.tables.js'
import { guidePage } from './guide-pages.js'
import { CHANNEL_TAG } from './channels.repository.js'

/** The dashboard's question: a range of Japan dates, and optionally one page or topic and one channel. */
export type EffectQuery = {
  from: string; to: string
  page: string | null; topic: GuideTopic | null
  /** null: every channel; '' : direct visits (no channel); else a channel's tag. */
  channel: string | null
}

/** The `channel` value that asks for direct visits only (no tag can be one character long). */
export const DIRECT = '-'
/** The longest range: about three years of weeks. */
export const MAX_RANGE_DAYS = 3 * 366
/** Without dates, the last twelve weeks: from the Monday eleven weeks before this week's, to today. */
const DEFAULT_WEEKS = 12

const ISO = /^\d{4}-\d{2}-\d{2}$/
const isDate = (s: string) => ISO.test(s) && addCalendarDays(s, 0) === s

/** The Monday (Japan) of the week a date is in. */
export function weekOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return addCalendarDays(date, -((day + 6) % 7))
}

/** The query string read and checked; a bad date, a reversed or too long range, an unknown page or topic is a 400. */
export function parseEffectQuery(query: Record<string, string>, now: Date): EffectQuery {
  const today = japanDate(now)
  const to = query.to?.trim() || today
  const from = query.from?.trim() || addCalendarDays(weekOf(to), -7 * (DEFAULT_WEEKS - 1))
  const problems: Record<string, string | { key: string; params?: Record<string, string | number> }> = {}
  if (!isDate(from)) problems.from = 'validation.date'
  if (!isDate(to)) problems.to = 'validation.date'
  if (isDate(from) && isDate(to)) {
    if (from > to) problems.from = { key: 'validation.date_max', params: { max: to } }
    else if (calendarDaysBetween(from, to) > MAX_RANGE_DAYS) problems.from = { key: 'guides.effect.range_too_long', params: { days: MAX_RANGE_DAYS } }
  }
  const pagePath = query.page?.trim() || null
  if (pagePath && !guidePage(pagePath)) problems.page = 'validation.choice'
  const topic = query.topic?.trim() || null
  if (topic && !(GUIDE_TOPICS as readonly string[]).includes(topic)) problems.topic = 'validation.choice'
  const channel = query.channel?.trim() || null
  if (channel && channel !== DIRECT && !CHANNEL_TAG.test(channel)) problems.channel = 'validation.choice'
  if (Object.keys(problems).length) throw effectErrors.invalidQuery(problems)
  return { from, to, page: pagePath, topic: topic as GuideTopic | null, channel: channel === DIRECT ? '' : channel }
}

/** The query as a query string again (for the CSV and JSON links). */
export function effectQueryString(q: EffectQuery): string {
  const p = new URLSearchParams({ from: q.from, to: q.to })
  if (q.page) p.set('page', q.page)
  if (q.topic) p.set('topic', q.topic)
  if (q.channel !== null) p.set('channel', q.channel === '' ? DIRECT : q.channel)
  return p.toString()
}

import holidayJp from '@holiday-jp/holiday_jp'
import { tokyoDate } from '../i18n/index.js'

/**
 * Japanese business days (就業日, DESIGN §7): not Saturday or Sunday, not a national holiday
 * (substitute and special holidays included, from @holiday-jp/holiday_jp), and not 29 December –
 * 3 January (行政機関の休日). Dates are calendar days in Japan, as 'YYYY-MM-DD' strings, so the
 * machine's time zone never matters.
 */
export type IsoDate = string

const ISO = /^\d{4}-\d{2}-\d{2}$/
const DAY = 86400_000

function parts(date: IsoDate): { y: number; m: number; d: number } {
  if (!ISO.test(date)) throw new Error(`not a date: ${date}`)
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return { y, m, d }
}

/** The date `n` calendar days after `date` (negative: before). */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  const { y, m, d } = parts(date)
  return new Date(Date.UTC(y, m - 1, d) + n * DAY).toISOString().slice(0, 10)
}

/** Calendar days from `from` to `to` (0 on the same day, negative when `to` is earlier). Pure. */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  const utc = (date: IsoDate) => { const { y, m, d } = parts(date); return Date.UTC(y, m - 1, d) }
  return Math.round((utc(to) - utc(from)) / DAY)
}

/** The calendar date `n` months after `date`, on the same day or the month's last day if shorter. */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const { y, m, d } = parts(date)
  const index = y * 12 + (m - 1) + n
  const year = Math.floor(index / 12)
  const month = index - year * 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return new Date(Date.UTC(year, month, Math.min(d, lastDay))).toISOString().slice(0, 10)
}

export const isYearEndHoliday = (date: IsoDate): boolean => {
  const { m, d } = parts(date)
  return (m === 12 && d >= 29) || (m === 1 && d <= 3)
}

export const isNationalHoliday = (date: IsoDate): boolean => date in holidayJp.holidays

export function isBusinessDay(date: IsoDate): boolean {
  const { y, m, d } = parts(date)
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return weekday !== 0 && weekday !== 6 && !isNationalHoliday(date) && !isYearEndHoliday(date)
}

/**
 * The business day `n` business days after `date` (n < 0: before). With n = 0, `date` itself if it
 * is a business day, else the next one.
 */
export function addBusinessDays(date: IsoDate, n: number): IsoDate {
  let current = date
  if (n === 0) {
    while (!isBusinessDay(current)) current = addCalendarDays(current, 1)
    return current
  }
  const step = n > 0 ? 1 : -1
  let left = Math.abs(n)
  while (left > 0) {
    current = addCalendarDays(current, step)
    if (isBusinessDay(current)) left--
  }
  return current
}

/** How many business days lie in [from, to], both inclusive (0 when to < from). */
export function businessDaysBetween(from: IsoDate, to: IsoDate): number {
  let count = 0
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) if (isBusinessDay(d)) count++
  return count
}

/** The Japan calendar day of an instant. */
export const japanDate = (instant: Date): IsoDate => tokyoDate(instant)

/** Midnight at the start of a Japan calendar day, as an instant. */
export const startOfJapanDay = (date: IsoDate): Date => new Date(`${date}T00:00:00+09:00`)

/** The end of a Japan calendar day: the instant the next one starts (everything before it counts as of `date`). */
export const endOfJapanDay = (date: IsoDate): Date => startOfJapanDay(addCalendarDays(date, 1))

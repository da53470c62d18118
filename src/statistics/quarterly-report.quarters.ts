import { addCalendarDays, businessDaysBetween } from '../platform/calendar/business-days.js'
import { PROGRAMME_START } from './statistics.schemas.js'

/** A calendar quarter (Q1 = January–March), named like the report: "2019Q3". */
export type Quarter = { year: number; q: 1 | 2 | 3 | 4 }

const QUARTER_NAME = /^(\d{4})Q([1-4])$/
/** The programme started on 2004-07-08: its first quarter is 2004Q3. */
export const FIRST_QUARTER: Quarter = { year: 2004, q: 3 }

/** "2019Q3" → the quarter; anything else (2019q3, 2019Q5, 19Q3) → null. */
export function parseQuarter(name: string): Quarter | null {
  const m = QUARTER_NAME.exec(name)
  return m ? { year: Number(m[1]), q: Number(m[2]) as Quarter['q'] } : null
}

export const quarterName = (x: Quarter): string => `${x.year}Q${x.q}`
const index = (x: Quarter) => x.year * 4 + (x.q - 1)
const fromIndex = (i: number): Quarter => ({ year: Math.floor(i / 4), q: ((i % 4) + 1) as Quarter['q'] })
export const shiftQuarter = (x: Quarter, n: number): Quarter => fromIndex(index(x) + n)
export const compareQuarters = (a: Quarter, b: Quarter): number => index(a) - index(b)

/** The first day of the quarter, YYYY-MM-DD. */
export const quarterStart = (x: Quarter): string => `${x.year}-${String(x.q * 3 - 2).padStart(2, '0')}-01`
/** The last day of the quarter (31 Mar, 30 Jun, 30 Sep, 31 Dec). */
export const quarterEnd = (x: Quarter): string => addCalendarDays(quarterStart(shiftQuarter(x, 1)), -1)
/** The quarter a Japan date falls in. */
export const quarterOf = (date: string): Quarter => ({ year: Number(date.slice(0, 4)), q: (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter['q'] })

/** The last quarter whose last day is over in Japan on `today`: the one before today's quarter. */
export const lastFinishedQuarter = (today: string): Quarter => shiftQuarter(quarterOf(today), -1)

/** `to` and the quarters before it, oldest first, at most `n` and none before the programme's first. */
export function quartersUpTo(to: Quarter, n: number): Quarter[] {
  const from = Math.max(index(to) - n + 1, index(FIRST_QUARTER))
  return Array.from({ length: Math.max(0, index(to) - from + 1) }, (_, i) => fromIndex(from + i))
}

const businessDaysCache = new Map<string, number>()
/** Business days from the programme's first day to `date`, both inclusive (DESIGN §8 figure 1). */
export function businessDaysSinceStart(date: string): number {
  let n = businessDaysCache.get(date)
  if (n === undefined) {
    n = businessDaysBetween(PROGRAMME_START, date)
    businessDaysCache.set(date, n)
  }
  return n
}

/**
 * Reports per business day: `total / days` to 2 decimals, half up, as the real report prints it.
 * Computed on integers (⌊(200·total + days) / (2·days)⌋ hundredths), so 4.115 never becomes 4.11.
 */
export function perBusinessDay(total: number, days: number): number {
  if (days <= 0) return 0
  return Math.floor((200 * total + days) / (2 * days)) / 100
}

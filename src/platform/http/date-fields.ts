import { z } from 'zod'

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/

/**
 * `YYYY-MM-DD` naming a day that exists: 2026-02-30 and 2026-13-01 are not dates (JavaScript's
 * Date would roll them over to March and the next year; PostgreSQL refuses them).
 */
export function isCalendarDate(s: string): boolean {
  const m = YMD.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const day = new Date(Date.UTC(y, mo - 1, d))
  return y >= 1000 && day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d
}

/** A date field (`<input type="date">`, JSON `YYYY-MM-DD`): a real calendar date. */
export const isoDateField = z.string().trim().refine(isCalendarDate, { error: (iss) => (iss.input === '' ? 'validation.required' : 'validation.date') })

/**
 * `<input type="datetime-local">`: Japan time without an offset (Japan has no daylight saving),
 * `YYYY-MM-DDTHH:MM[:SS]` with a date that exists and a real time of day, as the instant it names.
 */
export const jstDateTimeField = z.string().trim()
  .refine((v) => LOCAL_DATE_TIME.test(v) && isCalendarDate(v.slice(0, 10)), { error: (iss) => (iss.input === '' ? 'validation.required' : 'validation.datetime') })
  .transform((v) => new Date(`${v.length === 16 ? `${v}:00` : v}+09:00`))

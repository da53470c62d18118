/**
 * Days as whole numbers (days since 1970-01-01 of a Japan calendar date), which the generator adds
 * and compares freely; converted to instants only when written.
 */
const DAY_MS = 86_400_000

export const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS
export const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10)

/**
 * An instant on `day` in Japan, `minute` minutes after 09:00 JST (00:00 UTC). Minutes stay under
 * 480, so every event of a day falls within office hours of that Japan date.
 */
export const instantOf = (day: number, minute: number): Date => new Date(day * DAY_MS + Math.min(minute, 479) * 60_000)

/** The quarter a day falls in, as 2019Q3, with its first and last day. */
export function quarterOf(day: number): { key: string; start: number; end: number } {
  const d = new Date(day * DAY_MS)
  const y = d.getUTCFullYear(), q = Math.floor(d.getUTCMonth() / 3) + 1
  return { key: `${y}Q${q}`, start: Date.UTC(y, (q - 1) * 3, 1) / DAY_MS, end: Date.UTC(y, q * 3, 1) / DAY_MS - 1 }
}

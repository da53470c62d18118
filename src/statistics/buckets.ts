import type { Translate } from '../platform/i18n/index.js'

/** A range of whole days, both ends inclusive; `to: null` is open-ended. */
export type DayBucket = { from: number; to: number | null }

/**
 * Figure 8's buckets of days from notification to fix, as lower bounds. Finer at the start, where
 * most fixes fall; 31 and 91 are bounds so the headline shares (≤30, ≤90 days) read off the table.
 * The headline itself is computed from the days, not from these, so the list may change freely.
 */
export const DAYS_TO_FIX_BOUNDS: readonly number[] = [0, 6, 11, 21, 31, 51, 91, 201, 301]

/** Lower bounds → ranges: [0, 6, 11] → 0–5, 6–10, 11+. */
export function bucketsFrom(bounds: readonly number[]): DayBucket[] {
  return bounds.map((from, i) => ({ from, to: i + 1 < bounds.length ? bounds[i + 1]! - 1 : null }))
}

/**
 * Figure 11's bounds for a long-running threshold: the threshold itself opens the first bucket and
 * the dashboard's bounds above it follow, so a threshold other than 90 still counts every case
 * (60 → 60–89, 90–199, …; 150 → 150–199, 200–299, …).
 */
export function longRunningBounds(longRunningDays: number, dashboardBounds: readonly number[]): number[] {
  return [longRunningDays, ...dashboardBounds.filter((b) => b > longRunningDays)]
}

/** "0〜5日" / "0–5 days", "301日〜" / "301+ days", from the catalogues. */
export function bucketLabel(t: Translate, b: DayBucket): string {
  return b.to === null ? t('statistics.bucket.open', { from: b.from }) : t('statistics.bucket.range', { from: b.from, to: b.to })
}

import type { Translate } from '../platform/i18n/index.js'
import { bucketsFrom as longRunningBucketsFrom } from '../websites/index.js'

/** A range of whole days, both ends inclusive; `to: null` is open-ended. `key` is stable (API, CSV). */
export type DayBucket = { key: string; from: number; to: number | null }

/**
 * Figure 8's buckets of days from notification to fix, as lower bounds. Finer at the start, where
 * most fixes fall; 31 and 91 are bounds so the headline shares (≤30, ≤90 days) read off the table.
 * The headline itself is computed from the days, not from these, so the list may change freely.
 */
export const DAYS_TO_FIX_BOUNDS: readonly number[] = [0, 6, 11, 21, 31, 51, 91, 201, 301]

/** Figure 4's buckets as the real report has them: ≤45 days (the guideline's target), 46–100, 101–200, 201–300, ≥301. */
export const DAYS_TO_PUBLICATION_BOUNDS: readonly number[] = [0, 46, 101, 201, 301]

/** Lower bounds → ranges: [0, 6, 11] → 0-5, 6-10, 11+. */
export function daysToFixBuckets(bounds: readonly number[] = DAYS_TO_FIX_BOUNDS): DayBucket[] {
  return bounds.map((from, i) => {
    const to = i + 1 < bounds.length ? bounds[i + 1]! - 1 : null
    return { key: to === null ? `${from}+` : `${from}-${to}`, from, to }
  })
}

/**
 * Figure 11's buckets for a long-running threshold: the long-running dashboard's own buckets
 * (src/websites/long-running-buckets.ts), the first one starting at the threshold, so the
 * statistics and the dashboard always count alike.
 */
export function longRunningBuckets(longRunningDays: number): DayBucket[] {
  return longRunningBucketsFrom(longRunningDays).map((b) => ({ key: b.key, from: b.min, to: b.max }))
}

/** "0〜5日" / "0–5 days", "301日〜" / "301+ days", from the catalogues. */
export function bucketLabel(t: Translate, b: DayBucket): string {
  return b.to === null ? t('statistics.bucket.open', { from: b.from }) : t('statistics.bucket.range', { from: b.from, to: b.to })
}

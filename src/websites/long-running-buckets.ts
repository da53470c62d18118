
/**
 * One elapsed-day bucket of the long-running website cases (DESIGN §8 figure 11): from `min` to
 * `max` days after the first notification, both inclusive; `max: null` has no upper end.
 */
export type LongRunningBucket = { key: string; min: number; max: number | null }

/**
 * The buckets of the quarterly report: 90–199 days, then every hundred days, then 1000 days and
 * more. Keys are stable (filters, API, CSV); the dashboard and the statistics both use this list.
 */
export const LONG_RUNNING_BUCKETS: readonly LongRunningBucket[] = [
  { key: '90-199', min: 90, max: 199 },
  { key: '200-299', min: 200, max: 299 },
  { key: '300-399', min: 300, max: 399 },
  { key: '400-499', min: 400, max: 499 },
  { key: '500-599', min: 500, max: 599 },
  { key: '600-699', min: 600, max: 699 },
  { key: '700-799', min: 700, max: 799 },
  { key: '800-899', min: 800, max: 899 },
  { key: '900-999', min: 900, max: 999 },
  { key: '1000+', min: 1000, max: null },
]

export const LONG_RUNNING_BUCKET_KEYS = LONG_RUNNING_BUCKETS.map((b) => b.key) as [string, ...string[]]

/**
 * The buckets for a threshold of `thresholdDays`: the first bucket starts at the threshold
 * (a threshold of 120 days gives 120–199, 200–299, …); buckets wholly below it are dropped. Pure.
 */
export function bucketsFrom(thresholdDays: number): LongRunningBucket[] {
  const kept = LONG_RUNNING_BUCKETS.filter((b) => b.max === null || b.max >= thresholdDays)
  return kept.map((b, i) => (i === 0 ? { ...b, min: thresholdDays } : { ...b }))
}

/** The bucket `elapsedDays` falls in, or null below the first. Pure. */
export function bucketOf(elapsedDays: number, buckets: readonly LongRunningBucket[] = LONG_RUNNING_BUCKETS): LongRunningBucket | null {
  return buckets.find((b) => elapsedDays >= b.min && (b.max === null || elapsedDays <= b.max)) ?? null
}


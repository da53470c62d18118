/**
 * Figure 11's elapsed-day buckets as lower bounds: 90–199, 200–299, …, 900–999, 1000+ days, the
 * same buckets as the long-running dashboard.
 */
export const LONG_RUNNING_BOUNDS: readonly number[] = [90, 200, 300, 400, 500, 600, 700, 800, 900, 1000]

/** What `/readyz` tells about the loop. Times are wall-clock, not the app's clock. */
export type WorkersStatus = {
  /** Started and not stopped. */
  running: boolean
  /** When the last tick finished; null before the first. */
  lastTickAt: Date | null
  /** The first job that failed in the latest tick with a failure (the error itself is in the log). */
  lastError?: { job: string; at: Date }
  /** Running, and a tick finished (before the first: the loop started) less than `staleAfterMs` ago. */
  ticking: boolean
}

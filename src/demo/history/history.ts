import type { DB } from '../../platform/db/database.js'
import { planHistory } from './plan.js'
import { writeHistory } from './write.js'

export { HISTORY_END, HISTORY_START, SYNTHETIC_ID_PREFIX, SYNTHETIC_LABEL } from './plan.js'

/** The seed of the history `npm run demo -- --history` writes; tests use the same. */
export const HISTORY_SEED = 20190930

/**
 * Fills the database with the synthetic programme history (2004-07-08 – 2019-09-30): 15,050
 * reports whose events reproduce DESIGN §8's figures for the quarter ending 2019-09-30.
 */
export async function seedHistory(db: DB, opts: { seed?: number } = {}): Promise<{ cases: number; events: number; ms: number }> {
  const started = performance.now()
  const written = await writeHistory(db, planHistory(opts.seed ?? HISTORY_SEED))
  return { ...written, ms: Math.round(performance.now() - started) }
}

import type { DB } from '../platform/db/database.js'

/**
 * Every case of the synthetic programme history (`npm run demo -- --history`, src/demo/history)
 * has an id starting with this; its titles and finder names say 合成データ / synthetic as well.
 */
export const SYNTHETIC_CASE_ID_PREFIX = 'synthetic-'

/**
 * Whether the database holds the synthetic history, so pages that show figures computed from it
 * (the statistics report) can say the numbers come from made-up cases. One index lookup.
 */
export async function hasSyntheticHistory(db: DB): Promise<boolean> {
  const row = await db.selectFrom('cases').select('id')
    .where('id', '>=', SYNTHETIC_CASE_ID_PREFIX).where('id', '<', `${SYNTHETIC_CASE_ID_PREFIX.slice(0, -1)}.`)
    .limit(1).executeTakeFirst()
  return row !== undefined
}

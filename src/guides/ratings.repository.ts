import type { DB } from '../platform/db/database.js'
import type { Lang } from '../platform/i18n/define.js'

export type StoredRating = { page: string; visitor: string; stars: number; comment: string; channel: string; language: Lang }

/**
 * Stores a visitor's rating of a page, replacing their earlier one (one row per page and visitor);
 * says whether one was replaced.
 */
export async function upsertRating(db: DB, rating: StoredRating, now: Date): Promise<{ replaced: boolean }> {
  return db.transaction().execute(async (trx) => {
    const earlier = await trx.selectFrom('guide_ratings').select('page')
      .where('page', '=', rating.page).where('visitor', '=', rating.visitor).forUpdate().executeTakeFirst()
    await trx.insertInto('guide_ratings').values({ ...rating, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['page', 'visitor']).doUpdateSet({
        stars: rating.stars, comment: rating.comment, channel: rating.channel, language: rating.language, updated_at: now,
      })).execute()
    return { replaced: Boolean(earlier) }
  })
}

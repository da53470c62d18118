import type { Deps } from '../platform/http/context.js'
import type { Lang } from '../platform/i18n/define.js'
import { activeChannelTag } from './channels.repository.js'
import { lastingMark, type VisitorSeed } from './visitors.js'
import { upsertRating } from './ratings.repository.js'
import type { RatingInput } from './ratings.schemas.js'

export type RatingOutcome = { page: string; stars: number; replaced: boolean }

/**
 * Records a visitor's 1–5 star rating of a guide page. One per visitor and page, without an
 * account or cookie: the visitor's lasting mark names them, and a repeat replaces the earlier
 * rating. The channel is checked again (a forged or retired tag is stored as none).
 */
export async function rateGuidePage(deps: Pick<Deps, 'db' | 'clock'>, input: { rating: RatingInput; seed: VisitorSeed; language: Lang }): Promise<RatingOutcome> {
  const { db, clock } = deps
  const now = clock.now()
  const { page, stars, comment, ch } = input.rating
  const visitor = await lastingMark(db, now, input.seed, `rating\n${page}`)
  const channel = await activeChannelTag(db, ch)
  const { replaced } = await upsertRating(db, { page, visitor, stars, comment, channel, language: input.language }, now)
  return { page, stars, replaced }
}

import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'
import { jsonBody } from '../platform/http/validate.js'
import { rateLimit } from '../platform/http/rate-limit.js'
import { visitorSeed } from './visitors.js'
import { ratingSchema } from './ratings.schemas.js'
import { rateGuidePage } from './ratings.usecases.js'

/** Ratings for a program (a kiosk, a partner's app): the same rules as the form. */
export const ratingsApi = new Hono<AppEnv>()

ratingsApi.use('/api/v1/guides/ratings', rateLimit('guide-feedback', 20, 3600))

ratingsApi.post('/api/v1/guides/ratings', async (c) => {
  const rating = await jsonBody(c, ratingSchema)
  return c.json(await rateGuidePage(c.var.deps, { rating, seed: visitorSeed(c), language: c.var.lang }), 200)
})

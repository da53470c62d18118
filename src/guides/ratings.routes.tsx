import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { refusedInput } from '../platform/http/forms.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { rateLimit } from '../platform/http/rate-limit.js'
import type { AppError } from '../platform/errors.js'
import { activeChannelTag } from './channels.repository.js'
import { guidePage, type GuidePage } from './guide-pages.js'
import { visitorSeed } from './visitors.js'
import { ratingSchema, type RatingInput } from './ratings.schemas.js'
import { rateGuidePage } from './ratings.usecases.js'
import { RatingRefused, RatingThanks } from './ratings.views.js'
import { ratingsApi } from './ratings.api.js'

/** A guide page's 1–5 star rating with an optional comment. */
export const ratingsRoutes = new Hono<AppEnv>()

/** A page's title as its visitors see it (a checklist item's names its number). */
const guidePageTitle = (c: Ctx, p: GuidePage) => c.var.t(p.titleKey, p.item ? { number: String(p.item) } : undefined)

ratingsRoutes.use('/guides/ratings', rateLimit('guide-feedback', 20, 3600))

ratingsRoutes.post('/guides/ratings', async (c) => {
  const form = await formBody(c)
  let rating: RatingInput
  try {
    rating = parseWith(ratingSchema, form)
  } catch (e) {
    return refused(c, form, refusedInput(e))
  }
  const outcome = await rateGuidePage(c.var.deps, { rating, seed: visitorSeed(c), language: c.var.lang })
  const query = new URLSearchParams({ page: outcome.page, stars: String(outcome.stars) })
  if (outcome.replaced) query.set('replaced', '1')
  return c.redirect(`/guides/ratings/thanks?${query}`, 303)
})

/** The form again, with the problems and what was entered, and the way back to the page. */
async function refused(c: Ctx, form: Record<string, unknown>, error: AppError) {
  const { t } = c.var
  const p = typeof form.page === 'string' ? guidePage(form.page) : undefined
  const channel = await activeChannelTag(c.var.deps.db, typeof form.ch === 'string' ? form.ch : undefined)
  const shown = p ? { path: p.path, title: guidePageTitle(c, p) } : null
  return page(c, t('guides.rating.refused_title'), <RatingRefused c={c} page={shown} channel={channel} values={form} error={error} />, 400)
}

ratingsRoutes.get('/guides/ratings/thanks', (c) => {
  const { t } = c.var
  const p = guidePage(c.req.query('page') ?? '') ?? guidePage('/guides')!
  const stars = Number(c.req.query('stars'))
  return page(c, t('guides.rating.thanks_title'), (
    <RatingThanks c={c} page={{ path: p.path, title: guidePageTitle(c, p) }} stars={Number.isInteger(stars) && stars >= 1 && stars <= 5 ? stars : null} replaced={c.req.query('replaced') === '1'} />
  ))
})

ratingsRoutes.route('/', ratingsApi)

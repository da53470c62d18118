import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { visitGuidePage } from './guide-visit.js'
import { GuideFrame } from './guide-frame.js'
import { ConsumerGuideBody } from './consumer-guides.views.js'

/** The two consumer guides: choosing a connected product, and using it safely. */
export const consumerGuidesRoutes = new Hono<AppEnv>()

// Not page-cached: the frame's rating form carries the visitor's own CSRF token, and each view is counted.
async function consumerGuide(c: Ctx, guide: 'choosing' | 'using') {
  const visit = await visitGuidePage(c, `/guides/consumers/${guide}`)
  return page(c, c.var.t(`guides.${guide}.title`), (
    <GuideFrame c={c} visit={visit}>
      <ConsumerGuideBody c={c} guide={guide} />
    </GuideFrame>
  ))
}

consumerGuidesRoutes.get('/guides/consumers/choosing', (c) => consumerGuide(c, 'choosing'))
consumerGuidesRoutes.get('/guides/consumers/using', (c) => consumerGuide(c, 'using'))

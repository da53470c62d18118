import type { Ctx } from '../platform/http/context.js'
import { activeChannelTag } from './channels.repository.js'
import { guidePage, type GuidePage } from './guide-pages.js'
import { countVisit, visitorSeed } from './visitors.js'

/** What a guide page's handler learns from the visit: which page, and the channel that brought the visitor ('' = none). */
export type GuideVisit = { page: GuidePage; channel: string }

/**
 * Counts a GET of a guide page — by channel (`?ch=`, staff-created tags only) and way in (`via=qr`
 * on the links QR codes carry) — and returns the page and channel for its forms to carry on.
 */
export async function visitGuidePage(c: Ctx, path: string): Promise<GuideVisit> {
  const page = guidePage(path)
  if (!page) throw new Error(`not a guide page: ${path}`)
  const { db, clock } = c.var.deps
  const channel = await activeChannelTag(db, c.req.query('ch'))
  if (c.req.method === 'GET') await countVisit(db, clock.now(), visitorSeed(c), { page: page.path, channel, via: c.req.query('via') === 'qr' ? 'qr' : 'web' })
  return { page, channel }
}

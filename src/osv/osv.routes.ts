import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { publicCache } from '../platform/http/page-cache.js'
import { findPublicAdvisory, identifierFromSlug, presentAdvisory } from '../advisories/index.js'
import { osvRecord } from './osv-record.js'
import { osvErrors } from './osv.errors.js'

/**
 * OSV records of public advisories (DESIGN §6): `/advisories/JVN12345678/osv.json` beside the page
 * and `/api/v1/advisories/JVN12345678/osv` in the API. Only what `findPublicAdvisory` finds —
 * the one visibility rule — exists; an unpublished advisory is a 404 like one that never was.
 */
export const osvRoutes = new Hono<AppEnv>()

async function answer(c: Ctx, slugOrIdentifier: string) {
  const identifier = identifierFromSlug(slugOrIdentifier.replace('#', ''))
  if (!identifier) throw errors.notFound()
  const { db, clock, config } = c.var.deps
  const found = await findPublicAdvisory(db, clock.now(), identifier)
  const advisory = found && presentAdvisory(found.advisory, found.revisions)
  if (!advisory?.publishedAt) throw errors.notFound()
  const record = osvRecord({ ...advisory, identifier, publishedAt: advisory.publishedAt }, config.publicUrl)
  if (!record) throw osvErrors.noPackage(identifier)
  // Short-lived caching only: a cached record may show a revision late, never an advisory early.
  c.header('Cache-Control', 'public, max-age=60')
  return c.json(record)
}

// Parameter names of their own: the authorisation matrix fills them with a public advisory that names a package.
osvRoutes.get('/advisories/:osvSlug/osv.json', publicCache, (c) => answer(c, c.req.param('osvSlug')))
osvRoutes.get('/api/v1/advisories/:osvIdentifier/osv', publicCache, (c) => answer(c, c.req.param('osvIdentifier')))

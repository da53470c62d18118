import { ALL, type AccessTable } from './access-types.js'
import type { AccessSeed } from './seeds.js'
import { draftBody, scheduleSeeded, seedProductCase } from '../../../src/advisories/test-factories.js'

/**
 * OSV records are public: anyone may read the record of a public advisory that names a package.
 * `:osvSlug` / `:osvIdentifier` are such an advisory (the world's own advisory is not public yet,
 * and test/security/osv-never-public.test.ts shows that unpublished ones are a 404 for everyone).
 */
export const osvAccess: AccessTable = {
  'GET /advisories/:osvSlug/osv.json': ALL,
  'GET /api/v1/advisories/:osvIdentifier/osv': ALL,
}

/** A product advisory with a package, public since a minute before the world's "now". */
export const osvSeed: AccessSeed = async ({ t }) => {
  const now = t.clock.now()
  const seed = await seedProductCase(t.db, now)
  const { identifier, advisoryId } = await scheduleSeeded(t.deps, seed, new Date(now.getTime() + 60_000), draftBody(seed, {
    affectedProducts: [{ developer: 'サンプル電機', product: 'wr-admin', versions: '1.0', package: { ecosystem: 'npm', name: 'wr-admin', ranges: [{ fixed: '1.0.1' }] } }],
  }))
  await t.db.updateTable('advisories').set({ publish_at: new Date(now.getTime() - 60_000) }).where('id', '=', advisoryId).execute()
  const slug = identifier.replace('#', '')
  return { osvSlug: slug, osvIdentifier: slug }
}

import { expect } from 'vitest'
import { ALL, SIGNED_IN, type AccessTable, type Actor } from './access-types.js'
import type { AccessSeed } from './seeds.js'
import { createStatement } from '../../../src/guides/statements.usecases.js'

const DEVELOPERS: Actor[] = ['developer', 'otherDeveloper']

/**
 * Who may call each route of the guides: the developer checklist (everyone, no account; saving:
 * anyone signed in, each result its owner's alone), its editing (administrators) and products'
 * public statements (a developer organisation's members for its own; published ones: everyone).
 */
export const guidesChecklistAccess: AccessTable = {
  'GET /guides/developers/checklist': ALL,
  'GET /guides/developers/checklist/result': ALL,
  'GET /guides/developers/checklist/result.json': ALL,
  'GET /guides/developers/checklist/items/:itemNumber': ALL,
  'POST /guides/developers/checklist/results': SIGNED_IN,
  'GET /guides/developers/checklist/results': SIGNED_IN,
  'GET /guides/developers/checklist/results/:checklistResultId': ['developer'],
  'POST /guides/developers/checklist/results/:checklistResultId/delete': ['developer'],
  'GET /api/v1/guides/checklist': ALL,
  'GET /api/v1/guides/checklist/versions/:checklistVersion': ALL,
  'POST /api/v1/guides/checklist/results': ALL,
  'GET /api/v1/guides/statements/:statementSlug': ALL,
  'GET /guides/developers/checklist/edit': ['admin'],
  'POST /guides/developers/checklist/versions': ['admin'],
  'GET /guides/statements': DEVELOPERS,
  'GET /guides/statements/new': DEVELOPERS,
  'POST /guides/statements': DEVELOPERS,
  'GET /guides/statements/:statementSlug': ALL,
  'GET /guides/statements/:statementSlug/edit': ['developer'],
  'POST /guides/statements/:statementSlug': ['developer'],
  'POST /guides/statements/:statementSlug/unpublish': ['developer'],
  'POST /guides/statements/:statementSlug/publish': ['developer'],
}

const ANSWERS = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(i + 1), i % 4]))

/** A saved checklist result of the world's developer, and a published statement of their organisation linking it. */
export const guidesChecklistSeed: AccessSeed = async ({ t, users }) => {
  const saved = await users.developer!.api.post('/api/v1/guides/checklist/results', { version: 1, answers: ANSWERS, productName: 'WR-1000', save: true })
  expect(saved.status, JSON.stringify(saved.json)).toBe(200)
  const user = await t.db.selectFrom('users').select(['id', 'organization_id']).where('id', '=', users.developer!.id).executeTakeFirstOrThrow()
  const slug = await createStatement(t.db, {
    slug: 'matrix-router-wr1000', productName: 'WR-1000', supportEndsOn: '2030-03-31', supportNoteJa: '', supportNoteEn: '', contactEmail: 'psirt@example.test',
    updateMethodJa: '自動更新', updateMethodEn: 'Automatic updates', checklistResultId: saved.json.resultId,
  }, { id: user.id, organizationId: user.organization_id, organizationKind: 'developer', roles: [], email: '', displayName: '', locale: 'ja' }, t.clock.now())
  await t.db.updateTable('guide_statements').set({ published_at: t.clock.now() }).where('slug', '=', slug).execute()
  return { checklistResultId: saved.json.resultId as string, statementSlug: slug, itemNumber: '3', checklistVersion: '1' }
}

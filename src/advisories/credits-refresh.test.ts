import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { parseWith } from '../platform/http/validate.js'
import { addReport, draftBody, seedProductCase } from './test-factories.js'
import { saveAdvisoryDraft, scheduleAdvisory } from './advisories.usecases.js'
import { advisoryDraftSchema } from './advisories.schemas.js'
import { findAdvisoryByCase } from './advisories.repository.js'

let t: TestApp
beforeAll(async () => { t = await setupTestApp({ now: '2026-04-01T01:00:00Z' }) })
afterAll(async () => { await t.close() })

const actor = { user: null, label: 'test coordinator' }
const creditedNames = async (caseId: string) => (await findAdvisoryByCase(t.db, caseId))!.content.credits.map((c) => c.name).sort()

describe('credits when finders join after the draft', () => {
  it('credits a consenting finder who joined later when the draft credits every consenting finder', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    await saveAdvisoryDraft(t.deps, { caseId: seed.caseId, actor, draft: parseWith(advisoryDraftSchema, draftBody(seed)) })
    const before = await creditedNames(seed.caseId)
    await addReport(t.db, seed.caseId, { name: '後から参加した発見者', consentCredit: true, at: t.clock.now() })
    await addReport(t.db, seed.caseId, { name: '同意しない発見者', consentCredit: false, at: t.clock.now() })
    await scheduleAdvisory(t.deps, { caseId: seed.caseId, actor, publishAt: new Date('2026-05-01T01:00:00Z') })
    expect(await creditedNames(seed.caseId)).toEqual([...before, '後から参加した発見者'].sort())
  })

  it('keeps the coordinator\'s named credits as they are', async () => {
    const seed = await seedProductCase(t.db, t.clock.now())
    await saveAdvisoryDraft(t.deps, { caseId: seed.caseId, actor, draft: parseWith(advisoryDraftSchema, draftBody(seed, { credits: [seed.consentingReportId] })) })
    const before = await creditedNames(seed.caseId)
    await addReport(t.db, seed.caseId, { name: '後から参加した発見者', consentCredit: true, at: t.clock.now() })
    await scheduleAdvisory(t.deps, { caseId: seed.caseId, actor, publishAt: new Date('2026-05-01T01:00:00Z') })
    expect(await creditedNames(seed.caseId)).toEqual(before)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { websiteFigures } from './website-figures.js'
import { websiteHistory } from './fixtures/website-history.js'
import { expectedFigures } from './fixtures/website-history.expected.js'
import { compactFigures } from './fixtures/compact-figures.js'
import { playThroughApi } from './fixtures/play-api.js'

// The issue's proof: the fixture history played through the real API, day by day on the test
// clock, gives every website figure of DESIGN §8 for any date — counted by hand in the fixture.
let t: TestApp
let caseIds: Map<string, string>
beforeAll(async () => {
  t = await setupTestApp({ now: '2024-10-01T00:00:00Z' })
  caseIds = await playThroughApi(t, websiteHistory)
}, 120_000)
afterAll(async () => { await t.close() })

describe('website figures of a history played through the API', () => {
  it('ends every case where the story says', async () => {
    const status = async (name: string) => (await t.db.selectFrom('cases').select(['status', 'fix_type']).where('id', '=', caseIds.get(name)!).executeTakeFirstOrThrow())
    expect(await status('G')).toEqual({ status: 'fixed', fix_type: 'page_deleted' })
    expect((await status('H')).status).toBe('closed_by_alert')
    expect((await status('I')).status).toBe('closed_by_alert')
    expect((await status('R')).status).toBe('fixed')
    expect((await status('U')).status).toBe('operator_notified')
  })

  for (const expected of expectedFigures) {
    it(`gives the hand-counted figures as of ${expected.asOf}${expected.longRunningDays ? ` with a ${expected.longRunningDays}-day threshold` : ''}`, async () => {
      const figures = await websiteFigures(t.db, { asOf: expected.asOf, longRunningDays: expected.longRunningDays })
      expect(compactFigures(figures, Boolean(expected.statusPercents))).toEqual(expected)
    })
  }

  it('shows the same figures on the staff JSON API', async () => {
    const { createUser } = await import('../../test/support/clients.js')
    const intake = await createUser(t, { roles: ['intake'] })
    const res = await intake.api.get('/api/v1/statistics/websites?asOf=2025-09-30')
    expect(res.status).toBe(200)
    expect(res.json).toEqual(JSON.parse(JSON.stringify(await websiteFigures(t.db, { asOf: '2025-09-30' }))))
  })
})

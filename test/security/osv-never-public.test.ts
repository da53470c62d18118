import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { walkToNotifiedOperator } from '../support/website-story.js'
import { draftBody, scheduleSeeded, seedProductCase } from '../../src/advisories/test-factories.js'
import { unscheduleAdvisory } from '../../src/advisories/advisories.usecases.js'

/**
 * DESIGN §5: an OSV record exists only for what `publicAdvisories` returns. A draft (even one
 * taken back after scheduling, which keeps its identifier), an advisory whose time has not come
 * (until it has), and a website case never show up in an OSV answer — though all name packages.
 */
let t: TestApp
const slug = { draft: '', scheduled: '' }
const PUBLISH_AT = new Date('2026-04-10T01:00:00Z')
const withPackage = (title: string) => ({
  title: { ja: title, en: title },
  affectedProducts: [{ developer: 'サンプル電機', product: 'wr-admin', versions: '1.0', package: { ecosystem: 'npm', name: 'wr-admin', ranges: [{ fixed: '1.0.1' }] } }],
})
let websiteMarkers: string[] = []

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  const draft = await seedProductCase(t.db, t.clock.now())
  const taken = await scheduleSeeded(t.deps, draft, PUBLISH_AT, draftBody(draft, withPackage('DRAFTMARK 下書きに戻した情報')))
  await unscheduleAdvisory(t.deps, { caseId: draft.caseId, actor: { user: null, label: 'test coordinator' }, reason: '日程の再調整' })
  slug.draft = taken.identifier.replace('#', '')
  const scheduled = await seedProductCase(t.db, t.clock.now())
  slug.scheduled = (await scheduleSeeded(t.deps, scheduled, PUBLISH_AT, draftBody(scheduled, withPackage('SCHEDMARK 公表前の情報')))).identifier.replace('#', '')
  const web = await walkToNotifiedOperator(t, { report: { urls: ['https://osv-leak.example.jp/login'], operatorName: 'OSVリーク確認市', description: 'OSVLEAK ログイン画面' } })
  websiteMarkers = [web.caseId, web.filed.receiptNumber, 'osv-leak.example.jp', 'OSVLEAK', 'OSVリーク確認市']
})
afterAll(async () => { await t.close() })

const paths = (s: string) => [`/advisories/${s}/osv.json`, `/api/v1/advisories/${s}/osv`, `/api/v1/advisories/${encodeURIComponent(`${s.slice(0, 3)}#${s.slice(3)}`)}/osv`]

describe('OSV records never show what is not public', () => {
  it('a draft taken back after scheduling is a 404, even with its identifier and a package', async () => {
    for (const path of paths(slug.draft)) {
      const res = await t.app.request(path)
      expect(res.status, path).toBe(404)
      expect(await res.text(), path).not.toContain('DRAFTMARK')
    }
  })

  it('an advisory scheduled for later is a 404 until its time, then served', async () => {
    for (const path of paths(slug.scheduled)) {
      const res = await t.app.request(path)
      expect(res.status, path).toBe(404)
      expect(await res.text(), path).not.toContain('SCHEDMARK')
    }
    t.clock.set(new Date(PUBLISH_AT.getTime() - 1000))
    expect((await t.app.request(paths(slug.scheduled)[0]!)).status, 'a second early').toBe(404)
    // At its time it is public even before the publication worker has run.
    t.clock.set(PUBLISH_AT)
    for (const path of paths(slug.scheduled)) {
      const res = await t.app.request(path)
      expect(res.status, path).toBe(200)
      expect((await res.json()).summary, path).toBe('SCHEDMARK 公表前の情報')
    }
    // The draft stays a 404 once the clock has passed its old date too.
    expect((await t.app.request(paths(slug.draft)[0]!)).status).toBe(404)
  })

  it('a website case is in no OSV answer, and its id is no advisory', async () => {
    const served = await (await t.app.request(paths(slug.scheduled)[1]!)).text()
    for (const marker of websiteMarkers) expect(served, marker).not.toContain(marker)
    for (const id of [websiteMarkers[0]!, websiteMarkers[1]!]) {
      expect((await t.app.request(`/advisories/${encodeURIComponent(id)}/osv.json`)).status, id).toBe(404)
      expect((await t.app.request(`/api/v1/advisories/${encodeURIComponent(id)}/osv`)).status, id).toBe(404)
    }
  })
})

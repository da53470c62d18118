import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { xmlSchemaErrors } from '../support/xml-schema.js'
import { draftBody, scheduleSeeded, seedProductCase } from '../../src/advisories/test-factories.js'
import { saveAdvisoryDraft } from '../../src/advisories/index.js'
import { advisoryDraftSchema } from '../../src/advisories/advisories.schemas.js'
import { parseWith } from '../../src/platform/http/validate.js'
import { fileWebsiteReport } from '../support/website-story.js'
import { publishDueAdvisories } from '../../src/advisories/publication.usecases.js'

/**
 * DESIGN §5 for getVendorList, getProductList, getStatistics and the JVNDB feeds: a draft
 * advisory, a scheduled one whose time has not come and a website case contribute to no list,
 * count or feed item — and the scheduled one does once its time comes and the publication worker
 * has given it its JVNDB number (every MyJVN method and JVNDB feed lists numbered entries only).
 */
let t: TestApp
const DRAFT_DEV = '下書き専用電機'
const SOON_DEV = '予定公開電機'
const OUTPUTS = [
  '/myjvn?method=getVendorList&feed=hnd', '/myjvn?method=getVendorList&feed=oka&lang=en', '/myjvn?method=getProductList&feed=hnd',
  '/myjvn?method=getProductList&feed=oka', '/myjvn?method=getStatistics&feed=hnd&theme=sumAll&cweId=CWE-79&type=m', '/myjvn?method=getStatistics&feed=oka',
  '/rss/jvndb_new.rdf', '/rss/jvndb.rdf', '/rss/years/jvndb_2026.rdf', '/rss/jvndb_new.rdf?lang=en',
]
const product = (seed: { vulnerabilityId: string }, dev: string, cpe: string) => draftBody(seed, {
  affectedProducts: [{ developer: { ja: dev, en: `${cpe} Inc.` }, product: { ja: `${dev}ルータ`, en: `${cpe} router` }, versions: { ja: '1.0', en: '1.0' }, cpe: `cpe:/h:${cpe}:router` }],
})
const read = async (path: string) => { const r = await t.app.request(path); expect(r.status, path).toBe(200); return r.text() }

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  const published = await seedProductCase(t.db, t.clock.now())
  await scheduleSeeded(t.deps, published, new Date('2026-04-01T02:00:00Z'))
  const draft = await seedProductCase(t.db, t.clock.now(), { developer: { ja: DRAFT_DEV, en: 'Draftonly Electric' } })
  await saveAdvisoryDraft(t.deps, { caseId: draft.caseId, actor: { user: null, label: 'test' }, draft: parseWith(advisoryDraftSchema, product(draft, DRAFT_DEV, 'draftonly')) })
  const soon = await seedProductCase(t.db, t.clock.now(), { developer: { ja: SOON_DEV, en: 'Soonpublic Electric' } })
  await scheduleSeeded(t.deps, soon, new Date('2026-05-01T01:00:00Z'), product(soon, SOON_DEV, 'soonpublic'))
  await fileWebsiteReport(t, { urls: ['https://leak-site.example.jp/'], operatorName: 'ウェブ漏えい市', description: 'WEBLEAK XSS', reproduction: 'x' })
  t.clock.set('2026-04-10T00:00:00Z')
  // The worker's tick: the advisory due at 02:00 is published and numbered; the one due in May is not touched.
  expect(await publishDueAdvisories(t.deps)).toBe(1)
})
afterAll(async () => { await t.close() })

describe('the vendor and product lists, statistics and JVNDB feeds show public advisories only', () => {
  it('a draft, a not-yet-due advisory and a website case are in none of them; the scheduled one appears at its time', async () => {
    for (const path of OUTPUTS) {
      const body = await read(path)
      for (const secret of [DRAFT_DEV, 'draftonly', SOON_DEV, 'soonpublic', 'leak-site', 'ウェブ漏えい市', 'WEBLEAK']) expect(body, `${path} shows ${secret}`).not.toContain(secret)
    }
    expect(await read('/myjvn?method=getVendorList&feed=hnd')).toContain('totalRes="1"')
    expect(await read('/myjvn?method=getStatistics&feed=hnd&theme=sumJvnDb')).toContain('vulinfo="1" vendor="1" product="1"')
    expect((await read('/rss/jvndb_new.rdf')).match(/<item /g)).toHaveLength(1)

    t.clock.set('2026-05-01T01:00:00Z')
    // Public from its second, but listed only once the worker (every 2 s) has given its number, as getVulnOverviewList does.
    expect(await read('/myjvn?method=getVendorList&feed=hnd')).not.toContain(SOON_DEV)
    expect(await publishDueAdvisories(t.deps)).toBe(1)
    expect(await read('/myjvn?method=getVendorList&feed=hnd')).toContain(SOON_DEV)
    expect(await read(`/myjvn?method=getVulnOverviewList&feed=hnd&keyword=${encodeURIComponent(SOON_DEV)}`)).toContain('totalRes="1"')
    expect(await read('/myjvn?method=getProductList&feed=oka')).toContain('soonpublic')
    expect(await read('/myjvn?method=getStatistics&feed=hnd&theme=sumJvnDb')).toContain('vulinfo="2" vendor="2" product="2"')
    for (const path of ['/rss/jvndb_new.rdf', '/rss/jvndb.rdf', '/rss/years/jvndb_2026.rdf']) {
      const feed = await read(path)
      expect(feed).toContain(SOON_DEV)
      expect(feed).not.toContain(DRAFT_DEV)
      expect(xmlSchemaErrors(feed, 'myjvn/schemas/hnd/jvnrss_3.2.xsd'), path).toEqual([])
    }
  })

  it('a year feed outside the numbered years is not found', async () => {
    for (const file of ['jvndb_1997.rdf', 'jvndb_2099.rdf', 'jvndb_26.rdf', 'other.rdf']) expect((await t.app.request(`/rss/years/${file}`)).status, file).toBe(404)
  })
})

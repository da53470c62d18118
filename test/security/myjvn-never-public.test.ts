import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { draftBody, scheduleSeeded, seedProductCase } from '../../src/advisories/test-factories.js'
import { saveAdvisoryDraft } from '../../src/advisories/index.js'
import { advisoryDraftSchema } from '../../src/advisories/index.js'
import { publishDueAdvisories } from '../../src/advisories/publication.usecases.js'
import { parseWith } from '../../src/platform/http/validate.js'
import { createUser } from '../support/clients.js'
import { fileWebsiteReport } from '../support/website-story.js'

/**
 * DESIGN §5 for the MyJVN API: a draft, an advisory scheduled for later and a website case appear
 * in no answer of any method — list, detail, vendors, products, statistics, both feeds — until
 * (for the scheduled one) its time has come.
 */
let t: TestApp
const DRAFT = 'MYJVN-DRAFT-MARK'
const LATER = 'MYJVN-LATER-MARK'
const SITE = 'MYJVN-SITE-MARK'

const ALL_DATES = 'rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n'
const queries = (extra: string[]) => ['hnd', 'oka'].flatMap((feed) => [
  `method=getVulnOverviewList&feed=${feed}&${ALL_DATES}`,
  `method=getVulnOverviewList&feed=${feed}&${ALL_DATES}&keyword=MYJVN`,
  `method=getVendorList&feed=${feed}`, `method=getProductList&feed=${feed}`,
  `method=getStatistics&feed=${feed}&theme=sumAll&type=m`,
  ...extra.map((id) => `method=getVulnDetailInfo&feed=${feed}&vulnId=${id}`),
])
async function everything(extra: string[]): Promise<string> {
  const bodies = await Promise.all(queries(extra).map(async (q) => (await t.app.request(`/myjvn?${q}`)).text()))
  return bodies.join('\n')
}

beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  const draft = await seedProductCase(t.db, t.clock.now(), { developer: { ja: `${DRAFT}社`, en: `${DRAFT} Inc.` } })
  await saveAdvisoryDraft(t.deps, { caseId: draft.caseId, actor: { user: null, label: 'test' }, draft: parseWith(advisoryDraftSchema, draftBody(draft, { title: { ja: `${DRAFT} 題`, en: `${DRAFT} title` } })) })
  const later = await seedProductCase(t.db, t.clock.now(), { developer: { ja: `${LATER}社`, en: `${LATER} Inc.` } })
  await scheduleSeeded(t.deps, later, new Date('2026-04-02T01:00:00Z'), draftBody(later, {
    title: { ja: `${LATER} 題`, en: `${LATER} title` },
    affectedProducts: [{ developer: { ja: `${LATER}社`, en: `${LATER} Inc.` }, product: { ja: `${LATER}製品`, en: `${LATER} product` }, versions: { ja: '1', en: '1' }, cpe: 'cpe:/a:myjvn_later:thing' }],
  }))
  await createUser(t, { roles: ['intake'] })
  await fileWebsiteReport(t, { urls: [`https://${SITE.toLowerCase()}.example.jp/`], operatorName: `${SITE}市`, description: `${SITE} XSS`, reproduction: SITE })
})
afterAll(async () => t?.close())

describe('MyJVN never shows what is not public', () => {
  it('a draft, a scheduled advisory before its time and a website case are in no answer', async () => {
    const text = await everything(['JVNDB-2026-000001', 'JVNDB-2026-000002'])
    for (const mark of [DRAFT, LATER, SITE, SITE.toLowerCase()]) expect(text).not.toContain(mark)
    expect(text).not.toContain('myjvn_later')
  })

  it('the SQL filters, counts and statistics count none of them before its time', async () => {
    const totals = async () => Promise.all([
      `feed=hnd&${ALL_DATES}&severity=m`, `feed=hnd&${ALL_DATES}&cpeName=${encodeURIComponent('cpe:/a:myjvn_later')}`, `feed=hnd&${ALL_DATES}&keyword=${LATER}`,
      'feed=hnd', 'feed=oka&cvssV3Severity=MEDIUM', 'feed=oka&modifiedRangeDate=MONTH', 'feed=oka&publicStartDate=20260101',
    ].map(async (q) => {
      const body = await (await t.app.request(`/myjvn?method=getVulnOverviewList&${q}`)).text()
      return Number(q.startsWith('feed=oka') ? JSON.parse(body).status.totalRes : /totalRes="(\d+)"/.exec(body)![1])
    }))
    expect(await totals()).toEqual([0, 0, 0, 0, 0, 0, 0])
    const stats = await (await t.app.request('/myjvn?method=getStatistics&feed=hnd&theme=sumAll&type=m&cweId=CWE-79')).text()
    expect(stats).not.toMatch(/cnt[A-Z]*="[1-9]/)
    const oka = JSON.parse(await (await t.app.request('/myjvn?method=getStatistics&feed=oka')).text())
    expect(oka.dataTotal).toEqual({ vulninfo: 0, vendor: 0, product: 0 })
  })

  it('the scheduled advisory appears once its time has come and it is published', async () => {
    t.clock.set('2026-04-02T01:00:01Z')
    await publishDueAdvisories(t.deps)
    const { jvndb_id } = await t.db.selectFrom('advisories').select('jvndb_id').where('status', '=', 'published').executeTakeFirstOrThrow()
    const text = await everything([jvndb_id!])
    expect(text).toContain(LATER)
    expect(text).toContain(jvndb_id!)
    const filtered = await (await t.app.request(`/myjvn?method=getVulnOverviewList&feed=hnd&${ALL_DATES}&cpeName=${encodeURIComponent('cpe:/a:myjvn_later')}`)).text()
    expect(/totalRes="(\d+)"/.exec(filtered)![1]).toBe('1')
    expect(JSON.parse(await (await t.app.request('/myjvn?method=getStatistics&feed=oka')).text()).dataTotal.vulninfo).toBe(1)
    for (const mark of [DRAFT, SITE]) expect(text).not.toContain(mark)
  })
})

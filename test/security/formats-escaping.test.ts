import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupTestApp, type TestApp } from '../support/test-app.js'
import { xmlSchemaErrors, xmlWellFormedErrors } from '../support/xml-schema.js'
import { draftBody, scheduleSeeded, seedProductCase } from '../../src/advisories/test-factories.js'
import { identifierSlug } from '../../src/advisories/identifiers.js'

/**
 * Advisory text is written from reports, and reports routinely carry working payloads. Every
 * machine-readable output (issue 10) must carry such text as text: XML stays well-formed and
 * valid with markup, `]]>`, ampersands and control characters in every field; JSON carries the
 * exact string; nothing comes out as live markup.
 */
const HOSTILE = `<script>alert("x1")</script> ]]> &amp; & "quoted" 'single' \u0001\u0008 ＜全角＞ 𠮷`
const RAW_SCRIPT = /<script>alert\("x1"\)<\/script>/

let t: TestApp
let slug = ''
let jvndb = ''
let identifier = ''
beforeAll(async () => {
  t = await setupTestApp({ now: '2026-04-01T01:00:00Z' })
  const seed = await seedProductCase(t.db, t.clock.now(), {
    developer: { ja: `開発者${HOSTILE}`, en: `Developer ${HOSTILE}` }, statement: { ja: `声明${HOSTILE}`, en: `Statement ${HOSTILE}` },
  })
  const text = (label: string) => ({ ja: `${label}（日本語）${HOSTILE}`, en: `${label} (English) ${HOSTILE}` })
  const draft = draftBody(seed, {
    title: text('題名'), overview: text('概要'), description: text('詳細'), impact: text('影響'), solution: text('対策'),
    affectedProducts: [{
      developer: text('開発者'), product: text('製品'), versions: text('版'), cpe: 'cpe:2.3:a:sample:wr-1000:*:*:*:*:*:*:*:*',
      package: { ecosystem: 'npm', name: 'wr-admin', ranges: [{ introduced: '1.0.0', fixed: '1.2.4' }] },
    }],
    references: [{ title: `参考${HOSTILE}`, url: 'https://sample.example/a?b=1&c=%3C2%3E' }],
  })
  const scheduled = await scheduleSeeded(t.deps, seed, new Date("2026-04-01T00:59:00Z"), draft).catch((e) => { throw new Error(JSON.stringify(e.details)) })
  identifier = scheduled.identifier
  slug = identifierSlug(identifier)
  jvndb = (await t.db.selectFrom('advisories').select('jvndb_id').where('case_id', '=', seed.caseId).executeTakeFirstOrThrow()).jvndb_id!
})
afterAll(async () => { await t.close() })

const get = async (path: string) => {
  const res = await t.app.request(path)
  expect(res.status, path).toBe(200)
  return { type: res.headers.get('content-type') ?? '', text: await res.text() }
}

describe('hostile advisory text in every format', () => {
  it('keeps every format linked from the advisory page well-formed, and carries the text exactly in JSON', async () => {
    const page = await get(`/advisories/${slug}`)
    expect(RAW_SCRIPT.test(page.text)).toBe(false)
    // The page names the package the OSV record is about.
    expect(page.text).toMatch(/パッケージ: npm <code>wr-admin<\/code> — 影響が始まったバージョン 1\.0\.0、修正されたバージョン 1\.2\.4/)
    const links = [...page.text.matchAll(/<link rel="alternate" type="([^"]+)"[^>]*href="([^"]+)"/g)]
      .map((m) => m[2]!.replace(/&amp;/g, '&')).filter((href) => !href.startsWith('/rss/'))
    // CSAF, CVE, OSV, the keikai API, VULDEF XML and JSON.
    expect(links.length).toBeGreaterThanOrEqual(6)
    for (const href of links) {
      const { type, text } = await get(href)
      if (type.includes('xml')) {
        expect(xmlWellFormedErrors(text), href).toEqual([])
        expect(RAW_SCRIPT.test(text), href).toBe(false)
      } else {
        // JSON: parses, and the text is there as a string — markup and all, control characters at most dropped.
        const json = JSON.stringify(JSON.parse(text))
        expect(json, href).toContain('<script>alert(\\"x1\\")</script> ]]> &amp; & \\"quoted\\"')
      }
    }
  })

  it('keeps the MyJVN list and the JVN feeds valid against their schemas', async () => {
    const list = await get('/myjvn?method=getVulnOverviewList&feed=hnd&rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n')
    expect(list.text).toContain(jvndb)
    expect(xmlSchemaErrors(list.text, 'myjvn/schemas/hnd/jvnrss_3.2.xsd')).toEqual([])
    for (const feed of ['/rss/advisories.rdf', '/rss/jvndb_new.rdf', '/rss/jvndb.rdf?lang=en', '/rss/years/jvndb_2026.rdf']) {
      const { text } = await get(feed)
      expect(text, feed).toContain(feed.includes('jvndb') ? jvndb : identifier)
      expect(xmlSchemaErrors(text, 'myjvn/schemas/hnd/jvnrss_3.2.xsd'), feed).toEqual([])
      expect(RAW_SCRIPT.test(text), feed).toBe(false)
    }
    const detail = await get(`/myjvn?method=getVulnDetailInfo&feed=hnd&vulnId=${jvndb}`)
    expect(xmlSchemaErrors(detail.text, 'myjvn/schemas/hnd/vuldef-wrapper.xsd')).toEqual([])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import * as openpgp from 'openpgp'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js'
import * as schemaTests from '@secvisogram/csaf-validator-lib/schemaTests.js'
import * as mandatoryTests from '@secvisogram/csaf-validator-lib/mandatoryTests.js'
import providerSchema from '../../test/fixtures/csaf-provider/provider_json_schema.json' with { type: 'json' }
import rolieSchema from '../../test/fixtures/csaf-provider/ROLIE_feed_json_schema.json' with { type: 'json' }
import csafSchema from '../../test/fixtures/csaf/csaf_json_schema.json' with { type: 'json' }
import cvss20 from '../../test/fixtures/csaf/cvss-v2.0.json' with { type: 'json' }
import cvss30 from '../../test/fixtures/csaf/cvss-v3.0.json' with { type: 'json' }
import cvss31 from '../../test/fixtures/csaf/cvss-v3.1.json' with { type: 'json' }
import { setupTestApp, type TestApp } from '../../test/support/test-app.js'
import { publishDueAdvisories } from '../advisories/publication.usecases.js'
import { reviseAdvisory } from '../advisories/advisories.usecases.js'
import { crawlProvider, fetchCsaf, scheduleAdvisoryAt } from './csaf.test-support.js'

/**
 * keikai as a CSAF 2.0 trusted provider: each requirement of §7.1 (1–20) checked against the
 * running app the way the BSI csaf_checker (gocsaf/csaf, cmd/csaf_checker) checks a provider —
 * starting from provider-metadata.json and following what it announces.
 */
let t: TestApp
let ajv: Ajv2020
const BASE = 'https://keikai.example'
let first: Awaited<ReturnType<typeof scheduleAdvisoryAt>>
let second: Awaited<ReturnType<typeof scheduleAdvisoryAt>>

beforeAll(async () => {
  t = await setupTestApp({ now: '2025-12-20T00:00:00Z', env: { PUBLIC_URL: BASE } })
  // 05:00 on New Year's Day in Japan, still 2025 in UTC: the year folder follows UTC (as the checker reads it).
  first = await scheduleAdvisoryAt(t, '2025-12-31T20:00:00Z', 'サンプルルータ WR-1000', 'CVE-2025-20001')
  second = await scheduleAdvisoryAt(t, '2026-03-01T01:00:00Z', 'サンプルカメラ CM-200', 'CVE-2026-20002')
  t.clock.set('2026-03-02T00:00:00Z')
  await publishDueAdvisories(t.deps)
  ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  // The FIRST CVSS schemas (draft-04/07) are referenced by their public ids: register them under those ids.
  for (const [schema, version] of [[cvss20, '2.0'], [cvss30, '3.0'], [cvss31, '3.1']] as const) {
    const { $schema: _meta, $id: _id, id: _draft4Id, ...rest } = schema as Record<string, unknown>
    ajv.addSchema(rest, `https://www.first.org/cvss/cvss-v${version}.json`)
  }
  for (const s of [csafSchema, providerSchema, rolieSchema]) ajv.addSchema(s)
})
afterAll(async () => { await t.close() })

const fileName = (url: string) => url.split('/').pop()!
const cleanFileName = (s: string) => s.toLowerCase().replace(/\.json$/, '').replace(/[^+\-a-z0-9]+/g, '_') + '.json'
const sha = (alg: 'sha256' | 'sha512', bytes: Uint8Array) => createHash(alg).update(bytes).digest('hex')

async function documentsOf() {
  const crawl = await crawlProvider(t)
  const docs = await Promise.all(crawl.documents.map(async (url) => {
    const res = await fetchCsaf(t, url)
    expect(res.status, url).toBe(200)
    return { url, res, json: JSON.parse(res.text) }
  }))
  return { ...crawl, docs }
}

describe('CSAF 2.0 §7.1 requirements of a trusted provider', () => {
  it('requirement 1: every document passes the CSAF 2.0 schema and the mandatory tests', async () => {
    const { docs } = await documentsOf()
    expect(docs).toHaveLength(2)
    for (const d of docs) {
      const result = await validateStrict([...Object.values(schemaTests).filter((x) => x.name === 'csaf_2_0_strict'), ...Object.values(mandatoryTests)], d.json)
      const failures = result.tests.filter((x) => !x.isValid).map((x) => `${x.name}: ${JSON.stringify(x.errors)}`)
      expect(failures, d.url).toEqual([])
      expect(result.isValid).toBe(true)
    }
  })

  it('requirement 2: each file is named after its tracking id by the rules of §5.1', async () => {
    const { docs } = await documentsOf()
    expect(docs.map((d) => d.json.document.tracking.id).sort()).toEqual([first.identifier, second.identifier].sort())
    for (const d of docs) {
      expect(fileName(d.url)).toBe(cleanFileName(d.json.document.tracking.id))
      expect(fileName(d.url)).toMatch(/^jvn(vu)?_\d{8}\.json$/)
    }
  })

  it('requirement 3: every URL the provider announces is https when keikai runs behind https (TLS itself is the deployment\'s)', async () => {
    const { pmd, feed, docs } = await documentsOf()
    const service = JSON.parse((await fetchCsaf(t, `${BASE}/.well-known/csaf/service.json`)).text)
    const urls = JSON.stringify([pmd, feed, service, docs.map((d) => d.json.document.references)]).match(/"https?:\/\/keikai[^"]*"/g) ?? []
    expect(urls.length).toBeGreaterThan(10)
    expect(urls.filter((u) => !u.startsWith(`"${BASE}`))).toEqual([])
    const securityTxt = (await fetchCsaf(t, `${BASE}/.well-known/security.txt`)).text
    expect(securityTxt).toMatch(/^CSAF: https:\/\//m)
  })

  it('requirement 4: TLP:WHITE documents are freely accessible, without signing in', async () => {
    const { docs } = await documentsOf()
    for (const d of docs) {
      expect(d.json.document.distribution.tlp.label).toBe('WHITE')
      expect(d.res.status).toBe(200)
      expect(d.res.headers.get('cache-control')).toBe('public, max-age=60')
    }
  })

  it('requirement 5: nothing is labelled TLP:AMBER or TLP:RED, and no feed or folder offers such documents', async () => {
    const { pmd, docs } = await documentsOf()
    expect(docs.map((d) => d.json.document.distribution.tlp.label)).toEqual(['WHITE', 'WHITE'])
    expect(pmd.distributions.flatMap((d: { rolie?: { feeds: { tlp_label: string }[] } }) => d.rolie?.feeds.map((f) => f.tlp_label) ?? [])).toEqual(['WHITE'])
    for (const folder of ['amber', 'red', 'green']) expect((await fetchCsaf(t, `${BASE}/.well-known/csaf/${folder}/`)).status).toBe(404)
  })

  it('requirement 6: no URL of the provider redirects', async () => {
    const { pmd, feed, docs, directory } = await documentsOf()
    const urls = [
      `${BASE}/.well-known/csaf/provider-metadata.json`, `${BASE}/.well-known/csaf/`, directory, `${directory}index.txt`, `${directory}changes.csv`,
      `${BASE}/.well-known/csaf/service.json`, `${directory}category-white.json`, pmd.public_openpgp_keys[0].url,
      ...feed.feed.entry.flatMap((e: { link: { href: string }[] }) => e.link.map((l) => l.href)),
      ...docs.map((d) => d.url.replace(/[^/]+$/, '')),
    ]
    for (const url of urls) expect((await fetchCsaf(t, url)).status, url).toBe(200)
  })

  it('requirement 7: provider-metadata.json is valid against its schema, names the trusted-provider role and the documents\' publisher', async () => {
    const { pmd, docs } = await documentsOf()
    const validate = ajv.getSchema('https://docs.oasis-open.org/csaf/csaf/v2.0/provider_json_schema.json')!
    expect(validate(pmd), JSON.stringify(validate.errors)).toBe(true)
    expect(pmd.role).toBe('csaf_trusted_provider')
    expect(pmd.canonical_url).toBe(`${BASE}/.well-known/csaf/provider-metadata.json`)
    for (const d of docs) expect(d.json.document.publisher).toEqual(pmd.publisher)
    // The newest change of anything it lists: here the key, made at the first request, after the newest release.
    expect(pmd.last_updated).toBe('2026-03-02T00:00:00.000Z')
    const res = await fetchCsaf(t, pmd.canonical_url)
    expect(res.type).toBe('application/json')
  })

  it('requirement 8: security.txt\'s first CSAF field points to exactly that provider-metadata.json', async () => {
    const securityTxt = (await fetchCsaf(t, `${BASE}/.well-known/security.txt`)).text
    const csafLines = securityTxt.split('\n').filter((l) => l.startsWith('CSAF:'))
    expect(csafLines[0]).toBe(`CSAF: ${BASE}/.well-known/csaf/provider-metadata.json`)
    const viaSecurityTxt = await fetchCsaf(t, csafLines[0]!.slice('CSAF:'.length).trim())
    const wellKnown = await fetchCsaf(t, '/.well-known/csaf/provider-metadata.json')
    expect(sha('sha256', viaSecurityTxt.bytes)).toBe(sha('sha256', wellKnown.bytes))
  })

  it('requirement 9: /.well-known/csaf/provider-metadata.json serves it directly', async () => {
    const res = await fetchCsaf(t, '/.well-known/csaf/provider-metadata.json')
    expect(res.status).toBe(200)
    expect(JSON.parse(res.text).metadata_version).toBe('2.0')
  })

  it('requirement 10 (the DNS name csaf.data.security.<domain> is the deployment\'s): provider-metadata.json is the same bytes on every request, so such a host can serve it', async () => {
    const a = await fetchCsaf(t, '/.well-known/csaf/provider-metadata.json')
    t.clock.advance(3600_000)
    const b = await fetchCsaf(t, '/.well-known/csaf/provider-metadata.json')
    expect(b.text).toBe(a.text)
  })

  it('requirement 11: each document is in the folder of the year (UTC) of its initial release', async () => {
    const { docs } = await documentsOf()
    for (const d of docs) {
      const folder = /\/(\d{4})\/[^/]+$/.exec(d.url)?.[1]
      expect(folder, d.url).toBe(String(new Date(d.json.document.tracking.initial_release_date).getUTCFullYear()))
    }
    expect(docs.map((d) => d.url.split('/').at(-2)).sort()).toEqual(['2025', '2026'])
  })

  it('requirement 12: index.txt lists every document, relative to the folder it is in, and nothing else', async () => {
    const { index, feed } = await documentsOf()
    expect(index.sort()).toEqual([expect.stringMatching(/^2025\/jvn_\d{8}\.json$/), expect.stringMatching(/^2026\/jvn_\d{8}\.json$/)])
    expect(index.map((p) => `${BASE}/.well-known/csaf/white/${p}`).sort())
      .toEqual(feed.feed.entry.map((e: { content: { src: string } }) => e.content.src).sort())
    expect((await fetchCsaf(t, `${BASE}/.well-known/csaf/white/index.txt`)).type).toBe('text/plain; charset=utf-8')
  })

  it('requirement 13: changes.csv gives each document\'s current_release_date, newest first, without a heading', async () => {
    const { directory, docs } = await documentsOf()
    const lines = (await fetchCsaf(t, `${directory}changes.csv`)).text.split('\n').filter(Boolean)
    const rows = lines.map((l) => /^"([^"]+)","([^"]+)"$/.exec(l)!.slice(1))
    expect(rows).toHaveLength(2)
    const times = rows.map(([, time]) => Date.parse(time!))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    for (const [path, time] of rows) {
      const doc = docs.find((d) => d.url === directory + path)!
      expect(time).toBe(doc.json.document.tracking.current_release_date)
    }
  })

  it('requirement 14: directory listings link every document from its folder, and the white folder links the year folders', async () => {
    const { directory, docs } = await documentsOf()
    const hrefs = (html: string) => [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!)
    for (const d of docs) {
      const folder = d.url.replace(/[^/]+$/, '')
      const listing = await fetchCsaf(t, folder)
      expect(listing.type).toMatch(/^text\/html/)
      const links = hrefs(listing.text).map((h) => new URL(h, folder).href)
      for (const suffix of ['', '.sha256', '.sha512', '.asc']) expect(links).toContain(d.url + suffix)
    }
    const white = hrefs((await fetchCsaf(t, directory)).text)
    expect(white).toEqual(expect.arrayContaining(['2026/', '2025/', 'index.txt', 'changes.csv']))
  })

  it('requirement 15: one ROLIE feed for TLP:WHITE, valid, listing every document with both hashes and its signature', async () => {
    const { feed, index, pmd } = await documentsOf()
    const validate = ajv.getSchema('https://raw.githubusercontent.com/oasis-tcs/csaf/master/csaf_2.0/json_schema/ROLIE_feed_json_schema.json')!
    expect(validate(feed), JSON.stringify(validate.errors)).toBe(true)
    expect(pmd.distributions[1].rolie.feeds).toEqual([expect.objectContaining({ tlp_label: 'WHITE', url: `${BASE}/.well-known/csaf/white/csaf-feed-tlp-white.json` })])
    expect(feed.feed.entry).toHaveLength(index.length)
    for (const entry of feed.feed.entry) {
      const self = entry.link.find((l: { rel: string }) => l.rel === 'self').href
      expect(entry.link.map((l: { rel: string; href: string }) => `${l.rel} ${l.href}`)).toEqual([
        `self ${self}`, `hash ${self}.sha256`, `hash ${self}.sha512`, `signature ${self}.asc`,
      ])
      const doc = JSON.parse((await fetchCsaf(t, self)).text)
      expect(entry.id).toBe(doc.document.tracking.id)
      expect(entry.published).toBe(doc.document.tracking.initial_release_date)
      expect(entry.updated).toBe(doc.document.tracking.current_release_date)
    }
  })

  it('requirement 16: the ROLIE service document beside provider-metadata.json lists exactly its feeds', async () => {
    const { pmd } = await documentsOf()
    const service = JSON.parse((await fetchCsaf(t, `${BASE}/.well-known/csaf/service.json`)).text)
    const listed = service.service.workspace.flatMap((w: { collection: { href: string }[] }) => w.collection.map((c) => c.href))
    expect(listed).toEqual(pmd.distributions[1].rolie.feeds.map((f: { url: string }) => f.url))
    expect(pmd.distributions[1].rolie.services).toEqual([`${BASE}/.well-known/csaf/service.json`])
  })

  it('requirement 17: the ROLIE category document beside the feed names the categories its documents can be told apart by', async () => {
    const res = await fetchCsaf(t, `${BASE}/.well-known/csaf/white/category-white.json`)
    expect(res.status).toBe(200)
    const terms = JSON.parse(res.text).categories.category.map((c: { term: string }) => c.term)
    expect(terms).toEqual(expect.arrayContaining(['csaf_security_advisory', 'en', 'Sample Electric Co., Ltd.']))
  })

  it('requirement 18: .sha256 and .sha512 beside each document hold the hashes of the exact bytes served', async () => {
    const { docs } = await documentsOf()
    for (const d of docs) {
      for (const alg of ['sha256', 'sha512'] as const) {
        const res = await fetchCsaf(t, `${d.url}.${alg}`)
        expect(res.type).toBe('text/plain; charset=utf-8')
        expect(res.text).toBe(`${sha(alg, d.res.bytes)}  ${fileName(d.url)}\n`)
      }
    }
  })

  it('requirement 19: each document\'s .asc is a detached signature over the served bytes that verifies with the published key', async () => {
    const { docs, pmd } = await documentsOf()
    const key = await openpgp.readKey({ armoredKey: (await fetchCsaf(t, pmd.public_openpgp_keys[0].url)).text })
    for (const d of docs) {
      const asc = await fetchCsaf(t, `${d.url}.asc`)
      expect(asc.type).toBe('application/pgp-signature')
      const signature = await openpgp.readSignature({ armoredSignature: asc.text })
      const verified = await openpgp.verify({ message: await openpgp.createMessage({ binary: d.res.bytes }), signature, verificationKeys: key, date: t.clock.now() })
      await expect(verified.signatures[0]!.verified).resolves.toBe(true)
      // Another byte and it no longer verifies.
      const tampered = new Uint8Array([...d.res.bytes, 0x20])
      const forged = await openpgp.verify({ message: await openpgp.createMessage({ binary: tampered }), signature, verificationKeys: key, date: t.clock.now() })
      await expect(forged.signatures[0]!.verified).rejects.toThrow()
      // The same signature on every request.
      expect((await fetchCsaf(t, `${d.url}.asc`)).text).toBe(asc.text)
    }
  })

  it('requirement 20: the public key is published where provider-metadata.json says, with the fingerprint it lists', async () => {
    const { pmd } = await documentsOf()
    expect(pmd.public_openpgp_keys).toHaveLength(1)
    const [{ fingerprint, url }] = pmd.public_openpgp_keys
    expect(url).toBe(`${BASE}/.well-known/csaf/openpgp/${fingerprint}.asc`)
    const res = await fetchCsaf(t, url)
    expect(res.type).toBe('application/pgp-keys')
    const key = await openpgp.readKey({ armoredKey: res.text })
    expect(key.isPrivate()).toBe(false)
    expect(key.getFingerprint().toUpperCase()).toBe(fingerprint)
    expect(key.getAlgorithmInfo().algorithm).toMatch(/eddsa|ed25519/i)
    expect((await fetchCsaf(t, `${BASE}/.well-known/csaf/openpgp/${'0'.repeat(40)}.asc`)).status).toBe(404)
  })
})

describe('revisions', () => {
  it('a revision publishes a new version with its history, and changes.csv and the feed move it to the top', async () => {
    const before = await documentsOf()
    const firstUrl = before.docs.find((d) => d.json.document.tracking.id === first.identifier)!.url
    t.clock.set('2026-03-10T03:00:00Z')
    await reviseAdvisory(t.deps, {
      caseId: first.caseId, actor: { user: null, label: 'test coordinator' },
      note: { ja: '修正版の情報を追加しました', en: 'Added the fixed version' },
    })
    const after = await documentsOf()
    const doc = after.docs.find((d) => d.url === firstUrl)!
    expect(doc.json.document.tracking.version).toBe('2')
    expect(doc.json.document.tracking.current_release_date).toBe('2026-03-10T03:00:00.000Z')
    expect(doc.json.document.tracking.revision_history.map((r: { number: string; summary: string }) => `${r.number} ${r.summary}`))
      .toEqual(['1 Initial release', '2 Added the fixed version'])
    // The same URL (the file name is the tracking id), new bytes, new hashes and a signature over them.
    expect(sha('sha256', doc.res.bytes)).not.toBe(sha('sha256', before.docs.find((d) => d.url === firstUrl)!.res.bytes))
    expect((await fetchCsaf(t, `${firstUrl}.sha256`)).text.split(' ')[0]).toBe(sha('sha256', doc.res.bytes))
    const changes = (await fetchCsaf(t, `${after.directory}changes.csv`)).text.split('\n')[0]
    expect(changes).toBe(`"${firstUrl.slice(after.directory.length)}","2026-03-10T03:00:00.000Z"`)
    expect(after.feed.feed.entry[0].id).toBe(first.identifier)
    expect(after.feed.feed.entry[0].updated).toBe('2026-03-10T03:00:00.000Z')
    expect(after.pmd.last_updated).toBe('2026-03-10T03:00:00.000Z')
  })
})

describe('the advisory page', () => {
  it('links the advisory\'s CSAF document, which answers at that address', async () => {
    const slug = second.identifier.replace('#', '')
    const html = await (await t.app.request(`/advisories/${slug}`)).text()
    const href = `/.well-known/csaf/white/2026/${slug.toLowerCase().replace(/^(jvn(?:vu)?)/, '$1_')}.json`
    expect(html).toContain(`href="${href}"`)
    const doc = JSON.parse((await fetchCsaf(t, href)).text)
    expect(doc.document.tracking.id).toBe(second.identifier)
  })
})

import { draftBody, scheduleSeeded, seedProductCase } from '../advisories/test-factories.js'
import type { DB } from '../platform/db/database.js'
import type { Clock } from '../platform/clock.js'
import type { Config } from '../platform/config.js'

type App = { request: (path: string, init?: RequestInit) => Response | Promise<Response> }
type World = { app: App; db: DB; clock: Clock; config: Config; deps: { db: DB; clock: Clock; config: Config } }

/** A product case whose advisory (titled `title`, CVE `cveId`) is scheduled for `publishAt`. */
export async function scheduleAdvisoryAt(t: World, publishAt: string, title: string, cveId: string) {
  const seed = await seedProductCase(t.db, t.clock.now(), { vulnerability: { titleJa: title, titleEn: title, cveId, cweId: 'CWE-79' } })
  const draft = draftBody(seed, { title: { ja: `${title}の脆弱性`, en: `${title} vulnerability` } })
  const vulnerabilities = (draft.vulnerabilities as Array<Record<string, unknown>>).map((v) => ({ ...v, cveId }))
  const scheduled = await scheduleSeeded(t.deps, seed, new Date(publishAt), { ...draft, vulnerabilities })
  return { caseId: seed.caseId, identifier: scheduled.identifier, coordinator: seed.coordinator }
}

/** GET of a URL the provider announced (absolute, on PUBLIC_URL), as a client that follows no redirect. */
export async function fetchCsaf(t: World, url: string, init: RequestInit = {}) {
  const path = url.startsWith(t.config.publicUrl) ? url.slice(t.config.publicUrl.length) : url
  const res = await t.app.request(path, { redirect: 'manual', ...init })
  const bytes = new Uint8Array(await res.arrayBuffer())
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, bytes, text: new TextDecoder().decode(bytes) }
}

/** Every URL of the provider's tree, found the way a checker walks it: from provider-metadata.json. */
export async function crawlProvider(t: World) {
  const pmdUrl = `${t.config.publicUrl}/.well-known/csaf/provider-metadata.json`
  const pmd = JSON.parse((await fetchCsaf(t, pmdUrl)).text)
  const directory: string = pmd.distributions.find((d: { directory_url?: string }) => d.directory_url).directory_url
  const feedUrl: string = pmd.distributions.find((d: { rolie?: unknown }) => d.rolie).rolie.feeds[0].url
  const index = (await fetchCsaf(t, `${directory}index.txt`)).text.split('\n').filter(Boolean)
  const feed = JSON.parse((await fetchCsaf(t, feedUrl)).text)
  const documents = index.map((p) => directory + p)
  return { pmdUrl, pmd, directory, feedUrl, feed, index, documents }
}

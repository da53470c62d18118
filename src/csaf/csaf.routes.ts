import { Hono, type Context } from 'hono'
import type { AppEnv } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import {
  CSAF_ROOT, PROVIDER_METADATA, ROLIE_CATEGORY, ROLIE_FEED, ROLIE_SERVICE, WHITE, hashFile,
  providerMetadata, rolieCategory, rolieFeed, rolieService,
} from './csaf-files.js'
import { publicCache } from '../platform/http/page-cache.js'
import {
  documentSignature, latestRelease, providerKey, publicChangesText, publicDocument, publicIndexText, publicListing, publicVendors,
} from './csaf.usecases.js'
import { directoryListing, type ListingEntry } from './csaf.views.js'

/**
 * keikai as a CSAF 2.0 trusted provider (§7.1 requirements 1–20): provider-metadata.json at the
 * well-known place, the TLP:WHITE documents in a folder per year with hashes and signatures,
 * index.txt, changes.csv, a ROLIE feed with its service and category documents, the public key,
 * and directory listings. All public, all rendered from what `publicAdvisories` lets through at
 * the moment of the request; no redirects anywhere (§7.1.6). Short caching only: a cached listing
 * may show an advisory late, never early.
 */
export const csafRoutes = new Hono<AppEnv>()

const CACHE = { 'Cache-Control': 'public, max-age=60' }
const deps = (c: Context<AppEnv>) => c.var.deps
const json = (c: Context<AppEnv>, value: unknown) =>
  c.body(JSON.stringify(value, null, 2) + '\n', 200, { 'Content-Type': 'application/json', ...CACHE })
const text = (c: Context<AppEnv>, body: string, type = 'text/plain; charset=utf-8') => c.body(body, 200, { 'Content-Type': type, ...CACHE })
const listing = (c: Context<AppEnv>, path: string, parent: string | null, entries: ListingEntry[]) =>
  c.html(directoryListing({ t: c.var.t, lang: c.var.lang, path, parent, entries }), 200, CACHE)

csafRoutes.get(PROVIDER_METADATA, publicCache, async (c) => {
  const [latest, key] = await Promise.all([latestRelease(deps(c)), providerKey(deps(c))])
  return json(c, providerMetadata({ site: deps(c).config, latestRelease: latest, key }))
})

csafRoutes.get(ROLIE_SERVICE, publicCache, (c) => json(c, rolieService(deps(c).config.publicUrl)))

csafRoutes.get(ROLIE_FEED, publicCache, async (c) => {
  const [docs, key] = await Promise.all([publicListing(deps(c), { titles: true }), providerKey(deps(c))])
  return json(c, rolieFeed({ publicUrl: deps(c).config.publicUrl, docs, keyCreatedAt: key.createdAt }))
})

csafRoutes.get(ROLIE_CATEGORY, publicCache, async (c) => json(c, rolieCategory(await publicVendors(deps(c)))))

csafRoutes.get(`${WHITE}/index.txt`, publicCache, async (c) => text(c, await publicIndexText(deps(c))))

csafRoutes.get(`${WHITE}/changes.csv`, publicCache, async (c) => text(c, await publicChangesText(deps(c))))

csafRoutes.get(`${CSAF_ROOT}/openpgp/:csafKeyFile`, publicCache, async (c) => {
  const key = await providerKey(deps(c))
  if (c.req.param('csafKeyFile') !== `${key.fingerprint}.asc`) throw errors.notFound()
  return text(c, key.publicArmored, 'application/pgp-keys')
})

// ---- the documents, their hashes and signatures ----

// The document itself last: every other name ends in `.json` plus its suffix.
const SUFFIXES = ['.sha256', '.sha512', '.asc', ''] as const

csafRoutes.get(`${WHITE}/:csafYear/:csafFile`, publicCache, async (c) => {
  const file = c.req.param('csafFile')
  const suffix = SUFFIXES.find((s) => file.endsWith(`.json${s}`))
  if (suffix === undefined) throw errors.notFound()
  const doc = await publicDocument(deps(c), c.req.param('csafYear'), file.slice(0, file.length - suffix.length))
  if (!doc) throw errors.notFound()
  switch (suffix) {
    case '': return c.body(doc.text, 200, { 'Content-Type': 'application/json', ...CACHE })
    case '.sha256': return text(c, hashFile(doc.sha256, doc.filename))
    case '.sha512': return text(c, hashFile(doc.sha512, doc.filename))
    case '.asc': return text(c, await documentSignature(deps(c), doc), 'application/pgp-signature')
  }
})

// ---- directory listings (§7.1.14) ----

csafRoutes.get(`${CSAF_ROOT}/`, publicCache, (c) => listing(c, `${CSAF_ROOT}/`, null,
  ['provider-metadata.json', 'service.json', 'white/', 'openpgp/'].map((name) => ({ name, href: name }))))

csafRoutes.get(`${CSAF_ROOT}/openpgp/`, publicCache, async (c) => {
  const key = await providerKey(deps(c))
  return listing(c, `${CSAF_ROOT}/openpgp/`, '../', [{ name: `${key.fingerprint}.asc`, href: `${key.fingerprint}.asc` }])
})

csafRoutes.get(`${WHITE}/`, publicCache, async (c) => {
  const years = [...new Set((await publicListing(deps(c))).map((d) => d.year))].sort().reverse()
  return listing(c, `${WHITE}/`, '../', [
    ...years.map((y) => ({ name: `${y}/`, href: `${y}/` })),
    ...['index.txt', 'changes.csv', 'csaf-feed-tlp-white.json', 'category-white.json'].map((name) => ({ name, href: name })),
  ])
})

csafRoutes.get(`${WHITE}/:csafYear/`, publicCache, async (c) => {
  const year = c.req.param('csafYear')
  const docs = (await publicListing(deps(c))).filter((d) => d.year === year).sort((a, b) => a.filename.localeCompare(b.filename))
  if (docs.length === 0) throw errors.notFound()
  return listing(c, `${WHITE}/${year}/`, '../', docs.flatMap((d) =>
    ['', '.asc', '.sha256', '.sha512'].map((s) => ({ name: d.filename + s, href: d.filename + s }))))
})

import type { DB } from '../platform/db/database.js'
import type { Clock } from '../platform/clock.js'
import type { Config } from '../platform/config.js'
import { identifierFromSlug, pick } from '../advisories/index.js'
import { csafChangesText, csafIndexText, findSignature, insertSignature, latestCsafRelease, listCsafDevelopers, listCsafListing, listCsafSources, type CsafSource } from './csaf.repository.js'
import { listedDocument, renderDocument, type ListedDocument, type RenderedDocument } from './csaf-files.js'
import { loadCsafKey, type CsafKey } from './csaf-key.js'

export type CsafDeps = { db: DB; clock: Clock; config: Config }

/**
 * What the listings say of every document the provider publishes (DESIGN §5: only what the public
 * may see), from columns alone: no document is rendered for index.txt, changes.csv, the ROLIE feed
 * or provider-metadata.json.
 */
export async function publicListing(deps: CsafDeps, opts: { titles?: boolean } = {}): Promise<ListedDocument[]> {
  return (await listCsafListing(deps.db, deps.clock.now(), opts)).map(listedDocument)
}

/** index.txt and changes.csv, written by the database (one text value each, no row per document in the process). */
export const publicIndexText = (deps: CsafDeps) => csafIndexText(deps.db, deps.clock.now())
export const publicChangesText = (deps: CsafDeps) => csafChangesText(deps.db, deps.clock.now())

/** provider-metadata's last_updated needs only the newest release, not the list. */
export async function latestRelease(deps: CsafDeps): Promise<Date | null> {
  return latestCsafRelease(deps.db, deps.clock.now())
}

/** The vendors the provider's documents name (their product trees' vendor branches), for the ROLIE category document. */
export async function publicVendors(deps: CsafDeps): Promise<string[]> {
  return (await listCsafDevelopers(deps.db, deps.clock.now())).map((d) => {
    const t = (d ?? {}) as { ja?: unknown; en?: unknown }
    return pick({ ja: typeof t.ja === 'string' ? t.ja : '', en: typeof t.en === 'string' ? t.en : '' }, 'en').trim() || 'Unknown vendor'
  })
}

/**
 * Rendered documents, kept by version: the same advisory row (its last update) and the same
 * release history give the same bytes, so a version is rendered once per process, not per
 * request of it, its hashes and its signature. Bounded: the least recently used go first.
 */
const RENDERED_MAX = 2000
const rendered = new Map<string, RenderedDocument>()
function renderOnce(source: CsafSource, site: CsafDeps['config']): RenderedDocument {
  const a = source.advisory
  const key = [source.advisoryId, source.updatedAt.toISOString(), a.modifiedAt?.toISOString(), a.revisions.length, site.publicUrl, site.publisher.name, site.publisher.namespace].join('|')
  const kept = rendered.get(key)
  if (kept) {
    rendered.delete(key)
    rendered.set(key, kept)
    return kept
  }
  const doc = renderDocument(source, site)
  rendered.set(key, doc)
  if (rendered.size > RENDERED_MAX) rendered.delete(rendered.keys().next().value!)
  return doc
}

/**
 * The document served at `white/<year>/<filename>`, or null when no public advisory has it there:
 * a draft, a scheduled advisory before its time, a wrong year or a name that is no document.
 */
export async function publicDocument(deps: CsafDeps, year: string, filename: string): Promise<RenderedDocument | null> {
  const stem = /^([a-z]+)_(\d+)\.json$/.exec(filename)
  const identifier = stem ? identifierFromSlug(`${stem[1]!.toUpperCase()}${stem[2]}`) : null
  if (!identifier) return null
  const [source] = await listCsafSources(deps.db, deps.clock.now(), identifier)
  if (!source) return null
  const doc = renderOnce(source, deps.config)
  return doc.year === year && doc.filename === filename ? doc : null
}

export const providerKey = (deps: CsafDeps): Promise<CsafKey> => loadCsafKey(deps.db, deps.config, deps.clock.now())

/**
 * The detached signature of exactly these bytes (§7.1.19). Made once per document version and
 * key, then read back, so every request and every process serves the same `.asc`.
 */
export async function documentSignature(deps: CsafDeps, doc: RenderedDocument): Promise<string> {
  const key = await providerKey(deps)
  const ref = { advisoryId: doc.advisoryId, documentSha256: doc.sha256, keyFingerprint: key.fingerprint }
  const stored = await findSignature(deps.db, ref)
  if (stored) return stored
  const now = deps.clock.now()
  await insertSignature(deps.db, { ...ref, signature: await key.sign(doc.bytes, now), now })
  const kept = await findSignature(deps.db, ref)
  if (!kept) throw new Error('the CSAF signature could not be stored')
  return kept
}

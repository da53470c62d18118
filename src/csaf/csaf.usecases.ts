import type { DB } from '../platform/db/database.js'
import type { Clock } from '../platform/clock.js'
import type { Config } from '../platform/config.js'
import { identifierFromSlug } from '../advisories/index.js'
import { findSignature, insertSignature, listCsafSources } from './csaf.repository.js'
import { renderDocument, type RenderedDocument } from './csaf-files.js'
import { loadCsafKey, type CsafKey } from './csaf-key.js'

export type CsafDeps = { db: DB; clock: Clock; config: Config }

/** Every public advisory's current CSAF document, rendered now (DESIGN §5: only what the public may see). */
export async function publicDocuments(deps: CsafDeps): Promise<RenderedDocument[]> {
  const sources = await listCsafSources(deps.db, deps.clock.now())
  return sources.map((s) => renderDocument(s, deps.config))
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
  const doc = renderDocument(source, deps.config)
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

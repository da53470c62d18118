import { createHash } from 'node:crypto'
import { pick } from '../advisories/index.js'
import { csafDocument, csafDocumentPath, csafFilename, csafTrackingId } from './csaf-document.js'
import type { CsafSource } from './csaf.repository.js'
import type { Config } from '../platform/config.js'

/** Where the provider lives (CSAF 2.0 §7.1.9) and the one TLP:WHITE folder (TLP:CLEAR; §7.1.4). */
export const CSAF_ROOT = '/.well-known/csaf'
export const WHITE = `${CSAF_ROOT}/white`
export const PROVIDER_METADATA = `${CSAF_ROOT}/provider-metadata.json`
export const ROLIE_SERVICE = `${CSAF_ROOT}/service.json`
// The names a checker looks for: the feed anywhere (provider-metadata names it), the category document beside it.
export const ROLIE_FEED = `${WHITE}/csaf-feed-tlp-white.json`
export const ROLIE_CATEGORY = `${WHITE}/category-white.json`
export const keyPath = (fingerprint: string) => `${CSAF_ROOT}/openpgp/${fingerprint}.asc`

const CSAF_SCHEMA = 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json'
const INFORMATION_TYPE = { scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' }

/** Where the provider's files live and who issues them: the same publisher in provider-metadata.json and every document (§7.1.7). */
export type ProviderSite = Pick<Config, 'publicUrl' | 'publisher'>

/** What the listings (index.txt, changes.csv, ROLIE, provider-metadata) say of one document: columns, not its rendering. */
export type ListedDocument = {
  trackingId: string
  title: string
  /** `2026/jvn_12345678.json`: relative to the white folder, as index.txt and changes.csv list it. */
  path: string
  year: string
  filename: string
  initialReleaseDate: string
  currentReleaseDate: string
}

/**
 * A listed document from its columns (csaf.repository.ts, listCsafListing): the same path, title
 * and dates the rendered document has (csafDocumentPath, csafDocument), without rendering it.
 */
export function listedDocument(row: { identifier: string; publishAt: Date; currentAt: Date; title: unknown }): ListedDocument {
  const year = String(row.publishAt.getUTCFullYear())
  const filename = csafFilename(row.identifier)
  const t = (row.title ?? {}) as { ja?: unknown; en?: unknown }
  const title = pick({ ja: typeof t.ja === 'string' ? t.ja : '', en: typeof t.en === 'string' ? t.en : '' }, 'en').trim() || row.identifier
  return {
    trackingId: row.identifier, title, path: `${year}/${filename}`, year, filename,
    initialReleaseDate: row.publishAt.toISOString(), currentReleaseDate: row.currentAt.toISOString(),
  }
}

/** One advisory's current CSAF document, as the exact bytes served, with what the listings say of it. */
export type RenderedDocument = ListedDocument & {
  advisoryId: string
  /** The document as served; `bytes` is its UTF-8, what the hashes and the signature cover. */
  text: string
  bytes: Uint8Array
  sha256: string
  sha512: string
  vendors: string[]
}

/**
 * Renders a public advisory's current version. Deterministic: the generator date is the
 * version's own release time, so the same version always gives the same bytes, hashes and
 * (stored) signature, in every process.
 */
export function renderDocument(source: CsafSource, site: ProviderSite): RenderedDocument {
  const a = source.advisory
  const versionTime = a.modifiedAt ?? a.publishedAt
  if (!versionTime) throw new Error('an unpublished advisory has no CSAF document')
  const doc = csafDocument(a, { baseUrl: site.publicUrl, now: versionTime, publisher: site.publisher })
  const text = JSON.stringify(doc, null, 2) + '\n'
  const bytes = new TextEncoder().encode(text)
  const path = csafDocumentPath(a).slice(WHITE.length + 1)
  const [year, filename] = path.split('/') as [string, string]
  return {
    advisoryId: source.advisoryId, trackingId: csafTrackingId(a), title: doc.document.title, path, year, filename, text, bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'), sha512: createHash('sha512').update(bytes).digest('hex'),
    initialReleaseDate: doc.document.tracking.initial_release_date, currentReleaseDate: doc.document.tracking.current_release_date,
    vendors: [...new Set((doc.product_tree?.branches ?? []).map((b) => b.name))],
  }
}

/** Newest change first (§7.1.13), then by path so that equal times keep one order. */
export const byCurrentReleaseDesc = (a: ListedDocument, b: ListedDocument) =>
  Date.parse(b.currentReleaseDate) - Date.parse(a.currentReleaseDate) || a.path.localeCompare(b.path)

/** `<hex>  <filename>`, as `sha256sum` writes it (§7.1.18). */
export const hashFile = (hex: string, filename: string) => `${hex}  ${filename}\n`

/** When anything the provider publishes last changed: its newest document version, or the key's making. */
export function lastUpdated(docs: ListedDocument[], keyCreatedAt: Date): string {
  // A loop, not Math.max(...times): a spread of 200,000 arguments overflows the stack.
  let latest = keyCreatedAt.getTime()
  for (const d of docs) latest = Math.max(latest, Date.parse(d.currentReleaseDate))
  return new Date(latest).toISOString()
}

/** §7.1.7: provider-metadata.json of a trusted provider distributing by directory and by ROLIE. */
export function providerMetadata(o: { site: ProviderSite; latestRelease: Date | null; key: { fingerprint: string; createdAt: Date } }) {
  const url = (path: string) => o.site.publicUrl + path
  const publisher = o.site.publisher
  return {
    canonical_url: url(PROVIDER_METADATA),
    distributions: [
      { directory_url: url(`${WHITE}/`) },
      {
        rolie: {
          categories: [url(ROLIE_CATEGORY)],
          feeds: [{ summary: 'TLP:WHITE (TLP:CLEAR) advisories', tlp_label: 'WHITE', url: url(ROLIE_FEED) }],
          services: [url(ROLIE_SERVICE)],
        },
      },
    ],
    last_updated: new Date(Math.max(o.key.createdAt.getTime(), o.latestRelease?.getTime() ?? -Infinity)).toISOString(),
    list_on_CSAF_aggregators: true,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: true,
    public_openpgp_keys: [{ fingerprint: o.key.fingerprint, url: url(keyPath(o.key.fingerprint)) }],
    publisher: { category: 'coordinator', name: publisher.name, namespace: publisher.namespace },
    role: 'csaf_trusted_provider',
  }
}

/** §7.1.15: one feed for TLP:WHITE, each entry linking its document, both hashes and its signature. */
export function rolieFeed(o: { publicUrl: string; docs: ListedDocument[]; keyCreatedAt: Date }) {
  const url = (path: string) => o.publicUrl + path
  return {
    feed: {
      id: 'keikai-csaf-feed-tlp-white',
      title: 'keikai CSAF feed (TLP:WHITE)',
      link: [{ rel: 'self', href: url(ROLIE_FEED) }, { rel: 'service', href: url(ROLIE_SERVICE) }],
      category: [INFORMATION_TYPE],
      updated: lastUpdated(o.docs, o.keyCreatedAt),
      entry: [...o.docs].sort(byCurrentReleaseDesc).map((d) => {
        const doc = url(`${WHITE}/${d.path}`)
        return {
          id: d.trackingId,
          title: d.title,
          link: [
            { rel: 'self', href: doc },
            { rel: 'hash', href: `${doc}.sha256` },
            { rel: 'hash', href: `${doc}.sha512` },
            { rel: 'signature', href: `${doc}.asc` },
          ],
          published: d.initialReleaseDate,
          updated: d.currentReleaseDate,
          content: { type: 'application/json', src: doc },
          format: { schema: CSAF_SCHEMA, version: '2.0' },
        }
      }),
    },
  }
}

/** §7.1.16: the service document lists the feed provider-metadata.json names. */
export function rolieService(publicUrl: string) {
  return {
    service: {
      workspace: [{
        title: 'Public CSAF feeds',
        collection: [{ title: 'keikai CSAF feed (TLP:WHITE)', href: publicUrl + ROLIE_FEED, categories: { category: [INFORMATION_TYPE] } }],
      }],
    },
  }
}

/** §7.1.17: what the feed's documents can be told apart by — document category, language, vendor. */
export function rolieCategory(vendorNames: string[]) {
  const vendors = [...new Set(vendorNames)].sort()
  return {
    categories: {
      category: [
        { term: 'csaf_security_advisory' },
        { term: 'en' },
        ...vendors.map((term) => ({ term })),
      ],
    },
  }
}

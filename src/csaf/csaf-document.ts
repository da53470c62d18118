// For CSAF-PROVIDER: the document's canonical URL (its `self` reference, CSAF 2.0 test 6.2.11) is
// `ctx.baseUrl + csafDocumentPath(a)` = `/.well-known/csaf/white/<year of initial_release_date, UTC>/<csafFilename>`:
// serve each document there (requirement 11's per-year folder). `ctx.now` becomes `tracking.generator.date`;
// pass the version's `current_release_date` (a.modifiedAt) as `now` when the bytes must not change between
// renderings (hashes, signatures). `ctx.publisher` is optional; without it name/namespace come from baseUrl.
import { cveUrl, pick, type PublicAdvisory } from '../advisories/index.js'
import type { CvssScore } from '../advisories/index.js'
import { CWE_NAMES } from './csaf-document.cwe-names.js'

type Text = { ja: string; en: string }
type Note = { category: 'description' | 'details' | 'faq' | 'general' | 'legal_disclaimer' | 'other' | 'summary'; title?: string; text: string }
type Reference = { category?: 'external' | 'self'; summary: string; url: string }
type FullProductName = { name: string; product_id: string; product_identification_helper?: { cpe: string } }
type Branch = { category: 'vendor' | 'product_name' | 'product_version' | 'product_version_range'; name: string; branches?: Branch[]; product?: FullProductName }
type RemediationCategory = 'mitigation' | 'no_fix_planned' | 'none_available' | 'vendor_fix' | 'workaround'

export type CsafVulnerability = {
  title?: string
  cve?: string
  cwe?: { id: string; name: string }
  ids?: Array<{ system_name: string; text: string }>
  notes: Note[]
  references?: Reference[]
  product_status: { known_affected?: string[]; known_not_affected?: string[] }
  scores?: Array<{ products: string[]; cvss_v3: { version: '3.1'; vectorString: string; baseScore: number; baseSeverity: string } }>
  remediations?: Array<{ category: RemediationCategory; details: string; product_ids: string[] }>
}

export type CsafDocument = {
  document: {
    category: 'csaf_security_advisory'
    csaf_version: '2.0'
    title: string
    lang: 'en'
    publisher: { category: 'coordinator'; name: string; namespace: string; contact_details?: string }
    distribution: { text: string; tlp: { label: 'WHITE'; url: string } }
    aggregate_severity?: { text: string }
    tracking: {
      id: string
      status: 'final'
      version: string
      initial_release_date: string
      current_release_date: string
      revision_history: Array<{ date: string; number: string; summary: string }>
      generator: { engine: { name: string }; date: string }
    }
    notes: Note[]
    references: Reference[]
    acknowledgments?: Array<{ names: string[] }>
  }
  product_tree: { branches?: Branch[] }
  vulnerabilities: CsafVulnerability[]
}

export type CsafContext = {
  baseUrl: string
  now: Date
  /** The issuing party; without it the name and namespace are derived from `baseUrl`. */
  publisher?: { name: string; namespace: string; contactDetails?: string }
}

/** The CSAF tracking id is the JVN identifier (`JVN#12345678`, `JVNVU#12345678`). */
export const csafTrackingId = (a: PublicAdvisory): string => {
  if (!a.identifier) throw new Error('An advisory without an identifier has no CSAF document.')
  return a.identifier
}

/** CSAF 2.0 §5.1: lower case, every run of characters outside `[+\-a-z0-9]` one `_`, then `.json`. */
export const csafFilename = (trackingId: string): string => trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_') + '.json'

/** Where the provider serves the document: the TLP:WHITE folder, a folder per year of the initial release (UTC). */
export function csafDocumentPath(a: PublicAdvisory): string {
  return `/.well-known/csaf/white/${published(a).getUTCFullYear()}/${csafFilename(csafTrackingId(a))}`
}

const published = (a: PublicAdvisory): Date => {
  if (!a.publishedAt) throw new Error('An unpublished advisory has no CSAF document.')
  return a.publishedAt
}

const en = (t: Text): string => pick(t, 'en').trim()

/** The CPE forms CSAF 2.0 accepts (its schema's pattern): keikai also takes CPE 2.2 URIs it would refuse. */
const CSAF_CPE = new RegExp('^(cpe:2\\.3:[aho\\*\\-](:(((\\?*|\\*?)([a-zA-Z0-9\\-\\._]|(\\\\[\\\\\\*\\?!\"#\\$%&\'\\(\\)\\+,/:;<=>@\\[\\]\\^`\\{\\|\\}~]))+(\\?*|\\*?))|[\\*\\-])){5}(:(([a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?)|[\\*\\-]))(:(((\\?*|\\*?)([a-zA-Z0-9\\-\\._]|(\\\\[\\\\\\*\\?!\"#\\$%&\'\\(\\)\\+,/:;<=>@\\[\\]\\^`\\{\\|\\}~]))+(\\?*|\\*?))|[\\*\\-])){4})|([c][pP][eE]:/[AHOaho]?(:[A-Za-z0-9\\._\\-~%]*){0,6})$')

// ---- versions: free text → a CSAF version branch ----

const VERSION = String.raw`(?:ver(?:sion)?\.?\s*|v)?(\d[0-9A-Za-z._+~-]*)`
const RULES: Array<[RegExp, (m: string[]) => string]> = [
  [new RegExp(String.raw`^${VERSION}$`, 'i'), (m) => m[1]!],
  [new RegExp(String.raw`^(?:all\s+)?(?:versions?\s+)?(?:prior\s+to|before|earlier\s+than|older\s+than)\s+${VERSION}$`, 'i'), (m) => `vers:generic/<${m[1]}`],
  [new RegExp(String.raw`^${VERSION}\s+(?:and|or)\s+(?:earlier|prior|older|below)(?:\s+versions?)?$`, 'i'), (m) => `vers:generic/<=${m[1]}`],
  [new RegExp(String.raw`^${VERSION}\s*(?:および|ならびに)?\s*(?:それ)?以前(?:の(?:バージョン|版))?$`, 'i'), (m) => `vers:generic/<=${m[1]}`],
  [new RegExp(String.raw`^${VERSION}\s*より前(?:の(?:バージョン|版))?$`, 'i'), (m) => `vers:generic/<${m[1]}`],
  [new RegExp(String.raw`^${VERSION}\s+(?:and|or)\s+(?:later|newer|above)(?:\s+versions?)?$`, 'i'), (m) => `vers:generic/>=${m[1]}`],
  [new RegExp(String.raw`^${VERSION}\s*(?:および|ならびに)?\s*(?:それ)?以降(?:の(?:バージョン|版))?$`, 'i'), (m) => `vers:generic/>=${m[1]}`],
  [new RegExp(String.raw`^(?:from\s+)?${VERSION}\s*(?:to|through|thru|-|–|〜|～)\s*${VERSION}$`, 'i'), (m) => `vers:generic/>=${m[1]}|<=${m[2]}`],
  [new RegExp(String.raw`^${VERSION}\s*から\s*${VERSION}\s*まで(?:の(?:バージョン|版))?$`, 'i'), (m) => `vers:generic/>=${m[1]}|<=${m[2]}`],
  [/^(?:all\s+versions?|any\s+version|全(?:て|)の?バージョン|すべてのバージョン)$/i, () => 'vers:generic/*'],
]

/**
 * A single version becomes `product_version`; the range phrases JVN advisories use ("1.2 and
 * earlier", "1.0 to 1.2", "1.2 以前", "1.0 から 1.2 まで", "prior to 2.0", "all versions") become
 * `product_version_range` in `vers:generic/…` notation, which tools compare; anything else stays
 * the coordinator's free text as `product_version_range` (a free-text range is allowed by CSAF
 * 2.0 — only `product_version` must not hold a range, test 6.1.31).
 */
export function versionBranch(text: string): { category: 'product_version' | 'product_version_range'; name: string } | null {
  const t = text.normalize('NFKC').trim().replace(/\s+/g, ' ')
  if (!t) return null
  for (const [re, make] of RULES) {
    const m = re.exec(t)
    if (m) {
      const name = make(m as unknown as string[])
      return { category: name.startsWith('vers:') ? 'product_version_range' : 'product_version', name }
    }
  }
  return { category: 'product_version_range', name: text.trim() }
}

// ---- products ----

type ProductRow = { id: string; developer: Text; vendor: string; product: string }

function productTree(a: PublicAdvisory): { tree: CsafDocument['product_tree']; rows: ProductRow[] } {
  const vendors: Branch[] = []
  const rows: ProductRow[] = []
  a.affectedProducts.forEach((p, i) => {
    const id = `CSAFPID-${String(i + 1).padStart(4, '0')}`
    const vendor = en(p.developer) || 'Unknown vendor'
    const productName = en(p.product) || 'Unknown product'
    const versionsText = en(p.versions)
    const version = versionBranch(versionsText)
    const product: FullProductName = {
      name: [vendor, productName, versionsText].filter(Boolean).join(' '),
      product_id: id,
      ...(p.cpe && CSAF_CPE.test(p.cpe) ? { product_identification_helper: { cpe: p.cpe } } : {}),
    }
    rows.push({ id, developer: p.developer, vendor, product: productName })
    let vendorBranch = vendors.find((b) => b.name === vendor)
    if (!vendorBranch) vendors.push((vendorBranch = { category: 'vendor', name: vendor, branches: [] }))
    const products = vendorBranch.branches!
    if (version) {
      let productBranch = products.find((b) => b.name === productName && b.branches)
      if (!productBranch) products.push((productBranch = { category: 'product_name', name: productName, branches: [] }))
      productBranch.branches!.push({ ...version, product })
    } else {
      products.push({ category: 'product_name', name: productName, product })
    }
  })
  return { tree: vendors.length ? { branches: vendors } : {}, rows }
}

// ---- vulnerabilities ----

const sameName = (x: Text, y: Text) => {
  const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase()
  return (!!norm(x.ja) && norm(x.ja) === norm(y.ja)) || (!!norm(x.en) && norm(x.en) === norm(y.en))
}

/** What the developer said about vulnerability number `position` (1-based), matched by CVE first. */
function developerStatus(a: PublicAdvisory, developer: Text, position: number, cveId: string | null): string | undefined {
  const statement = a.vendorStatements.find((s) => sameName(s.developer, developer))
  const statuses = statement?.statuses ?? []
  return (cveId ? statuses.find((s) => s.cveId === cveId) : undefined)?.status ?? statuses.find((s) => s.position === position)?.status
}

const FIX = /\b(?:update|upgrade|patch|fixed\s+version|fixed\s+release|firmware)\b|アップデート|アップグレード|修正版|修正済|パッチ/i
const WORKAROUND = /\bworkarounds?\b|回避策/i

function remediationCategory(solution: string, vendorSaysFixed: boolean): RemediationCategory {
  if (vendorSaysFixed || FIX.test(solution)) return 'vendor_fix'
  return WORKAROUND.test(solution) ? 'workaround' : 'mitigation'
}

const cvssV3 = (s: CvssScore) => ({ version: '3.1' as const, vectorString: s.vector, baseScore: s.score, baseSeverity: s.severity.toUpperCase() })

function vulnerability(a: PublicAdvisory, v: PublicAdvisory['vulnerabilities'][number], index: number, rows: ProductRow[]): CsafVulnerability {
  const statuses = rows.map((r) => ({ row: r, status: developerStatus(a, r.developer, index + 1, v.cveId) }))
  const affected = statuses.filter((s) => s.status !== 'not_affected').map((s) => s.row.id)
  const notAffected = statuses.filter((s) => s.status === 'not_affected').map((s) => s.row.id)
  const title = en(v.title)
  const cweName = v.cweId ? CWE_NAMES[v.cweId.replace(/^CWE-/, '')] : undefined
  const notes: Note[] = [{ category: 'summary', title: 'Vulnerability', text: title || en(a.title) }]
  if (v.cweId && !cweName) notes.push({ category: 'other', title: 'CWE', text: v.cweId })
  if (v.cvss40) notes.push({ category: 'other', title: `CVSS v4.0 base score: ${v.cvss40.score} (${v.cvss40.severity.toUpperCase()})`, text: v.cvss40.vector })
  const solution = en(a.solution)
  const vendorSaysFixed = statuses.some((s) => s.status === 'fixed')
  return {
    ...(title ? { title } : {}),
    ...(v.cveId ? { cve: v.cveId } : {}),
    ...(v.cweId && cweName ? { cwe: { id: v.cweId, name: cweName } } : {}),
    ...(a.jvndbId ? { ids: [{ system_name: 'JVN iPedia', text: a.jvndbId }] } : {}),
    notes,
    ...(v.cveId ? { references: [{ category: 'external' as const, summary: v.cveId, url: cveUrl(v.cveId) }] } : {}),
    product_status: {
      ...(affected.length ? { known_affected: affected } : {}),
      ...(notAffected.length ? { known_not_affected: notAffected } : {}),
    },
    ...(v.cvss31 && affected.length ? { scores: [{ products: affected, cvss_v3: cvssV3(v.cvss31) }] } : {}),
    ...(solution && affected.length ? { remediations: [{ category: remediationCategory(solution, vendorSaysFixed), details: solution, product_ids: affected }] } : {}),
  }
}

// ---- the document ----

const STATUS_TEXT: Record<string, string> = { unknown: 'Unknown', affected: 'Affected', not_affected: 'Not affected', fixed: 'Fixed' }

function documentNotes(a: PublicAdvisory): Note[] {
  const notes: Note[] = []
  const add = (category: Note['category'], title: string, text: string) => { if (text) notes.push({ category, title, text }) }
  add('summary', 'Overview', en(a.overview))
  add('details', 'Description', en(a.description))
  add('general', 'Impact', en(a.impact))
  add('general', 'Solution', en(a.solution))
  for (const s of a.vendorStatements) {
    const statuses = (s.statuses ?? []).map((x) => `${x.cveId ?? `Vulnerability ${x.position}`}: ${STATUS_TEXT[x.status] ?? x.status}`)
    add('other', `Vendor statement: ${en(s.developer) || 'Unknown vendor'}`, [en(s.statement), ...statuses].filter(Boolean).join('\n'))
  }
  if (!notes.length) notes.push({ category: 'summary', title: 'Overview', text: en(a.title) })
  return notes
}

function publisher(ctx: CsafContext): CsafDocument['document']['publisher'] {
  if (ctx.publisher) {
    const { name, namespace, contactDetails } = ctx.publisher
    return { category: 'coordinator', name, namespace, ...(contactDetails ? { contact_details: contactDetails } : {}) }
  }
  return { category: 'coordinator', name: `keikai (${new URL(ctx.baseUrl).host})`, namespace: ctx.baseUrl }
}

const KEY_ORDER = new Intl.Collator('en')

/** Every object's keys in alphabetical order, as CSAF test 6.2.13 asks (and as the validator compares them). */
function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value).sort(([x], [y]) => KEY_ORDER.compare(x, y))
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)])) as T
}

/** A URL as the RFC 3986 form the schema checks (`<`, spaces and non-ASCII percent-encoded), or null if it is none. */
function uri(url: string): string | null {
  try { return new URL(url).href } catch { return null }
}

/**
 * One public advisory as a CSAF 2.0 security advisory, in English (Japanese where no English
 * was written). Pure: the same advisory and context give the same document, so the provider can
 * render every version of every advisory from its record alone.
 */
export function csafDocument(a: PublicAdvisory, ctx: CsafContext): CsafDocument {
  const trackingId = csafTrackingId(a)
  const initial = published(a)
  const revisions = [...a.revisions].sort((x, y) => x.revisedAt.getTime() - y.revisedAt.getTime())
  const history = [
    { date: initial.toISOString(), number: '1', summary: 'Initial release' },
    ...revisions.map((r, i) => ({ date: r.revisedAt.toISOString(), number: String(i + 2), summary: en(r.note) || 'Revised' })),
  ]
  const current = history.at(-1)!
  const { tree, rows } = productTree(a)
  const references: Reference[] = [
    { category: 'self', summary: 'Canonical URL of this CSAF document', url: ctx.baseUrl + csafDocumentPath(a) },
    ...(a.path ? [{ category: 'self' as const, summary: `${trackingId} (advisory page)`, url: ctx.baseUrl + a.path }] : []),
    ...a.references.flatMap((r) => {
      const url = uri(r.url)
      return url ? [{ category: 'external' as const, summary: r.title.trim() || r.url, url }] : []
    }),
  ]
  return sortKeys<CsafDocument>({
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      title: en(a.title) || trackingId,
      lang: 'en',
      publisher: publisher(ctx),
      distribution: { text: 'TLP:CLEAR — disclosure is not limited.', tlp: { label: 'WHITE', url: 'https://www.first.org/tlp/' } },
      ...(a.severity ? { aggregate_severity: { text: a.severity[0]!.toUpperCase() + a.severity.slice(1) } } : {}),
      tracking: {
        id: trackingId,
        status: 'final',
        version: current.number,
        initial_release_date: initial.toISOString(),
        current_release_date: current.date,
        revision_history: history,
        generator: { engine: { name: 'keikai' }, date: ctx.now.toISOString() },
      },
      notes: documentNotes(a),
      references,
      ...(a.credits.length ? { acknowledgments: a.credits.map((name) => ({ names: [name] })) } : {}),
    },
    product_tree: tree,
    vulnerabilities: a.vulnerabilities.map((v, i) => vulnerability(a, v, i, rows)),
  })
}

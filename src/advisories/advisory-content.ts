import { fromSingleName } from '../platform/http/bilingual.js'
import type { CvssScore, CvssSeverity } from './cvss.js'
import { readPackage, type AffectedPackage } from './packages.js'

export type Localized = { ja: string; en: string }

/**
 * One row of the affected-products table: names and versions in both languages (migration 0018),
 * and, for an open-source package, its ecosystem, name and affected ranges (the OSV record's).
 * Content stored before packages existed has no `package` key; neither has a row without one.
 */
export type AffectedProduct = { developer: Localized; product: Localized; versions: Localized; cpe: string | null; package?: AffectedPackage }

export type AdvisoryVulnerability = {
  title: Localized
  cveId: string | null
  cweId: string | null
  cvss31: CvssScore | null
  cvss40: CvssScore | null
}

/**
 * The advisory as stored in `advisories.content` (DESIGN §6). Besides the coordinator's text it
 * holds a snapshot of the case's vulnerabilities, vendor statements and consented credits, so that
 * every public output reads the advisory record alone and never the unpublished case behind it.
 */
export type AdvisoryContent = {
  title: Localized
  overview: Localized
  description: Localized
  impact: Localized
  solution: Localized
  affectedProducts: AffectedProduct[]
  references: Array<{ title: string; url: string }>
  /** `reportId` is internal (which finder); only `name` is ever published. */
  credits: Array<{ reportId: string; name: string }>
  /** True when the coordinator named the credits; otherwise every consenting finder is credited, also those who join later. */
  creditsChosen?: boolean
  /** Every notified developer, with its statement and its status per vulnerability (as JVNVU advisories list vendors). */
  vendorStatements: Array<{ developer: Localized; statement: Localized; statuses?: Array<{ position: number; cveId: string | null; status: string }> }>
  vulnerabilities: AdvisoryVulnerability[]
  /** The highest severity of the vulnerabilities (CVSS 3.1, else 4.0): what the portal filters on. */
  severity: CvssSeverity | null
}

/** The part of the content the coordinator writes (the rest is quoted from the case). */
export type AdvisoryText = Pick<AdvisoryContent, 'title' | 'overview' | 'description' | 'impact' | 'solution' | 'references'> & {
  affectedProducts: Array<Omit<AffectedProduct, 'cpe' | 'package'> & { cpe?: string | null | undefined; package?: AffectedPackage | undefined }>
}

const SEVERITY_RANK: CvssSeverity[] = ['none', 'low', 'medium', 'high', 'critical']

export function highestSeverity(vulns: AdvisoryVulnerability[]): CvssSeverity | null {
  let best: CvssSeverity | null = null
  for (const v of vulns) {
    const s = (v.cvss31 ?? v.cvss40)?.severity
    if (s && (best === null || SEVERITY_RANK.indexOf(s) > SEVERITY_RANK.indexOf(best))) best = s
  }
  return best
}

/** Builds the stored content from the coordinator's text and the case's current records. */
export function composeContent(input: {
  draft: AdvisoryText
  vulnerabilities: AdvisoryVulnerability[]
  vendorStatements: AdvisoryContent['vendorStatements']
  credits: AdvisoryContent['credits']
  creditsChosen: boolean
}): AdvisoryContent {
  const { draft } = input
  return {
    title: draft.title,
    overview: draft.overview,
    description: draft.description,
    impact: draft.impact,
    solution: draft.solution,
    affectedProducts: draft.affectedProducts.map((p) => ({
      developer: p.developer, product: p.product, versions: p.versions, cpe: p.cpe ?? null, ...(p.package ? { package: p.package } : {}),
    })),
    references: draft.references.map((r) => ({ title: r.title, url: r.url })),
    credits: input.credits,
    creditsChosen: input.creditsChosen,
    vendorStatements: input.vendorStatements,
    vulnerabilities: input.vulnerabilities,
    severity: highestSeverity(input.vulnerabilities),
  }
}

const emptyText: Localized = { ja: '', en: '' }

/** A name as stored: `{ ja, en }`, or a single string written before migration 0018. */
const readName = (v: unknown): Localized =>
  typeof v === 'string' ? fromSingleName(v) : v && typeof v === 'object' ? { ja: String((v as Localized).ja ?? ''), en: String((v as Localized).en ?? '') } : emptyText

function readAffectedProduct(p: unknown): AffectedProduct {
  const r = (p ?? {}) as Record<string, unknown>
  const pkg = readPackage(r.package)
  return {
    developer: readName(r.developer), product: readName(r.product), versions: readName(r.versions ?? ''), cpe: typeof r.cpe === 'string' ? r.cpe : null,
    ...(pkg ? { package: pkg } : {}),
  }
}

/** Reads stored JSON defensively: fields added later default to empty rather than crash a page. */
export function readContent(json: unknown): AdvisoryContent {
  const c = (json && typeof json === 'object' ? json : {}) as Partial<AdvisoryContent>
  return {
    title: c.title ?? emptyText,
    overview: c.overview ?? emptyText,
    description: c.description ?? emptyText,
    impact: c.impact ?? emptyText,
    solution: c.solution ?? emptyText,
    affectedProducts: (c.affectedProducts ?? []).map(readAffectedProduct),
    references: c.references ?? [],
    credits: c.credits ?? [],
    creditsChosen: c.creditsChosen ?? false,
    vendorStatements: c.vendorStatements ?? [],
    vulnerabilities: c.vulnerabilities ?? [],
    severity: c.severity ?? null,
  }
}

/** Katakana (ァ–ヶ, ヽヾ) as hiragana: ルータ and るーた are one word to search. */
const foldKana = (s: string): string =>
  s.replace(/[\u30a1-\u30f6\u30fd\u30fe]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))

/**
 * NFKC (full-width letters and digits, half-width kana), lower case and katakana folded into
 * hiragana: the stored search columns and the reader's query are both normalised by this one function.
 */
export const normalizeForSearch = (s: string): string => foldKana(s.normalize('NFKC').toLowerCase())

/** The text the portal searches: identifier, titles, overviews, developers, products and CVE ids. */
export function searchTextOf(identifier: string | null, c: AdvisoryContent): string {
  const parts = [
    identifier ?? '',
    identifier?.replace('#', '') ?? '',
    c.title.ja, c.title.en, c.overview.ja, c.overview.en,
    ...c.affectedProducts.flatMap((p) => [p.developer.ja, p.developer.en, p.product.ja, p.product.en]),
    ...c.vendorStatements.flatMap((s) => [s.developer.ja, s.developer.en]),
    ...c.vulnerabilities.flatMap((v) => [v.cveId ?? '']),
  ]
  return normalizeForSearch(parts.filter(Boolean).join('\n'))
}

/**
 * Every search column of an advisory row, to spread into an insert or update: whoever writes an
 * advisory (the editor, publication, the importer) writes these, so search never drifts from content.
 */
export function searchColumnsOf(identifier: string | null, c: AdvisoryContent, ids: SearchIds | string | null = {}): SearchColumns {
  const more: SearchIds = typeof ids === 'string' || ids === null ? { jvndbId: ids } : ids
  const otherIds = [more.jvndbId, ...(more.sourceIds ?? []).map((s) => s.id)].filter((x): x is string => Boolean(x) && x !== identifier)
  const text = [searchTextOf(identifier, c), ...otherIds.map(normalizeForSearch)].join('\n')
  const names = (xs: Localized[]) => [...new Set(xs.flatMap((n) => [n.ja, n.en]).map((n) => normalizeForSearch(n).trim()).filter(Boolean))]
  return {
    search_text: text,
    search_title: normalizeForSearch(`${c.title.ja}\n${c.title.en}`),
    search_grams: searchGramsOf(text),
    search_ids: [...new Set([identifier, ...otherIds, ...c.vulnerabilities.map((v) => v.cveId)].filter((x): x is string => Boolean(x)).map(normalizeForSearch))],
    search_cwes: [...new Set(c.vulnerabilities.map((v) => v.cweId?.toUpperCase()).filter((x): x is string => Boolean(x)))],
    search_severity: c.severity,
    search_developers: names(c.affectedProducts.map((p) => p.developer)),
    search_products: names(c.affectedProducts.map((p) => p.product)),
  }
}

/** Identifiers an advisory has besides its own: its JVN iPedia number, an imported entry's original ids (JVN#, CVE …); a bare string is the JVN iPedia number. */
export type SearchIds = { jvndbId?: string | null; sourceIds?: ReadonlyArray<{ id: string }> }

/** The search columns of an advisory row (migration 0024). */
export type SearchColumns = {
  search_text: string; search_title: string; search_grams: string[]; search_ids: string[]; search_cwes: string[]
  search_severity: CvssSeverity | null; search_developers: string[]; search_products: string[]
}

/** Runs of letters outside ASCII (kanji, kana, and the like): what the 1–2 character index holds. */
const GRAM_RUNS = /(?:(?![\x00-\x7f])[\p{L}\p{N}\p{M}])+/gu

/**
 * The distinct single characters and adjacent pairs within runs of non-ASCII letters of a
 * normalised text (電機 → 電, 機, 電機). A term of one or two such characters finds its rows
 * through these alone (the trigram index needs three); ASCII stays out, which keeps the index small.
 */
export function searchGramsOf(normalized: string): string[] {
  const grams = new Set<string>()
  for (const [run] of normalized.matchAll(GRAM_RUNS)) {
    let prev = ''
    for (const ch of run) {
      grams.add(ch)
      if (prev) grams.add(prev + ch)
      prev = ch
    }
  }
  return [...grams]
}

/** What an advisory still lacks before it may be scheduled, as `{ field: message }`. */
export function missingForPublication(c: AdvisoryContent): Record<string, string> {
  const missing: Record<string, string> = {}
  for (const field of ['title', 'overview', 'description', 'impact', 'solution'] as const) {
    for (const lang of ['ja', 'en'] as const) if (!c[field][lang].trim()) missing[`${field}.${lang}`] = 'Required before publication.'
  }
  if (c.affectedProducts.length === 0) missing.affectedProducts = 'Name at least one affected product.'
  if (c.vulnerabilities.length === 0) missing.vulnerabilities = 'Describe at least one vulnerability.'
  return missing
}

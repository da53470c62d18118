import { englishOf } from '../platform/http/bilingual.js'
import type { AdvisoryRef } from '../cases/case-sections.js'
import type { AdvisoryContent, Localized } from './advisory-content.js'
import type { AdvisoryRecord, AdvisoryRevision } from './advisories.repository.js'
import { identifierSlug } from './identifiers.js'

/**
 * What the public may know of an advisory — the one shape behind the portal pages, the feed and
 * the public API. Internal ids (case, report, advisory) are left out on purpose.
 */
export type PublicAdvisory = Omit<AdvisoryContent, 'credits'> & {
  identifier: string | null
  /** The JVN iPedia number, `JVNDB-YYYY-NNNNNN` (null only in a draft's preview). */
  jvndbId: string | null
  /** The URL path of the detail page, or null before an identifier is assigned (draft previews). */
  path: string | null
  publishedAt: Date | null
  modifiedAt: Date | null
  credits: string[]
  revisions: Array<{ revisedAt: Date; note: Localized }>
  /** Where an imported entry came from ('jvn', 'cve', 'csaf'); 'keikai' (or absent) for the programme's own. */
  source?: string
  /** An imported entry's original identifiers (JVNDB, JVN#, CVE, CSAF tracking id), as its source gave them. */
  sourceIds?: Array<{ kind: string; id: string }>
}

export function presentAdvisory(a: AdvisoryRecord, revisions: AdvisoryRevision[] = [], latestRevision?: Date): PublicAdvisory {
  const { credits, ...content } = a.content
  const lastRevised = revisions.at(-1)?.revisedAt ?? latestRevision ?? null
  return {
    ...content,
    identifier: a.identifier,
    jvndbId: a.jvndbId,
    path: a.identifier ? `/advisories/${identifierSlug(a.identifier)}` : null,
    publishedAt: a.publishAt,
    modifiedAt: lastRevised && a.publishAt && lastRevised > a.publishAt ? lastRevised : a.publishAt,
    credits: credits.map((c) => c.name),
    revisions: revisions.map((r) => ({ revisedAt: r.revisedAt, note: r.note })),
    source: a.source,
    sourceIds: a.sourceIds,
  }
}

/**
 * The reader's language, falling back to the other one rather than showing nothing; an English
 * that only repeats a Japanese name counts as none. Pages mark the fallback (`InLanguage`).
 */
export const pick = (text: Localized, lang: 'ja' | 'en'): string => (lang === 'en' ? englishOf(text) : text.ja) || text[lang === 'ja' ? 'en' : 'ja']

export const cveUrl = (cveId: string) => `https://www.cve.org/CVERecord?id=${encodeURIComponent(cveId)}`
export const cweUrl = (cweId: string) => `https://cwe.mitre.org/data/definitions/${cweId.replace(/^CWE-/, '')}.html`

/** What the list and the detail JSON share: identity, dates, severity, title. */
function advisoryHeadJson(p: PublicAdvisory, baseUrl: string) {
  return {
    identifier: p.identifier,
    jvndbId: p.jvndbId,
    url: p.path ? baseUrl + p.path : null,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    modifiedAt: p.modifiedAt?.toISOString() ?? null,
    severity: p.severity,
    title: p.title,
  }
}

/** The public API's JSON for one advisory: both languages, ISO dates. */
export function advisoryJson(p: PublicAdvisory, baseUrl: string) {
  return {
    ...advisoryHeadJson(p, baseUrl),
    overview: p.overview,
    affectedProducts: p.affectedProducts,
    description: p.description,
    impact: p.impact,
    solution: p.solution,
    vulnerabilities: p.vulnerabilities,
    vendorStatements: p.vendorStatements,
    references: p.references,
    credits: p.credits,
    revisions: p.revisions.map((r) => ({ revisedAt: r.revisedAt.toISOString(), note: r.note })),
    source: p.source ?? 'keikai',
    sourceIds: p.sourceIds ?? [],
  }
}

/** The list entry of the public API. */
export function advisorySummaryJson(p: PublicAdvisory, baseUrl: string) {
  return {
    ...advisoryHeadJson(p, baseUrl),
    cveIds: p.vulnerabilities.flatMap((v) => (v.cveId ? [v.cveId] : [])),
    cweIds: [...new Set(p.vulnerabilities.flatMap((v) => (v.cweId ? [v.cweId] : [])))],
  }
}

/** What the features that publish an advisory in other formats need to link it (`advisoryFormats`). */
export function advisoryRef(p: PublicAdvisory & { identifier: string; publishedAt: Date }): AdvisoryRef {
  return {
    identifier: p.identifier,
    slug: identifierSlug(p.identifier),
    jvndbId: p.jvndbId,
    publishedAt: p.publishedAt,
    cveIds: p.vulnerabilities.flatMap((v) => (v.cveId ? [v.cveId] : [])),
    own: (p.source ?? 'keikai') === 'keikai',
    hasPackage: p.affectedProducts.some((product) => product.package !== undefined),
  }
}

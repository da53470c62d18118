import { cveUrl, identifierSlug, pick, type PublicAdvisory } from '../advisories/index.js'
import { rangeTypeOf, type AffectedPackage } from '../advisories/index.js'

/** The OSV schema version the records follow (ossf/osv-schema 1.7.5: the ecosystems list keikai offers). */
export const OSV_SCHEMA_VERSION = '1.7.5'

/** One event of an OSV range: each names exactly one of these. */
type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string }

/** An OSV record (https://ossf.github.io/osv-schema/), as much of it as keikai fills. */
export type OsvRecord = {
  schema_version: string
  id: string
  modified: string
  published: string
  aliases?: string[]
  summary: string
  details: string
  severity?: Array<{ type: 'CVSS_V3' | 'CVSS_V4'; score: string }>
  affected: Array<{
    package: { ecosystem: string; name: string; purl?: string }
    ranges?: Array<{ type: 'SEMVER' | 'ECOSYSTEM'; events: OsvEvent[] }>
    versions?: string[]
    database_specific: { developer: string; product: string; versions?: string }
  }>
  references: Array<{ type: 'ADVISORY' | 'WEB'; url: string }>
  credits?: Array<{ name: string; type: 'FINDER' }>
  database_specific: { jvn_identifier: string; jvndb_id: string | null; url: string; severity: string | null; cwe_ids: string[] }
}

export type PublishedAdvisory = PublicAdvisory & { identifier: string; publishedAt: Date }

/**
 * The record's id. OSV ids are `<DB>-<ENTRYID>`, and a database OSV.dev does not aggregate takes
 * the `x_` prefix to stay schema-valid (`x_CUSTOM-0001`): `JVN#12345678` → `x_JVN-12345678`
 * (`JVNVU#…` → `x_JVNVU-…`). The JVN identifier, not the JVN iPedia number: it is fixed when the
 * advisory is scheduled, so the id is the same from the first moment the record is public, while
 * the iPedia number is given by the publication worker a tick later (it is in `database_specific`).
 */
export const osvId = (p: PublishedAdvisory): string => `x_${p.identifier.replace('#', '-')}`

/** RFC 3339 in UTC, as OSV wants (`2026-04-01T01:00:00Z`). */
const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

/** English where it is given, else the Japanese (as the English pages do). */
const en = (text: { ja: string; en: string }) => pick(text, 'en')

/** OSV ranges: one per range the coordinator gave, since `fixed` and `last_affected` may not share one. */
function rangesOf(pkg: AffectedPackage): Array<{ type: 'SEMVER' | 'ECOSYSTEM'; events: OsvEvent[] }> {
  const type = rangeTypeOf(pkg.ecosystem)
  return pkg.ranges.map((r) => ({
    type,
    events: [
      { introduced: r.introduced },
      ...(r.fixed ? [{ fixed: r.fixed }] : r.lastAffected ? [{ last_affected: r.lastAffected }] : []),
    ],
  }))
}

/** The highest-scored vector of each CVSS version among the advisory's vulnerabilities. */
function severityOf(p: PublicAdvisory): OsvRecord['severity'] {
  const best = (key: 'cvss31' | 'cvss40') =>
    p.vulnerabilities.map((v) => v[key]).filter((s) => s !== null).sort((a, b) => b.score - a.score)[0]?.vector
  const v3 = best('cvss31')
  const v4 = best('cvss40')
  const out: NonNullable<OsvRecord['severity']> = []
  if (v3) out.push({ type: 'CVSS_V3', score: v3 })
  if (v4) out.push({ type: 'CVSS_V4', score: v4 })
  return out.length ? out : undefined
}

/**
 * The OSV record of a public advisory whose affected products name a package, built from the
 * public advisory alone (`presentAdvisory`), so it can hold nothing the portal does not show.
 * Null when no product names a package: such an advisory has no OSV record.
 */
export function osvRecord(p: PublishedAdvisory, baseUrl: string): OsvRecord | null {
  const affected = p.affectedProducts.flatMap((product) => {
    const pkg = product.package
    if (!pkg) return []
    const versions = en(product.versions)
    return [{
      package: { ecosystem: pkg.ecosystem, name: pkg.name, ...(pkg.purl ? { purl: pkg.purl } : {}) },
      ...(pkg.ranges.length ? { ranges: rangesOf(pkg) } : {}),
      ...(pkg.versions.length ? { versions: pkg.versions } : {}),
      database_specific: { developer: en(product.developer), product: en(product.product), ...(versions ? { versions } : {}) },
    }]
  })
  if (affected.length === 0) return null
  const page = baseUrl + (p.path ?? `/advisories/${identifierSlug(p.identifier)}`)
  const cveIds = [...new Set(p.vulnerabilities.flatMap((v) => (v.cveId ? [v.cveId] : [])))]
  const references: OsvRecord['references'] = [{ type: 'ADVISORY', url: page }]
  const add = (type: 'ADVISORY' | 'WEB', url: string) => { if (!references.some((r) => r.url === url)) references.push({ type, url }) }
  for (const cve of cveIds) add('ADVISORY', cveUrl(cve))
  for (const r of p.references) add('WEB', r.url)
  const details = [p.overview, p.description].map(en).filter(Boolean)
  for (const [heading, text] of [['Impact', p.impact], ['Solution', p.solution]] as const) {
    if (en(text)) details.push(`## ${heading}\n\n${en(text)}`)
  }
  const severity = severityOf(p)
  return {
    schema_version: OSV_SCHEMA_VERSION,
    id: osvId(p),
    modified: rfc3339(p.modifiedAt ?? p.publishedAt),
    published: rfc3339(p.publishedAt),
    ...(cveIds.length ? { aliases: cveIds } : {}),
    summary: en(p.title),
    details: details.join('\n\n'),
    ...(severity ? { severity } : {}),
    affected,
    references,
    ...(p.credits.length ? { credits: p.credits.map((name) => ({ name, type: 'FINDER' as const })) } : {}),
    database_specific: {
      jvn_identifier: p.identifier,
      jvndb_id: p.jvndbId,
      url: page,
      severity: p.severity,
      cwe_ids: [...new Set(p.vulnerabilities.flatMap((v) => (v.cweId ? [v.cweId] : [])))],
    },
  }
}

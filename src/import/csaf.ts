import type { AdvisoryContent, Localized } from '../advisories/index.js'
import {
  asArray, content, cveOrNull, cvss3, cvss4, cweOrNull, fail, htmlToText, inLang, readDate, uniqueBy, urlOrNull,
  type ImportedEntry, type SourceId,
} from './entry.js'

type Json = Record<string, unknown>
const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {})

/** Whether a parsed JSON document is a CSAF 2.x document. */
export const isCsaf = (d: Json): boolean => Boolean(obj(d.document).csaf_version) && Boolean(obj(obj(d.document).tracking).id)

type Leaf = { id: string; vendor: string; product: string; version: string; cpe: string | null }

/** Every product of the tree with the vendor, product name and version its branches give it. */
function leavesOf(tree: Json): Leaf[] {
  const out: Leaf[] = []
  const walk = (branches: unknown, vendor: string, product: string, version: string) => {
    for (const b of asArray(branches as Json[])) {
      const name = str(b.name)
      const next = {
        vendor: b.category === 'vendor' ? name : vendor,
        product: b.category === 'product_name' || b.category === 'product_family' ? (product && b.category === 'product_name' ? `${product} ${name}` : name) : product,
        version: b.category === 'product_version' || b.category === 'product_version_range' ? name : version,
      }
      if (b.product) {
        const p = obj(b.product)
        out.push({ id: str(p.product_id), ...next, product: next.product || str(p.name), cpe: str(obj(p.product_identification_helper).cpe) || null })
      }
      walk(b.branches, next.vendor, next.product, next.version)
    }
  }
  walk(tree.branches, '', '', '')
  for (const p of asArray(tree.full_product_names as Json[])) {
    out.push({ id: str(p.product_id), vendor: '', product: str(p.name), version: '', cpe: str(obj(p.product_identification_helper).cpe) || null })
  }
  return out
}

const AFFECTED = ['known_affected', 'first_affected', 'last_affected'] as const

/**
 * A CSAF 2.0 document (any profile) as an entry: its title, summary notes, the products listed
 * as affected (vendor, product, versions, CPE), each vulnerability's CVE, CWE, CVSS 3.1 / 4.0,
 * impact and remediation, acknowledgments and references. Text goes to the document's language.
 */
export function fromCsaf(d: Json): ImportedEntry {
  const doc = obj(d.document)
  const tracking = obj(doc.tracking)
  const trackingId = str(tracking.id).trim() || fail('no tracking id')
  const namespace = str(obj(doc.publisher).namespace).trim() || fail(`${trackingId}: no publisher namespace`)
  const lang: 'ja' | 'en' = str(doc.lang).toLowerCase().startsWith('ja') ? 'ja' : 'en'
  const L = (s: string): Localized => inLang(lang, s)
  const title = htmlToText(str(doc.title)) || fail(`${trackingId}: no title`)
  const vulns = asArray(d.vulnerabilities as Json[])
  const notesText = (notes: unknown, categories: string[]) =>
    asArray(notes as Json[]).filter((n) => categories.includes(str(n.category))).map((n) => htmlToText(str(n.text))).filter(Boolean)

  const affectedIds = new Set(vulns.flatMap((v) => AFFECTED.flatMap((k) => asArray(obj(v.product_status)[k] as string[]))))
  const leaves = leavesOf(obj(d.product_tree))
  const byProduct = new Map<string, { vendor: string; product: string; versions: string[]; cpe: string | null }>()
  for (const leaf of leaves.filter((l) => affectedIds.size === 0 || affectedIds.has(l.id))) {
    const key = `${leaf.vendor}\u0000${leaf.product}`
    const seen = byProduct.get(key)
    if (seen) { if (leaf.version) seen.versions.push(leaf.version) } else byProduct.set(key, { vendor: leaf.vendor, product: leaf.product, versions: leaf.version ? [leaf.version] : [], cpe: leaf.cpe })
  }

  const vulnerabilities: AdvisoryContent['vulnerabilities'] = vulns.map((v) => {
    const scores = asArray(v.scores as Json[])
    return {
      title: L(htmlToText(str(v.title)) || title),
      cveId: cveOrNull(v.cve),
      cweId: cweOrNull(obj(v.cwe).id) ?? cweOrNull(obj(asArray(v.cwes as Json[])[0]).id),
      cvss31: scores.map((s) => cvss3(obj(s.cvss_v3).vectorString)).find(Boolean) ?? null,
      cvss40: scores.map((s) => cvss4(obj(s.cvss_v4).vectorString)).find(Boolean) ?? null,
    }
  })
  const join = (parts: string[]) => uniqueBy(parts, (s) => s).join('\n\n')
  const published = readDate(tracking.initial_release_date, 'initial_release_date') ?? fail(`${trackingId}: no initial_release_date`)
  const current = readDate(tracking.current_release_date, 'current_release_date') ?? published
  const c = content({
    title: L(title),
    overview: L(join(notesText(doc.notes, ['summary', 'description', 'general']))),
    description: L(join(vulns.flatMap((v) => notesText(v.notes, ['description', 'summary', 'details'])))),
    impact: L(join(vulns.flatMap((v) => asArray(v.threats as Json[]).filter((t) => t.category === 'impact').map((t) => htmlToText(str(t.details)))).filter(Boolean))),
    solution: L(join(vulns.flatMap((v) => asArray(v.remediations as Json[]).map((r) => htmlToText(str(r.details)))).filter(Boolean))),
    affectedProducts: [...byProduct.values()].map((p) => ({
      developer: L(p.vendor), product: L(p.product), versions: L(uniqueBy(p.versions, (x) => x).join(', ')), cpe: p.cpe,
    })),
    references: uniqueBy([...asArray(doc.references as Json[]), ...vulns.flatMap((v) => asArray(v.references as Json[]))].flatMap((r) => {
      const url = urlOrNull(r.url)
      return url ? [{ title: htmlToText(str(r.summary)) || url, url }] : []
    }), (r) => r.url),
    vendorStatements: [],
    credits: uniqueBy([...asArray(doc.acknowledgments as Json[]), ...vulns.flatMap((v) => asArray(v.acknowledgments as Json[]))].flatMap((a) => {
      const names = asArray(a.names as string[]).filter((n) => typeof n === 'string')
      return (names.length ? names : [str(a.organization)]).filter(Boolean).map((name) => ({ reportId: '', name }))
    }), (x) => x.name),
    vulnerabilities,
  })
  const cves = uniqueBy(vulnerabilities.flatMap((v) => (v.cveId ? [v.cveId] : [])), (x) => x)
  const sourceIds: SourceId[] = [{ kind: 'CSAF', id: trackingId }, ...cves.map((id) => ({ kind: 'CVE' as const, id }))]
  return {
    source: 'csaf', sourceKey: `${namespace}#${trackingId}`, identifier: trackingId, jvndbId: null, sourceIds,
    publishedAt: published, modifiedAt: current > published ? current : published, lang: 'both', partial: false, content: c,
  }
}

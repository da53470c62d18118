import type { Lang } from '../platform/i18n/index.js'
import type { CvssScore } from '../advisories/index.js'
import { cveUrl, cweUrl, pick, type PublicAdvisory } from '../advisories/index.js'

// Characters XML 1.0 forbids outright: no escape makes them legal, so they are dropped.
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text or attribute content, escaped for XML. Every piece of advisory text goes through here. */
export function xml(value: string | number): string {
  return String(value).replace(NOT_XML, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

/** W3C-DTF in Japan time, as JVN writes it: 2025-04-11T23:52:00+09:00. */
export function jstDateTime(d: Date): string {
  return new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 19) + '+09:00'
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

function cvssElement(version: '3.1' | '4.0', s: CvssScore | null): string {
  if (!s) return ''
  return `\n    <sec:cvss version="${version}" type="Base" severity="${xml(capitalised(s.severity))}" score="${s.score.toFixed(1)}" vector="${xml(s.vector)}" />`
}

/** One JVNRSS item; `identifier` is the advisory's own unless a feed numbers it otherwise (the JVNDB feeds: `JVNDB-YYYY-NNNNNN`). */
export function itemXml(a: PublicAdvisory, lang: Lang, baseUrl: string, identifier: string = a.identifier ?? ''): string {
  const link = baseUrl + (a.path ?? '')
  const refs: string[] = []
  for (const v of a.vulnerabilities) {
    if (v.cveId) refs.push(`<sec:references source="CVE" id="${xml(v.cveId)}">${xml(cveUrl(v.cveId))}</sec:references>`)
  }
  for (const r of a.references) refs.push(`<sec:references source="${xml(lang === 'ja' ? '関連文書' : 'Related document')}" title="${xml(r.title)}">${xml(r.url)}</sec:references>`)
  for (const cwe of new Set(a.vulnerabilities.flatMap((v) => (v.cweId ? [v.cweId] : [])))) {
    refs.push(`<sec:references id="${xml(cwe)}" title="${xml(cwe)}">${xml(cweUrl(cwe))}</sec:references>`)
  }
  const cpes = a.affectedProducts.filter((p) => p.cpe).map((p) =>
    `<sec:cpe version="${p.cpe!.startsWith('cpe:2.3:') ? '2.3' : '2.2'}" vendor="${xml(pick(p.developer, lang))}" product="${xml(pick(p.product, lang))}">${xml(p.cpe!)}</sec:cpe>`)
  const issued = a.publishedAt ? jstDateTime(a.publishedAt) : ''
  const modified = a.modifiedAt ? jstDateTime(a.modifiedAt) : issued
  return `
  <item rdf:about="${xml(link)}">
    <title>${xml(pick(a.title, lang))}</title>
    <link>${xml(link)}</link>
    <description>${xml(pick(a.overview, lang))}</description>
    <sec:identifier>${xml(identifier)}</sec:identifier>${refs.map((r) => `\n    ${r}`).join('')}${cpes.map((c) => `\n    ${c}`).join('')}${a.vulnerabilities.map((v) => cvssElement('3.1', v.cvss31) + cvssElement('4.0', v.cvss40)).join('')}
    <dc:date>${modified}</dc:date>
    <dcterms:issued>${issued}</dcterms:issued>
    <dcterms:modified>${modified}</dcterms:modified>
  </item>`
}

/**
 * A JVNRSS 3.2 feed (RSS 1.0 / RDF with the dc, dcterms and mod_sec 3.0 vocabularies, element
 * order as in jvnrss_3.2.xsd) of public advisories. Built as text so that every value visibly
 * passes through `xml()`.
 */
export function advisoriesRss(input: {
  items: PublicAdvisory[]; lang: Lang; baseUrl: string; now: Date; title: string; description: string
}): string {
  const { items, lang, baseUrl } = input
  const latest = items.reduce<Date>((max, a) => (a.modifiedAt && a.modifiedAt > max ? a.modifiedAt : max), items[0]?.modifiedAt ?? input.now)
  return rdfFeed({
    about: `${baseUrl}/rss/advisories.rdf`, link: `${baseUrl}/advisories`, title: input.title, description: input.description, lang, latest,
    namespaces: ['xmlns:sec="http://jvn.jp/rss/mod_sec/3.0/"'],
    itemUris: items.map((a) => baseUrl + (a.path ?? '')), itemsXml: items.map((a) => itemXml(a, lang, baseUrl)).join(''),
  })
}

/**
 * The RSS 1.0 (RDF) envelope every keikai feed shares: channel, item sequence and dates, with the
 * dc and dcterms vocabularies plus any the feed adds. `itemsXml` is already escaped by its builder.
 */
export function rdfFeed(f: {
  about: string; link: string; title: string; description: string; lang: Lang; latest: Date; namespaces?: string[]; itemUris: string[]; itemsXml: string
}): string {
  const ns = (f.namespaces ?? []).map((n) => `\n  ${n}`).join('')
  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF
  xmlns="http://purl.org/rss/1.0/"
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:dcterms="http://purl.org/dc/terms/"${ns}
  xml:lang="${f.lang}">
  <channel rdf:about="${xml(f.about)}">
    <title>${xml(f.title)}</title>
    <link>${xml(f.link)}</link>
    <description>${xml(f.description)}</description>
    <dc:language>${f.lang}</dc:language>
    <dc:date>${jstDateTime(f.latest)}</dc:date>
    <dcterms:modified>${jstDateTime(f.latest)}</dcterms:modified>
    <items>
      <rdf:Seq>${f.itemUris.map((u) => `\n        <rdf:li rdf:resource="${xml(u)}" />`).join('')}
      </rdf:Seq>
    </items>
  </channel>${f.itemsXml}
</rdf:RDF>
`
}

import { XMLParser } from 'fast-xml-parser'
import type { AdvisoryContent, Localized } from '../advisories/index.js'
import {
  asArray, content, cveOrNull, cvss3, cvss4, cweOrNull, emptyText, fail, htmlToText, inLang, readDate, RecordError, uniqueBy, urlOrNull,
  type ImportedEntry, type ParseResult, type SourceId,
} from './entry.js'

/**
 * MyJVN (JVN iPedia) in every form the API and the data feeds give it: VULDEF XML documents
 * (getVulnDetailInfo, dataFeed detail; many `Vulinfo` per document), JVNRSS XML
 * (getVulnOverviewList, dataFeed rss), and the JSON ("oka") forms of both. An entry carries one
 * language, the document's: JVN iPedia's Japanese and English entries share their number.
 */

const JVNDB = /^JVNDB-\d{4}-\d{6}$/
const JVN_ADVISORY = /^JVN(VU|TA)?#\d{8}$/

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['Vulinfo', 'AffectedItem', 'VersionNumber', 'Cvss', 'ImpactItem', 'SolutionItem', 'RelatedItem', 'item', 'references', 'cpe', 'cvss', 'Cpe'].includes(name),
})

/**
 * Attribute values written without quotes (`retCd= 0`, in the real dataFeed rss) get quotes,
 * so that the document parses; quoted values and text are left as they are.
 */
export function quoteBareAttributes(s: string): string {
  if (!/=\s*[^\s"'<>]/.test(s)) return s
  return s.replace(/<[A-Za-z][^<>]*>/g, (tag) => {
    let out = ''
    let quote = ''
    for (let i = 0; i < tag.length; i++) {
      const ch = tag[i]!
      if (quote) {
        out += ch
        if (ch === quote) quote = ''
      } else if (ch === '"' || ch === "'") {
        quote = ch
        out += ch
      } else if (ch === '=') {
        let j = i + 1
        while (j < tag.length && /\s/.test(tag[j]!)) j++
        if (tag[j] === '"' || tag[j] === "'") {
          out += '='
          i = j - 1
          continue
        }
        let k = j
        while (k < tag.length && !/[\s>]/.test(tag[k]!) && !(tag[k] === '/' && tag[k + 1] === '>')) k++
        out += `="${tag.slice(j, k)}"`
        i = k - 1
      } else out += ch
    }
    return out
  })
}

type Node = Record<string, unknown>
const text = (v: unknown): string => {
  if (v === undefined || v === null) return ''
  if (typeof v === 'object') return text((v as Node)['#text'])
  return String(v)
}
const attr = (v: unknown, name: string): string => (v && typeof v === 'object' ? text((v as Node)[`@${name}`]) : '')
const langOf = (v: unknown): 'ja' | 'en' => (String(v ?? '').toLowerCase().startsWith('en') ? 'en' : 'ja')

/** A JVN advisory number from a reference (`JVN#96321933`, `JVNVU#…`), or from its jvn.jp URL. */
function jvnAdvisoryId(id: string, url: string): string | null {
  const s = id.trim()
  if (JVN_ADVISORY.test(s)) return s
  const m = /jvn\.jp\/(?:jp|en|vu|ta)\/(JVN(?:VU|TA)?)(\d{8})/i.exec(url) ?? /\/(JVN(?:VU|TA)?)(\d{8})\/?/.exec(url)
  return m ? `${m[1]!.toUpperCase()}#${m[2]}` : null
}

type Parts = {
  jvndbId: string
  lang: 'ja' | 'en'
  partial: boolean
  title: string
  overview: string
  impact: string
  solution: string
  products: Array<{ developer: string; product: string; versions: string; cpe: string | null }>
  cves: string[]
  cwes: string[]
  cvss31: ReturnType<typeof cvss3>
  cvss40: ReturnType<typeof cvss4>
  references: Array<{ title: string; url: string }>
  jvnIds: string[]
  published: Date | null
  modified: Date | null
}

function entryOf(p: Parts): ImportedEntry {
  if (!JVNDB.test(p.jvndbId)) fail(`not a JVN iPedia number: "${p.jvndbId}"`)
  if (!p.title.trim()) fail(`${p.jvndbId}: no title`)
  const published = p.published ?? p.modified ?? fail(`${p.jvndbId}: no publication date`)
  const modified = p.modified && p.modified > published ? p.modified : published
  const L = (s: string): Localized => inLang(p.lang, s)
  const cves = uniqueBy(p.cves, (c) => c)
  const cwe = p.cwes[0] ?? null
  const vulns: AdvisoryContent['vulnerabilities'] = (cves.length ? cves : [null]).map((cveId) => ({
    title: L(p.title), cveId, cweId: cwe, cvss31: p.cvss31, cvss40: p.cvss40,
  }))
  const sourceIds: SourceId[] = [
    { kind: 'JVNDB', id: p.jvndbId },
    ...uniqueBy(p.jvnIds, (j) => j).map((id) => ({ kind: 'JVN' as const, id })),
    ...cves.map((id) => ({ kind: 'CVE' as const, id })),
  ]
  const c: AdvisoryContent = content({
    title: L(p.title),
    overview: L(p.overview),
    description: emptyText,
    impact: L(p.impact),
    solution: L(p.solution),
    affectedProducts: p.products.map((a) => ({ developer: L(a.developer), product: L(a.product), versions: L(a.versions), cpe: a.cpe })),
    references: uniqueBy(p.references, (r) => r.url),
    vendorStatements: [],
    vulnerabilities: vulns,
  })
  return {
    source: 'jvn', sourceKey: p.jvndbId, identifier: p.jvndbId, jvndbId: p.jvndbId, sourceIds,
    publishedAt: published, modifiedAt: modified, lang: p.lang, partial: p.partial, content: c,
  }
}

const joinVersions = (lang: 'ja' | 'en', versions: string[]) => versions.filter(Boolean).join(lang === 'ja' ? '、' : ', ')

function collect(records: unknown[], label: (r: unknown, i: number) => string, read: (r: unknown) => ImportedEntry): ParseResult {
  const result: ParseResult = { entries: [], bad: [] }
  records.forEach((r, i) => {
    try {
      result.entries.push(read(r))
    } catch (e) {
      if (!(e instanceof RecordError)) throw e
      result.bad.push({ record: label(r, i), reason: e.message })
    }
  })
  return result
}

// ---- VULDEF XML ----

function fromVulinfo(v: Node, lang: 'ja' | 'en'): ImportedEntry {
  const d = (v.VulinfoData ?? {}) as Node
  const related = asArray((d.Related as Node | undefined)?.RelatedItem) as Node[]
  const cvss = asArray((d.Impact as Node | undefined)?.Cvss) as Node[]
  const vector = (versions: string[]) => text(cvss.find((c) => versions.includes(attr(c, 'version')))?.Vector)
  return entryOf({
    jvndbId: text(v.VulinfoID).trim(),
    lang,
    partial: false,
    title: htmlToText(text(d.Title)),
    overview: htmlToText(text((d.VulinfoDescription as Node | undefined)?.Overview)),
    impact: asArray((d.Impact as Node | undefined)?.ImpactItem).map((i) => htmlToText(text((i as Node).Description))).filter(Boolean).join('\n\n'),
    solution: asArray((d.Solution as Node | undefined)?.SolutionItem).map((i) => htmlToText(text((i as Node).Description))).filter(Boolean).join('\n\n'),
    products: (asArray((d.Affected as Node | undefined)?.AffectedItem) as Node[]).map((a) => ({
      developer: htmlToText(text(a.Name)),
      product: htmlToText(text(a.ProductName)),
      versions: joinVersions(lang, asArray(a.VersionNumber).map((n) => htmlToText(text(n)))),
      cpe: text(asArray(a.Cpe)[0]).trim() || null,
    })),
    cves: related.flatMap((r) => { const c = cveOrNull(text(r.VulinfoID)); return c ? [c] : [] }),
    cwes: related.filter((r) => attr(r, 'type') === 'cwe').flatMap((r) => { const c = cweOrNull(text(r.VulinfoID)); return c ? [c] : [] }),
    cvss31: cvss3(vector(['3.0', '3.1'])),
    cvss40: cvss4(vector(['4.0'])),
    references: related.filter((r) => attr(r, 'type') !== 'cwe').flatMap((r) => {
      const url = urlOrNull(text(r.URL))
      if (!url) return []
      const name = htmlToText(text(r.Name))
      const id = htmlToText(text(r.VulinfoID))
      return [{ title: [name, id].filter(Boolean).join(' ') || url, url }]
    }),
    jvnIds: related.flatMap((r) => { const j = jvnAdvisoryId(text(r.VulinfoID), text(r.URL)); return j ? [j] : [] }),
    published: readDate(text(d.DateFirstPublished), 'DateFirstPublished'),
    modified: readDate(text(d.DateLastUpdated), 'DateLastUpdated'),
  })
}

// ---- JVNRSS XML ----

function fromRssItem(item: Node, lang: 'ja' | 'en'): ImportedEntry {
  const refs = asArray(item.references) as Node[]
  const cvss = asArray(item.cvss) as Node[]
  const vector = (versions: string[]) => attr(cvss.find((c) => versions.includes(attr(c, 'version'))), 'vector')
  const link = urlOrNull(text(item.link))
  return entryOf({
    jvndbId: text(item.identifier).trim(),
    lang,
    partial: true,
    title: htmlToText(text(item.title)),
    overview: htmlToText(text(item.description)),
    impact: '',
    solution: '',
    products: (asArray(item.cpe) as Node[]).map((c) => ({
      developer: htmlToText(attr(c, 'vendor')), product: htmlToText(attr(c, 'product')), versions: '', cpe: text(c).trim() || null,
    })),
    cves: refs.flatMap((r) => { const c = cveOrNull(attr(r, 'id')); return c ? [c] : [] }),
    cwes: refs.flatMap((r) => { const c = cweOrNull(attr(r, 'id')); return c ? [c] : [] }),
    cvss31: cvss3(vector(['3.0', '3.1'])),
    cvss40: cvss4(vector(['4.0'])),
    references: [
      ...(link ? [{ title: 'JVN iPedia', url: link }] : []),
      ...refs.filter((r) => !cweOrNull(attr(r, 'id'))).flatMap((r) => {
        const url = urlOrNull(text(r))
        return url ? [{ title: [attr(r, 'source'), attr(r, 'id')].filter(Boolean).join(' ') || url, url }] : []
      }),
    ],
    jvnIds: refs.flatMap((r) => { const j = jvnAdvisoryId(attr(r, 'id'), text(r)); return j ? [j] : [] }),
    published: readDate(text(item.issued) || text(item.date), 'dcterms:issued'),
    modified: readDate(text(item.modified) || text(item.date), 'dcterms:modified'),
  })
}

/** A VULDEF or JVNRSS document (bytes as read); throws `RecordError` when it is neither or does not parse. */
export function parseMyjvnXml(source: string): ParseResult {
  let doc: Node
  try {
    doc = xml.parse(quoteBareAttributes(source)) as Node
  } catch (e) {
    return fail(`XML does not parse: ${(e as Error).message.split('\n')[0]}`)
  }
  const vuldef = doc['VULDEF-Document'] as Node | undefined
  if (vuldef) {
    const lang = langOf(vuldef['@lang'])
    return collect(asArray(vuldef.Vulinfo), (r, i) => text((r as Node).VulinfoID) || `Vulinfo #${i + 1}`, (r) => fromVulinfo(r as Node, lang))
  }
  const rdf = doc.RDF as Node | undefined
  if (rdf) {
    const lang = langOf(rdf['@lang'])
    return collect(asArray(rdf.item), (r, i) => text((r as Node).identifier) || `item #${i + 1}`, (r) => fromRssItem(r as Node, lang))
  }
  return fail('neither a VULDEF document nor a JVNRSS feed')
}

// ---- JSON ("oka") ----

type Json = Record<string, unknown>
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {})

type Product = Parts['products'][number]

/** Vendor → product (→ version) branches of a MyJVN product tree. */
function productsOf(tree: unknown, lang: 'ja' | 'en'): Product[] {
  const out: Product[] = []
  const walk = (branches: unknown, developer: string, product: string) => {
    for (const b of asArray(branches as Json[])) {
      const name = htmlToText(str(b.name))
      const dev = b.category === 'vendor' ? name : developer
      const prod = b.category === 'product_name' ? name : product
      const children = asArray(b.branches as Json[])
      if (children.length) walk(children, dev, prod)
      else {
        const p = obj(b.product)
        const version = b.category === 'product_version' || b.category === 'product_version_range' ? name : ''
        const last = out.at(-1)
        if (version && last && last.developer === dev && last.product === prod) last.versions = joinVersions(lang, [last.versions, version])
        else out.push({ developer: dev, product: prod || htmlToText(str(p.name)), versions: version, cpe: str(obj(p.product_identification_helper).cpe) || null })
      }
    }
  }
  walk(obj(tree).branches, '', '')
  return out
}

function metricsOf(metrics: unknown): { cvss31: Parts['cvss31']; cvss40: Parts['cvss40'] } {
  let cvss31: Parts['cvss31'] = null
  let cvss40: Parts['cvss40'] = null
  for (const m of asArray(metrics as Json[])) {
    const c = obj(obj(m).content)
    cvss31 ??= cvss3(obj(c.cvss_v3).vectorString)
    cvss40 ??= cvss4(obj(c.cvss_v4).vectorString)
  }
  return { cvss31, cvss40 }
}

function referencesOf(refs: unknown): { references: Parts['references']; jvnIds: string[] } {
  const list = asArray(refs as Json[])
  return {
    references: list.flatMap((r) => {
      const url = urlOrNull(r.url)
      return url ? [{ title: [str(r.source), htmlToText(str(r.summary))].filter(Boolean).join(' ') || url, url }] : []
    }),
    jvnIds: list.flatMap((r) => { const j = jvnAdvisoryId(str(r.summary), str(r.url)); return j ? [j] : [] }),
  }
}

/** One MyJVN advisory in its CSAF-like JSON form (getVulnDetailInfo oka; also inside the STIX bundle). */
function fromOkaDocument(d: Json): ImportedEntry {
  const doc = obj(d.document)
  const tracking = obj(doc.tracking)
  const lang = langOf(doc.lang)
  const vulns = asArray(d.vulnerabilities as Json[])
  const notes = asArray(doc.notes as Json[])
  const m = vulns.map((v) => metricsOf(v.metrics))
  const details = (category: string, key: 'threats' | 'remediations') =>
    uniqueBy(vulns.flatMap((v) => asArray(v[key] as Json[])).filter((x) => !category || x.category === category).map((x) => htmlToText(str(x.details))).filter(Boolean), (s) => s).join('\n\n')
  return entryOf({
    jvndbId: str(tracking.id).trim(),
    lang,
    partial: false,
    title: htmlToText(str(doc.title)),
    overview: notes.filter((n) => n.category === 'description' || n.category === 'summary').map((n) => htmlToText(str(n.text))).join('\n\n'),
    impact: details('impact', 'threats'),
    solution: details('', 'remediations'),
    products: productsOf(d.product_tree, lang),
    cves: vulns.flatMap((v) => { const c = cveOrNull(v.cve); return c ? [c] : [] }),
    cwes: vulns.flatMap((v) => asArray(v.cwes as Json[]).flatMap((c) => { const w = cweOrNull(c.id); return w ? [w] : [] })),
    cvss31: m.find((x) => x.cvss31)?.cvss31 ?? null,
    cvss40: m.find((x) => x.cvss40)?.cvss40 ?? null,
    ...referencesOf(doc.references),
    published: readDate(tracking.initial_release_date, 'initial_release_date'),
    modified: readDate(tracking.current_release_date, 'current_release_date'),
  })
}

/** One entry of the JSON overview feed (getVulnOverviewList oka, dataFeed rss oka). */
function fromOkaFeedEntry(e: Json, lang: 'ja' | 'en'): ImportedEntry {
  const link = urlOrNull(e.link)
  const refs = referencesOf(e.references)
  const products = asArray(e.products as Json[])
  const byProduct = new Map<string, Product>()
  for (const p of products) {
    const key = `${str(p.vname)}\u0000${str(p.pname)}`
    const version = str(p.version)
    const seen = byProduct.get(key)
    if (seen) seen.versions = joinVersions(lang, [seen.versions, version])
    else byProduct.set(key, { developer: htmlToText(str(p.vname)), product: htmlToText(str(p.pname)), versions: version, cpe: str(obj(p.product_ids).cpe) || null })
  }
  const m = metricsOf(e.metrics)
  return entryOf({
    jvndbId: str(e.id).trim(),
    lang,
    partial: true,
    title: htmlToText(str(e.title)),
    overview: htmlToText(str(e.summary)),
    impact: '',
    solution: '',
    products: [...byProduct.values()],
    cves: asArray(e.references as Json[]).flatMap((r) => { const c = cveOrNull(r.summary) ?? cveOrNull(r.id); return c ? [c] : [] }),
    cwes: asArray((e.cwes ?? e.cwe) as Json[]).flatMap((c) => { const w = cweOrNull(obj(c).id ?? c); return w ? [w] : [] }),
    ...m,
    references: [...(link ? [{ title: 'JVN iPedia', url: link }] : []), ...refs.references],
    jvnIds: refs.jvnIds,
    published: readDate(e.created || e.public, 'created'),
    modified: readDate(e.modified, 'modified'),
  })
}

/** Whether a parsed JSON document is one of MyJVN's forms. */
export function isMyjvnJson(d: Json): boolean {
  const schema = str(d.$schema)
  if (/jvndb\.jvn\.jp\/schema\/myjvn_/.test(schema)) return true
  return obj(d.document).category === 'myjvn_security_advisory'
}

export function parseMyjvnJson(d: Json): ParseResult {
  if (d.type === 'bundle') {
    const docs = asArray(d.objects as Json[]).flatMap((o) => asArray(o['VULDEF-Document'] as Json[]))
    return collect(docs, (r, i) => str(obj(obj(obj(r).document).tracking).id) || `VULDEF-Document #${i + 1}`, (r) => fromOkaDocument(obj(r)))
  }
  if (d.feed) {
    const feed = obj(d.feed)
    const lang = langOf(feed.lang)
    return collect(asArray(feed.entry as Json[]), (r, i) => str(obj(r).id) || `entry #${i + 1}`, (r) => fromOkaFeedEntry(obj(r), lang))
  }
  if (d.document) return collect([d], (r) => str(obj(obj(obj(r).document).tracking).id) || 'document', (r) => fromOkaDocument(obj(r)))
  return fail('a MyJVN JSON document without advisories (vendor, product or statistics data is not imported)')
}

import { cveUrl, cweUrl, pick, type CvssScore } from '../advisories/index.js'
import { jstDateTime, xml } from '../portal/index.js'
import { matchesProduct, parseCpePattern, productCpe22, productCpe23, productJvnpid, type CpePattern } from './cpe.b.js'
import { sql } from 'kysely'
import { cveIdsOf, cweIdsOf, pageJvndbAdvisories, type EntryCondition, type JvndbAdvisory } from './entries.js'
import { byCatalog, cvss3BaseIs, cvss4Has, FALSE, keywordCondition, someVulnerability, within } from './conditions.js'
import { jvnrssChannel, jvnrssDocument } from './envelopes.js'
import { HND_CONTENT_TYPE, OKA_CONTENT_TYPE, type MyJvnContext, type MyJvnMethod } from './myjvn-method.js'
import { param, paramError, readDate8, readEnum, readPaging, readYmdRange, type DateRange } from './params.js'
import { statusJson, type StatusFields } from './status.js'

const METHOD = 'getVulnOverviewList'
/** getVulnOverviewList's documented entry limit (maxCountItem 1–50). */
export const OVERVIEW_MAX = 50

type Filter = EntryCondition

const hasRange = (r: DateRange) => Boolean(r.from || r.to)

/** The start of the simple ranges: w = the past week, m = the past month, d = since yesterday (oka DAY). */
function since(now: Date, range: 'd' | 'w' | 'm'): Date {
  if (range === 'd') return new Date(now.getTime() - 86400_000)
  if (range === 'w') return new Date(now.getTime() - 7 * 86400_000)
  const d = new Date(now)
  d.setUTCMonth(d.getUTCMonth() - 1)
  return d
}

/** `keyword`: the portal's search (conditions.ts). */
function keywordFilter(ctx: MyJvnContext): Filter | null {
  const keyword = param(ctx, 'keyword')
  return keyword === undefined ? null : keywordCondition(keyword)
}

const SEVERITY_LETTER = { n: 'none', l: 'low', m: 'medium', h: 'high', c: 'critical' } as const
const V3_VECTOR = /^CVSS:3\.[01]\/AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\/C:[NLH]\/I:[NLH]\/A:[NLH]$/
const V3_BASE = /^AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\/C:[NLH]\/I:[NLH]\/A:[NLH]$/
const v3Base = (vector: string) => vector.replace(/^CVSS:3\.[01]\//, '').split('/').slice(0, 8).join('/')

/** A list of numbers joined by "+" (a "+" arrives as a space once the query is decoded). */
function idList(ctx: MyJvnContext, name: string): number[] | undefined {
  const v = param(ctx, name)
  if (v === undefined) return undefined
  const parts = v.split(/[+ ]/).filter(Boolean)
  if (parts.length === 0 || parts.some((p) => !/^[1-9]\d{0,15}$/.test(p))) throw paramError(ctx, METHOD, name, 'notPositiveInteger')
  return parts.map(Number)
}

function cpePatterns(ctx: MyJvnContext, name: string, forms: ReadonlyArray<'cpe22' | 'cpe23' | 'jvnpid'>, several: boolean): CpePattern[] | undefined {
  const v = param(ctx, name)
  if (v === undefined) return undefined
  const texts = several ? v.split(/[+ ]/).filter(Boolean) : [v.trim()]
  const patterns = texts.map((t) => parseCpePattern(t, forms))
  if (patterns.length === 0 || patterns.some((p) => p === null)) throw paramError(ctx, METHOD, name, 'badFormat', { form: forms.includes('cpe22') ? 'cpe:/{part}:{vendor}:{product}' : forms.includes('jvnpid') ? 'jvnpid:1.0::{vendor}:{product}' : 'cpe:2.3:{part}:{vendor}:{product}' })
  return patterns as CpePattern[]
}

/** A product row the catalogue filter admits (several are all required, as separate filters). */
type ProductTest = (p: JvndbAdvisory['products'][number]) => boolean
const byPatterns = (patterns: CpePattern[]): ProductTest => (p) => patterns.some((pat) => matchesProduct(pat, p.product.cpe))

/** The hnd parameters (getVulnOverviewList_api_hnd.md) as filters. */
function hndFilters(ctx: MyJvnContext): { filters: Filter[]; products: ProductTest[] } {
  const filters: Filter[] = []
  const products: ProductTest[] = []
  const kw = keywordFilter(ctx)
  if (kw) filters.push(kw)
  const severity = readEnum(ctx, METHOD, 'severity', ['n', 'l', 'm', 'h', 'c'] as const)
  if (severity) filters.push(sql<boolean>`advisories.content->>'severity' = ${SEVERITY_LETTER[severity]}`)
  const vector = param(ctx, 'vector')
  if (vector !== undefined) {
    if (!V3_VECTOR.test(vector)) throw paramError(ctx, METHOD, 'vector', 'badFormat', { form: 'CVSS:3.0/AV:_/AC:_/PR:_/UI:_/S:_/C:_/I:_/A:_' })
    filters.push(cvss3BaseIs(v3Base(vector)))
  }
  const cpes = cpePatterns(ctx, 'cpeName', ['cpe22', 'cpe23'], true)
  if (cpes) products.push(byPatterns(cpes))
  const vids = idList(ctx, 'vendorId')
  if (vids) products.push((p) => vids.includes(p.vid))
  const pids = idList(ctx, 'productId')
  if (pids) products.push((p) => pids.includes(p.product.pid))
  // Each date kind: explicit Y/M/D bounds, else its simple range (default: the past week), as documented.
  const kinds = [
    ['datePublic', 'rangeDatePublic', 'published'],
    ['datePublished', 'rangeDatePublished', 'modified'],
    ['dateFirstPublished', 'rangeDateFirstPublished', 'published'],
  ] as const
  for (const [base, rangeName, column] of kinds) {
    const explicit = readYmdRange(ctx, METHOD, base)
    const range = readEnum(ctx, METHOD, rangeName, ['n', 'w', 'm'] as const)
    if (hasRange(explicit)) filters.push(...within(column, explicit))
    const simple = range ?? (hasRange(explicit) ? 'n' : 'w')
    if (simple !== 'n') filters.push(...within(column, { from: since(ctx.now, simple) }))
  }
  return { filters, products }
}

const OKA_SEVERITY = ['NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const
const CVSS_PARAMS = ['cvssV2Metrics', 'cvssV3Metrics', 'cvssV4Metrics', 'cvssV2Severity', 'cvssV3Severity', 'cvssV4Severity'] as const

/** The oka parameters (getVulnOverviewList_api_oka.md) as filters. */
function okaFilters(ctx: MyJvnContext): { filters: Filter[]; products: ProductTest[] } {
  const filters: Filter[] = []
  const products: ProductTest[] = []
  const kw = keywordFilter(ctx)
  if (kw) filters.push(kw)
  const simple = readEnum(ctx, METHOD, 'modifiedRangeDate', ['NONE', 'DAY', 'WEEK', 'MONTH'] as const)
  const dated = (['modifiedStartDate', 'modifiedEndDate', 'createdStartDate', 'createdEndDate', 'publicStartDate', 'publicEndDate'] as const)
    .filter((n) => param(ctx, n) !== undefined)
  if (simple && dated.length) throw paramError(ctx, METHOD, 'modifiedRangeDate', 'conflict', { other: dated[0]! })
  if (simple && simple !== 'NONE') filters.push(...within('modified', { from: since(ctx.now, simple === 'DAY' ? 'd' : simple === 'WEEK' ? 'w' : 'm') }))
  const ranges = [
    ['modified', '19980101', 'modified'],
    ['created', '19980101', 'published'],
    ['public', '19890101', 'published'],
  ] as const
  for (const [base, min, column] of ranges) {
    const r: DateRange = { from: readDate8(ctx, METHOD, `${base}StartDate`, { min }), to: readDate8(ctx, METHOD, `${base}EndDate`, { end: true, min }) }
    if (hasRange(r)) filters.push(...within(column, r))
  }
  const nameType = readEnum(ctx, METHOD, 'nameType', ['cpe', 'jvnpid', 'vid', 'pid'] as const)
  const productName = param(ctx, 'productName') ?? param(ctx, 'ProductName')
  if (productName !== undefined && !nameType) throw paramError(ctx, METHOD, 'nameType', 'required')
  if (nameType && productName === undefined) throw paramError(ctx, METHOD, 'productName', 'required')
  if (nameType === 'cpe' || nameType === 'jvnpid') {
    const pattern = parseCpePattern(productName!.trim(), [nameType === 'cpe' ? 'cpe23' : 'jvnpid'])
    if (!pattern) throw paramError(ctx, METHOD, 'productName', 'badFormat', { form: nameType === 'cpe' ? 'cpe:2.3:{part}:{vendor}:{product}' : 'jvnpid:1.0::{vendor}:{product}' })
    products.push(byPatterns([pattern]))
  } else if (nameType) {
    if (!/^[1-9]\d{0,15}$/.test(productName!)) throw paramError(ctx, METHOD, 'productName', 'notPositiveInteger')
    const id = Number(productName)
    products.push(nameType === 'vid' ? (p) => p.vid === id : (p) => p.product.pid === id)
  }
  // Versions narrow a CPE or jvnpid product; keikai's products carry their versions as text, so the product itself is matched.
  const versioned = ['version', 'versionStart', 'versionEnd'].filter((n) => param(ctx, n) !== undefined)
  if (versioned.length && nameType !== 'cpe' && nameType !== 'jvnpid') throw paramError(ctx, METHOD, versioned[0]!, 'conflict', { other: 'nameType=vid/pid' })
  if (param(ctx, 'version') !== undefined && (param(ctx, 'versionStart') ?? param(ctx, 'versionEnd')) !== undefined) throw paramError(ctx, METHOD, 'version', 'conflict', { other: 'versionStart/versionEnd' })
  readEnum(ctx, METHOD, 'versionType', ['no', 'all', 'equal'] as const)
  readEnum(ctx, METHOD, 'versionStartType', ['including', 'excluding'] as const)
  readEnum(ctx, METHOD, 'versionEndType', ['including', 'excluding'] as const)
  // CVSS: only one of the six, as documented.
  const given = CVSS_PARAMS.filter((n) => param(ctx, n) !== undefined)
  if (given.length > 1) throw paramError(ctx, METHOD, given[1]!, 'conflict', { other: given[0]! })
  const v3 = readEnum(ctx, METHOD, 'cvssV3Severity', OKA_SEVERITY)
  if (v3) filters.push(someVulnerability({ cvss31: { severity: v3.toLowerCase() } }))
  const v4 = readEnum(ctx, METHOD, 'cvssV4Severity', OKA_SEVERITY)
  if (v4) filters.push(someVulnerability({ cvss40: { severity: v4.toLowerCase() } }))
  // keikai scores in CVSS 3.1 and 4.0 only: a CVSS v2 filter is valid and matches nothing.
  if (readEnum(ctx, METHOD, 'cvssV2Severity', ['LOW', 'MEDIUM', 'HIGH'] as const)) filters.push(FALSE)
  const v2m = param(ctx, 'cvssV2Metrics')
  if (v2m !== undefined) {
    if (!/^AV:[LAN]\/AC:[HML]\/Au:[MSN]\/C:[NPC]\/I:[NPC]\/A:[NPC]$/.test(v2m)) throw paramError(ctx, METHOD, 'cvssV2Metrics', 'badFormat', { form: 'AV:_/AC:_/Au:_/C:_/I:_/A:_' })
    filters.push(FALSE)
  }
  const v3m = param(ctx, 'cvssV3Metrics')
  if (v3m !== undefined) {
    const base = v3m.replace(/^CVSS:3\.[01]\//, '')
    if (!V3_BASE.test(base)) throw paramError(ctx, METHOD, 'cvssV3Metrics', 'badFormat', { form: 'AV:_/AC:_/PR:_/UI:_/S:_/C:_/I:_/A:_' })
    filters.push(cvss3BaseIs(base))
  }
  const v4m = param(ctx, 'cvssV4Metrics')
  if (v4m !== undefined) {
    const wanted = v4m.replace(/^CVSS:4\.0\//, '').split('/')
    if (!wanted.every((m) => /^[A-Z]{1,3}:[A-Z]$/.test(m))) throw paramError(ctx, METHOD, 'cvssV4Metrics', 'badFormat', { form: 'AV:_/AC:_/…' })
    filters.push(cvss4Has(wanted))
  }
  return { filters, products }
}

/** The references of an entry as JVN iPedia lists them: its JVN advisory, CVEs, the advisory's references, CWEs. */
export function referencesOf(a: JvndbAdvisory, lang: 'ja' | 'en'): Array<{ source?: string; id?: string; title: string; url: string; kind: 'jvn' | 'cve' | 'doc' | 'cwe' }> {
  const refs: ReturnType<typeof referencesOf> = []
  if (a.identifier) refs.push({ source: 'JVN', id: a.identifier, title: a.identifier, url: a.url, kind: 'jvn' })
  for (const cve of cveIdsOf(a.content)) refs.push({ source: 'CVE', id: cve, title: cve, url: cveUrl(cve), kind: 'cve' })
  for (const r of a.content.references) refs.push({ source: lang === 'ja' ? '関連文書' : 'Related document', title: r.title || r.url, url: r.url, kind: 'doc' })
  for (const cwe of cweIdsOf(a.content)) refs.push({ id: cwe, title: cwe, url: cweUrl(cwe), kind: 'cwe' })
  return refs
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const cvssAttr = (version: string, s: CvssScore) =>
  `<sec:cvss score="${s.score.toFixed(1)}" severity="${xml(capitalised(s.severity))}" vector="${xml(s.vector)}" version="${version}" type="Base" />`

function itemXml(a: JvndbAdvisory, lang: 'ja' | 'en'): string {
  const c = a.content
  const lines = [
    `<title>${xml(pick(c.title, lang))}</title>`,
    `<link>${xml(a.url)}</link>`,
    `<description>${xml(pick(c.overview, lang))}</description>`,
    `<sec:identifier>${xml(a.jvndbId)}</sec:identifier>`,
    ...referencesOf(a, lang).map((r) => `<sec:references${r.source ? ` source="${xml(r.source)}"` : ''}${r.id ? ` id="${xml(r.id)}"` : ''} title="${xml(r.title)}">${xml(r.url)}</sec:references>`),
    ...a.products.map((p, i) => {
      const row = c.affectedProducts[i]!
      return `<sec:cpe version="2.2" vendor="${xml(pick(row.developer, lang))}" product="${xml(pick(row.product, lang))}">${xml(productCpe22(p.product.cpe))}</sec:cpe>`
    }),
    ...c.vulnerabilities.flatMap((v) => [v.cvss31 ? cvssAttr('3.1', v.cvss31) : '', v.cvss40 ? cvssAttr('4.0', v.cvss40) : ''].filter(Boolean)),
    `<dc:date>${jstDateTime(a.modifiedAt)}</dc:date>`,
    `<dcterms:issued>${jstDateTime(a.publishedAt)}</dcterms:issued>`,
    `<dcterms:modified>${jstDateTime(a.modifiedAt)}</dcterms:modified>`,
  ]
  return `\n  <item rdf:about="${xml(a.url)}">${lines.map((l) => `\n    ${l}`).join('')}\n  </item>`
}

const cvssJson = (version: string, s: CvssScore) => ({ version, vectorString: s.vector, baseScore: s.score, baseSeverity: s.severity.toUpperCase() })

/** The oka feed's entry (myjvn_feed_1.0.json entry_type). */
export function entryJson(a: JvndbAdvisory, lang: 'ja' | 'en') {
  const c = a.content
  const metrics = c.vulnerabilities.filter((v) => v.cvss31 || v.cvss40).map((v) => ({
    content: { ...(v.cvss31 ? { cvss_v3: cvssJson('3.1', v.cvss31) } : {}), ...(v.cvss40 ? { cvss_v4: cvssJson('4.0', v.cvss40) } : {}) },
  }))
  const cwes = cweIdsOf(c).map((id) => ({ id, name: id, url: cweUrl(id) }))
  return {
    title: pick(c.title, lang),
    id: a.jvndbId,
    summary: pick(c.overview, lang),
    link: a.url,
    modified: jstDateTime(a.modifiedAt),
    created: jstDateTime(a.publishedAt),
    public: jstDateTime(a.publishedAt),
    references: referencesOf(a, lang).filter((r) => r.kind !== 'cwe').map((r) => ({ summary: r.title, url: r.url, ...(r.source ? { source: r.source } : {}) })),
    products: a.products.map((p, i) => ({
      vname: pick(c.affectedProducts[i]!.developer, lang),
      product_id: productJvnpid(p.product.cpe),
      pname: pick(c.affectedProducts[i]!.product, lang),
      product_ids: { cpe: productCpe23(p.product.cpe) },
    })),
    ...(metrics.length ? { metrics } : {}),
    ...(cwes.length ? { cwes } : {}),
  }
}

export const okaGenerator = (now: Date) => ({ date: jstDateTime(now), engine: { version: '4.0.0', name: 'MyJVN API' } })

export const getVulnOverviewList: MyJvnMethod = {
  name: METHOD,
  hndEnvelope: 'rdf',
  run: async (ctx) => {
    const { startItem, maxCountItem } = readPaging(ctx, METHOD, OVERVIEW_MAX)
    const { filters, products } = ctx.feed === 'oka' ? okaFilters(ctx) : hndFilters(ctx)
    for (const test of products) filters.push(await byCatalog(ctx.db, ctx.now, test))
    const { total, latest, items: page } = await pageJvndbAdvisories(ctx.db, ctx.now, ctx.baseUrl, filters, { offset: startItem - 1, limit: maxCountItem })
    const status: StatusFields = {
      method: METHOD, lang: ctx.lang, feed: ctx.feed, retCd: 0, retMax: OVERVIEW_MAX,
      totalRes: total, totalResRet: page.length, firstRes: page.length ? startItem : total ? startItem : 0, echo: ctx.params,
    }
    const title = ctx.t('myjvn.feed_title')
    if (ctx.feed === 'oka') {
      const body = {
        $schema: 'https://jvndb.jvn.jp/schema/myjvn_feed_1.0.json?20250419',
        feed: {
          generator: okaGenerator(ctx.now), title, link: `${ctx.baseUrl}/myjvn`, updated: jstDateTime(latest ?? ctx.now), lang: ctx.lang,
          author: { name: ctx.t('myjvn.author'), uri: ctx.baseUrl },
          distribution: { tlp: { label: 'CLEAR', url: 'https://www.first.org/tlp/' } },
          entry: page.map((a) => entryJson(a, ctx.lang)),
        },
        status: statusJson(status),
      }
      return { body: JSON.stringify(body, null, 2), contentType: OKA_CONTENT_TYPE }
    }
    const channel = jvnrssChannel({ about: `${ctx.baseUrl}/myjvn`, title, now: ctx.now, lang: ctx.lang, itemUris: page.map((a) => a.url) })
    return { body: jvnrssDocument({ channel, itemsXml: page.map((a) => itemXml(a, ctx.lang)).join(''), status, lang: ctx.lang }), contentType: HND_CONTENT_TYPE }
  },
}

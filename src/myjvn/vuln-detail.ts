import { cweUrl, pick, type CvssScore } from '../advisories/index.js'
import { jstDateTime, xml } from '../portal/index.js'
import { productCpe22, productCpe23, productJvnpid } from './cpe.b.js'
import { jvndbAdvisoriesById, revisionsOf, type JvndbAdvisory, type Revision } from './entries.js'
import { vuldefDocument } from './envelopes.js'
import { HND_CONTENT_TYPE, OKA_CONTENT_TYPE, type MyJvnContext, type MyJvnMethod } from './myjvn-method.js'
import { param, paramError, readEnum, readPaging } from './params.js'
import { statusJson, statusXml, type StatusFields } from './status.js'
import { okaGenerator, referencesOf } from './vuln-overview.js'

const METHOD = 'getVulnDetailInfo'
/** getVulnDetailInfo's documented entry limit (maxCountItem 1–10). */
export const DETAIL_MAX = 10
const JVNDB_ID = /^JVNDB-\d{4}-\d{6}$/

/** `vulnId`: one or more JVNDB numbers joined by "+" (a space once decoded); required. */
function readVulnIds(ctx: MyJvnContext, several: boolean): string[] {
  const v = param(ctx, 'vulnId')
  if (v === undefined) throw paramError(ctx, METHOD, 'vulnId', 'required')
  const ids = v.split(/[+ ]/).filter(Boolean)
  if (ids.length === 0 || ids.some((id) => !JVNDB_ID.test(id))) throw paramError(ctx, METHOD, 'vulnId', 'badFormat', { form: 'JVNDB-YYYY-NNNNNN' })
  if (!several && ids.length > 1) throw paramError(ctx, METHOD, 'vulnId', 'conflict', { other: 'ft=jvncsaf' })
  return [...new Set(ids)]
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const cvssXml = (version: string, s: CvssScore) => `<Cvss version="${version}">
          <Severity type="Base">${xml(capitalised(s.severity))}</Severity>
          <Base>${s.score.toFixed(1)}</Base>
          <Vector>${xml(s.vector)}</Vector>
        </Cvss>`

function historyOf(a: JvndbAdvisory, revisions: Revision[], lang: 'ja' | 'en'): Array<{ no: number; at: Date; text: string }> {
  return [
    { no: 1, at: a.publishedAt, text: lang === 'ja' ? '掲載' : 'Published' },
    ...revisions.filter((r) => r.revisedAt > a.publishedAt).map((r, i) => ({ no: i + 2, at: r.revisedAt, text: pick(r.note, lang) || (lang === 'ja' ? '更新' : 'Updated') })),
  ]
}

/** One `Vulinfo` (vuldef_3.2.xsd, element order as the schema's sequence). */
function vulinfoXml(a: JvndbAdvisory, revisions: Revision[], lang: 'ja' | 'en'): string {
  const c = a.content
  const text = (s: string) => xml(s)
  const affected = c.affectedProducts.map((p, i) => {
    const cpe = a.products[i]?.product.cpe
    return `
        <AffectedItem>
          <Name>${text(pick(p.developer, lang))}</Name>
          <ProductName>${text(pick(p.product, lang))}</ProductName>${cpe ? `\n          <Cpe version="2.2">${xml(productCpe22(cpe))}</Cpe>` : ''}${pick(p.versions, lang) ? `\n          <VersionNumber>${text(pick(p.versions, lang))}</VersionNumber>` : ''}
        </AffectedItem>`
  }).join('')
  const cvss = c.vulnerabilities.flatMap((v) => [v.cvss31 ? cvssXml('3.1', v.cvss31) : '', v.cvss40 ? cvssXml('4.0', v.cvss40) : ''].filter(Boolean))
  const related = referencesOf(a, lang).map((r) => {
    const type = r.kind === 'doc' ? 'vendor' : r.kind === 'cwe' ? 'cwe' : 'advisory'
    const name = r.kind === 'jvn' ? 'JVN' : r.kind === 'cve' ? 'Common Vulnerabilities and Exposures (CVE)' : r.kind === 'cwe' ? 'CWE' : r.source ?? ''
    return `
        <RelatedItem type="${type}">
          <Name>${text(name)}</Name>
          <VulinfoID>${text(r.kind === 'doc' ? r.title : r.id ?? '')}</VulinfoID>${r.kind === 'cwe' ? `\n          <Title>${text(r.title)}</Title>` : ''}
          <URL>${xml(r.url)}</URL>
        </RelatedItem>`
  }).join('')
  const history = historyOf(a, revisions, lang).map((h) => `
        <HistoryItem>
          <HistoryNo>${h.no}</HistoryNo>
          <DateTime>${jstDateTime(h.at)}</DateTime>
          <Description>${text(h.text)}</Description>
        </HistoryItem>`).join('')
  const credits = c.credits.map(({ name }) => `
        <CreditItem>
          <Name>${text(name)}</Name>
          <Description>${text(lang === 'ja' ? '報告者' : 'Reported by')}</Description>
        </CreditItem>`).join('')
  return `
  <Vulinfo>
    <VulinfoID>${xml(a.jvndbId)}</VulinfoID>
    <VulinfoData>
      <Title>${text(pick(c.title, lang))}</Title>
      <VulinfoDescription>
        <Overview>${text(pick(c.overview, lang))}</Overview>${pick(c.description, lang) ? `\n        <Detail>${text(pick(c.description, lang))}</Detail>` : ''}
      </VulinfoDescription>${affected ? `\n      <Affected>${affected}\n      </Affected>` : ''}
      <Impact>${cvss.map((x) => `\n        ${x}`).join('')}
        <ImpactItem>
          <Description>${text(pick(c.impact, lang))}</Description>
        </ImpactItem>
      </Impact>
      <Solution>
        <SolutionItem>
          <Description>${text(pick(c.solution, lang))}</Description>
        </SolutionItem>
      </Solution>${related ? `\n      <Related>${related}\n      </Related>` : ''}${credits ? `\n      <Credit>${credits}\n      </Credit>` : ''}
      <History>${history}
      </History>
      <DateFirstPublished>${jstDateTime(a.publishedAt)}</DateFirstPublished>
      <DateLastUpdated>${jstDateTime(a.modifiedAt)}</DateLastUpdated>
      <DatePublic>${jstDateTime(a.publishedAt)}</DatePublic>
    </VulinfoData>
  </Vulinfo>`
}

export const TLP_HANDLING = `
  <sec:handling>
    <marking:Marking>
      <marking:Marking_Structure xsi:type="tlpMarking:TLPMarkingStructureType" marking_model_name="TLP" marking_model_ref="http://www.us-cert.gov/tlp/" color="WHITE" />
    </marking:Marking>
  </sec:handling>`

const cvssJson = (version: string, s: CvssScore) => ({ version, vectorString: s.vector, baseScore: s.score, baseSeverity: s.severity.toUpperCase() })

/** The oka answer (ft=jvncsaf): a CSAF 2.1-based document per myjvn_vuldef_1.0.csaf.json. */
function csafJson(ctx: MyJvnContext, a: JvndbAdvisory, revisions: Revision[], status: StatusFields) {
  const { lang } = ctx
  const c = a.content
  const productIds = a.products.map((p) => productJvnpid(p.product.cpe))
  const uniqueIds = [...new Set(productIds)]
  const vendors = new Map<string, Array<{ id: string; name: string; cpe: string }>>()
  a.products.forEach((p, i) => {
    const vendor = pick(c.affectedProducts[i]!.developer, lang) || p.product.cpe.vendor
    const list = vendors.get(vendor) ?? []
    if (!list.some((x) => x.id === productIds[i])) list.push({ id: productIds[i]!, name: pick(c.affectedProducts[i]!.product, lang) || p.product.cpe.product, cpe: productCpe23(p.product.cpe) })
    vendors.set(vendor, list)
  })
  const history = historyOf(a, revisions, lang)
  const knownAffected = uniqueIds.length ? { product_status: { known_affected: uniqueIds } } : {}
  const vulnerabilities = c.vulnerabilities.map((v) => {
    const metrics = v.cvss31 || v.cvss40
      ? [{ content: { ...(v.cvss31 ? { cvss_v3: cvssJson('3.1', v.cvss31) } : {}), ...(v.cvss40 ? { cvss_v4: cvssJson('4.0', v.cvss40) } : {}) }, products: uniqueIds }]
      : []
    return {
      ...(v.cveId ? { cve: v.cveId } : {}),
      ...(v.cweId ? { cwes: [{ id: v.cweId, name: v.cweId, url: cweUrl(v.cweId), version: '4.16', source: ctx.t('myjvn.author') }] } : {}),
      title: pick(v.title, lang) || pick(c.title, lang),
      notes: [{ category: 'description', text: pick(c.overview, lang) || pick(c.title, lang) }],
      ...knownAffected,
      threats: [{ category: 'impact', details: pick(c.impact, lang) || '-' }],
      ...(uniqueIds.length ? { remediations: [{ category: 'vendor_fix', details: pick(c.solution, lang) || '-', product_ids: uniqueIds }] } : {}),
      ...(metrics.length && uniqueIds.length ? { metrics } : {}),
    }
  })
  return {
    $schema: 'https://jvndb.jvn.jp/schema/myjvn_vuldef_1.0.csaf.json?20250419',
    document: {
      category: 'myjvn_security_advisory',
      csaf_version: '2.1',
      distribution: { tlp: { label: 'CLEAR', url: 'https://www.first.org/tlp/' } },
      title: pick(c.title, lang),
      lang,
      notes: [{ category: 'description', text: pick(c.overview, lang) || pick(c.title, lang) }],
      tracking: {
        generator: okaGenerator(ctx.now),
        id: a.jvndbId,
        current_release_date: jstDateTime(a.modifiedAt),
        initial_release_date: jstDateTime(a.publishedAt),
        public_date: jstDateTime(a.publishedAt),
        status: 'final',
        version: String(history.length),
        revision_history: history.map((h) => ({ date: jstDateTime(h.at), number: String(h.no), summary: h.text })),
      },
      publisher: { category: 'coordinator', name: ctx.t('myjvn.author'), namespace: ctx.baseUrl },
      references: referencesOf(a, lang).filter((r) => r.kind !== 'cwe').map((r) => ({
        category: 'external', summary: r.title, url: r.url,
      })),
      ...(c.credits.length ? { acknowledgments: [{ names: c.credits.map((cr) => cr.name) }] } : {}),
    },
    ...(vendors.size ? {
      product_tree: {
        branches: [...vendors].map(([vendor, products]) => ({
          category: 'vendor', name: vendor,
          branches: products.map((p) => ({ category: 'product_name', name: p.name, product: { product_id: p.id, name: p.name, product_identification_helper: { cpe: p.cpe } } })),
        })),
      },
    } : {}),
    ...(vulnerabilities.length ? { vulnerabilities } : {}),
    jvn_extension: { generator: okaGenerator(ctx.now), title: ctx.t('myjvn.detail_title'), link: `${ctx.baseUrl}/myjvn`, updated: jstDateTime(a.modifiedAt), vulnid: a.jvndbId },
    status: statusJson(status),
  }
}

export const getVulnDetailInfo: MyJvnMethod = {
  name: METHOD,
  hndEnvelope: 'vuldef',
  run: async (ctx) => {
    const ft = ctx.feed === 'oka' ? readEnum(ctx, METHOD, 'ft', ['jvncsaf', 'jvnstix'] as const, 'jvncsaf')! : null
    if (ft === 'jvnstix') throw paramError(ctx, METHOD, 'ft', 'notAllowed', { values: 'jvncsaf' })
    const { startItem, maxCountItem } = readPaging(ctx, METHOD, DETAIL_MAX)
    const ids = readVulnIds(ctx, ctx.feed === 'hnd')
    const byId = new Map((await jvndbAdvisoriesById(ctx.db, ctx.now, ctx.baseUrl, ids)).map((a) => [a.jvndbId, a]))
    const found = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []))
    const page = ctx.feed === 'oka' ? found.slice(0, 1) : found.slice(startItem - 1, startItem - 1 + maxCountItem)
    const status: StatusFields = {
      method: METHOD, lang: ctx.lang, feed: ctx.feed, retCd: 0, retMax: DETAIL_MAX,
      totalRes: found.length, totalResRet: page.length, firstRes: page.length ? (ctx.feed === 'oka' ? 1 : startItem) : 0, echo: ctx.params,
    }
    // Nothing public under that number (never published, not yet public, or no such number): the documented error.
    if (found.length === 0) throw paramError(ctx, METHOD, 'vulnId', 'notFound')
    const revisions = new Map(await Promise.all(page.map(async (a) => [a.id, await revisionsOf(ctx.db, a.id)] as const)))
    if (ctx.feed === 'oka') {
      const a = page[0]!
      return { body: JSON.stringify(csafJson(ctx, a, revisions.get(a.id)!, { ...status, extra: { ft: 'jvncsaf' } }), null, 2), contentType: OKA_CONTENT_TYPE }
    }
    if (page.length === 0) {
      // startItem past the entries: VULDEF needs at least one Vulinfo, so the answer is the status alone (as a Result).
      return { body: `<?xml version="1.0" encoding="UTF-8"?>\n<Result version="3.3" xmlns="http://jvndb.jvn.jp/myjvn/Results" xmlns:status="http://jvndb.jvn.jp/myjvn/Status">\n  ${statusXml(status)}\n</Result>\n`, contentType: HND_CONTENT_TYPE }
    }
    const body = vuldefDocument({ vulinfosXml: page.map((a) => vulinfoXml(a, revisions.get(a.id)!, ctx.lang)).join('') + TLP_HANDLING, status, lang: ctx.lang })
    return { body, contentType: HND_CONTENT_TYPE }
  },
}

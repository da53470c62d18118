import { xml } from '../portal/index.js'
import { pick } from '../advisories/index.js'
import { HND_CONTENT_TYPE, OKA_CONTENT_TYPE, type MyJvnContext, type MyJvnMethod, type MyJvnResponse } from './myjvn-method.js'
import { param, paramError, readEnum, readPaging } from './params.js'
import { statusJson, type StatusFields } from './status.js'
import { resultDocument } from './envelopes.js'
import { loadJvndbCatalog, type CatalogProduct, type CatalogVendor } from './catalog.b.js'
import {
  matchesProduct, matchesVendor, parseCpePattern, productCpe22, productCpe23, productJvnpid, vendorCpe22, vendorCpe23, vendorJvnpid, type CpePattern,
} from './cpe.b.js'
import { okaHeader } from './oka-header.b.js'

/**
 * getVendorList and getProductList (MyJVN/np docs/get{Vendor,Product}List_api_{hnd,oka}.md): the
 * developers and products named in public advisories, with keikai's vendor and product numbers
 * (catalog.b.ts), filtered and paged as documented. Up to 10,000 entries a call.
 */
const MAX = 10_000

/** `keyword`: a substring of the name in either language, ignoring case and full/half width; `*` is literal. */
const keywordMatch = (keyword: string | undefined) => {
  if (keyword === undefined) return () => true
  const k = keyword.normalize('NFKC').toLowerCase()
  return (name: { ja: string; en: string }) => [name.ja, name.en].some((n) => n.normalize('NFKC').toLowerCase().includes(k))
}

/** Several CPE patterns joined by `+` (a space once the query string is decoded); a refusal names the parameter. */
function patterns(ctx: MyJvnContext, method: string, name: string, forms: ReadonlyArray<'cpe22' | 'cpe23' | 'jvnpid'>, several: boolean): CpePattern[] | undefined {
  const v = param(ctx, name)
  if (v === undefined) return undefined
  const texts = several ? v.split(/[+ ]+/).filter(Boolean) : [v]
  return texts.map((text) => parseCpePattern(text, forms) ?? (() => { throw paramError(ctx, method, name, 'badFormat', { form: forms.includes('cpe22') ? 'cpe:/{part}:{vendor}' : 'cpe:2.3:{part}:{vendor}:{product} / jvnpid:1.0::{vendor}:{product}' }) })())
}

/** Numbers joined by `+`: vendorId=1+2. */
function numbers(ctx: MyJvnContext, method: string, name: string, several: boolean): number[] | undefined {
  const v = param(ctx, name)
  if (v === undefined) return undefined
  const texts = several ? v.split(/[+ ]+/).filter(Boolean) : [v]
  if (!texts.length || texts.some((s) => !/^[1-9]\d{0,15}$/.test(s))) throw paramError(ctx, method, name, 'notPositiveInteger')
  return texts.map(Number)
}

function status(ctx: MyJvnContext, method: string, total: number, returned: number, startItem: number): StatusFields {
  return { method, lang: ctx.lang, feed: ctx.feed, retCd: 0, retMax: MAX, totalRes: total, totalResRet: returned, firstRes: startItem, echo: ctx.params }
}

const vendorName = (v: CatalogVendor, ctx: MyJvnContext) => pick(v.name, ctx.lang)
const i18n = (name: { ja: string; en: string }) => (name.en && name.en !== name.ja ? { ja: name.ja, en: name.en } : undefined)

function okaVendor(v: CatalogVendor, ctx: MyJvnContext) {
  return {
    vendor_id: vendorJvnpid(v.cpeVendor), vid: v.vid, vname: vendorName(v, ctx),
    ...(i18n(v.name) ? { vname_i18n: i18n(v.name) } : {}), cpe: vendorCpe23(v.cpeVendor),
  }
}

function okaProduct(p: CatalogProduct, ctx: MyJvnContext) {
  return {
    product_id: productJvnpid(p.cpe), pid: p.pid, pname: pick(p.name, ctx.lang), ...(i18n(p.name) ? { pname_i18n: i18n(p.name) } : {}),
    product_ids: [{ cpe: productCpe23(p.cpe), ...(p.purls.length ? { id_refs: p.purls.map((value) => ({ nameType: 'purl', value })) } : {}) }],
  }
}

function answer(ctx: MyJvnContext, method: string, parts: { hnd: string; oka: object; status: StatusFields }): MyJvnResponse {
  if (ctx.feed === 'oka') return { body: JSON.stringify({ ...parts.oka, status: statusJson(parts.status) }, null, 2), contentType: OKA_CONTENT_TYPE }
  return { body: resultDocument({ contentXml: parts.hnd, status: parts.status }), contentType: HND_CONTENT_TYPE }
}

export const getVendorList: MyJvnMethod = {
  name: 'getVendorList',
  async run(ctx) {
    const method = 'getVendorList'
    const { startItem, maxCountItem } = readPaging(ctx, method, MAX)
    let cpe: CpePattern[] | undefined
    if (ctx.feed === 'hnd') cpe = patterns(ctx, method, 'cpeName', ['cpe22'], true)
    else {
      const nameType = readEnum(ctx, method, 'nameType', ['cpe', 'jvnpid'] as const)
      if (nameType && param(ctx, 'vendorName') === undefined) throw paramError(ctx, method, 'vendorName', 'required')
      if (!nameType && param(ctx, 'vendorName') !== undefined) throw paramError(ctx, method, 'nameType', 'required')
      if (nameType) cpe = patterns(ctx, method, 'vendorName', [nameType === 'cpe' ? 'cpe23' : 'jvnpid'], false)
    }
    const keyword = keywordMatch(param(ctx, 'keyword'))
    const catalog = await loadJvndbCatalog(ctx.db, ctx.now)
    const all = catalog.vendors.filter((v) => keyword(v.name) && (!cpe || cpe.some((p) => matchesVendor(p, v.cpeVendor))))
    const page = all.slice(startItem - 1, startItem - 1 + maxCountItem)
    const hnd = page.length === 0 ? '' : `
  <VendorInfo xml:lang="${ctx.lang}">${page.map((v) => `
    <Vendor vid="${v.vid}" vname="${xml(vendorName(v, ctx))}" cpe="${xml(vendorCpe22(v.cpeVendor))}" />`).join('')}
  </VendorInfo>`
    const oka = { $schema: 'https://jvndb.jvn.jp/schema/jvnpid_1.0.json?20250419', 'jvn-product-dictionary': {
      ...okaHeader(ctx, ctx.t('myjvn.b.vendor_list_title'), catalog.lastModified),
      vendors: page.map((v) => okaVendor(v, ctx)),
    } }
    return answer(ctx, method, { hnd, oka, status: status(ctx, method, all.length, page.length, startItem) })
  },
}

/** The oka version parameters: checked as documented; every product entry stands for all its versions, so they narrow nothing. */
function checkVersions(ctx: MyJvnContext, method: string, nameType: string | undefined) {
  const version = param(ctx, 'version')
  const start = param(ctx, 'versionStart')
  const end = param(ctx, 'versionEnd')
  readEnum(ctx, method, 'versionType', ['no', 'all', 'equal'] as const)
  readEnum(ctx, method, 'versionStartType', ['including', 'excluding'] as const)
  readEnum(ctx, method, 'versionEndType', ['including', 'excluding'] as const)
  if (version !== undefined && (start !== undefined || end !== undefined)) throw paramError(ctx, method, 'version', 'conflict', { other: start !== undefined ? 'versionStart' : 'versionEnd' })
  const used = [version, start, end, param(ctx, 'versionType')].some((v) => v !== undefined)
  if (used && nameType !== 'cpe' && nameType !== 'jvnpid') throw paramError(ctx, method, 'nameType', 'notAllowed', { values: 'cpe, jvnpid' })
}

/** Which products a getProductList request asks for. */
function productFilter(ctx: MyJvnContext, method: string): (v: CatalogVendor, p: CatalogProduct) => boolean {
  const keyword = keywordMatch(param(ctx, 'keyword'))
  if (ctx.feed === 'hnd') {
    const given = ['cpeName', 'vendorId', 'productId'].filter((n) => param(ctx, n) !== undefined)
    if (given.length > 1) throw paramError(ctx, method, given[1]!, 'conflict', { other: given[0]! })
    const cpe = patterns(ctx, method, 'cpeName', ['cpe22'], true)
    const vids = numbers(ctx, method, 'vendorId', true)
    const pids = numbers(ctx, method, 'productId', true)
    return (v, p) => keyword(p.name) && (!cpe || cpe.some((c) => matchesProduct(c, p.cpe))) && (!vids || vids.includes(v.vid)) && (!pids || pids.includes(p.pid))
  }
  const nameType = readEnum(ctx, method, 'nameType', ['cpe', 'jvnpid', 'vid', 'pid'] as const)
  if (nameType && param(ctx, 'productName') === undefined) throw paramError(ctx, method, 'productName', 'required')
  if (!nameType && param(ctx, 'productName') !== undefined) throw paramError(ctx, method, 'nameType', 'required')
  checkVersions(ctx, method, nameType)
  if (nameType === 'vid' || nameType === 'pid') {
    const [n] = numbers(ctx, method, 'productName', false)!
    return (v, p) => keyword(p.name) && (nameType === 'vid' ? v.vid === n : p.pid === n)
  }
  const cpe = nameType ? patterns(ctx, method, 'productName', [nameType === 'cpe' ? 'cpe23' : 'jvnpid', ...(nameType === 'cpe' ? ['cpe22' as const] : [])], false) : undefined
  return (_v, p) => keyword(p.name) && (!cpe || cpe.some((c) => matchesProduct(c, p.cpe)))
}

export const getProductList: MyJvnMethod = {
  name: 'getProductList',
  async run(ctx) {
    const method = 'getProductList'
    const { startItem, maxCountItem } = readPaging(ctx, method, MAX)
    const wanted = productFilter(ctx, method)
    const catalog = await loadJvndbCatalog(ctx.db, ctx.now)
    // Paging counts products (totalRes is the number of products); a page groups its products by vendor.
    const all = catalog.vendors.flatMap((v) => v.products.filter((p) => wanted(v, p)).map((p) => ({ v, p })))
    const page = all.slice(startItem - 1, startItem - 1 + maxCountItem)
    const groups: Array<{ v: CatalogVendor; products: CatalogProduct[] }> = []
    for (const { v, p } of page) {
      const last = groups.at(-1)
      if (last?.v === v) last.products.push(p)
      else groups.push({ v, products: [p] })
    }
    const hnd = groups.length === 0 ? '' : `
  <VendorInfo xml:lang="${ctx.lang}">${groups.map(({ v, products }) => `
    <Vendor vid="${v.vid}" vname="${xml(vendorName(v, ctx))}" cpe="${xml(vendorCpe22(v.cpeVendor))}">${products.map((p) => `
      <Product pid="${p.pid}" pname="${xml(pick(p.name, ctx.lang))}" cpe="${xml(productCpe22(p.cpe))}" />`).join('')}
    </Vendor>`).join('')}
  </VendorInfo>`
    const oka = { $schema: 'https://jvndb.jvn.jp/schema/jvnpid_1.0.json?20250419', 'jvn-product-dictionary': {
      ...okaHeader(ctx, ctx.t('myjvn.b.product_list_title'), catalog.lastModified),
      vendors: groups.map(({ v, products }) => ({ ...okaVendor(v, ctx), products: products.map((p) => okaProduct(p, ctx)) })),
    } }
    return answer(ctx, method, { hnd, oka, status: status(ctx, method, all.length, page.length, startItem) })
  },
}


import { xml } from '../portal/index.js'
import type { CvssSeverity } from '../advisories/index.js'
import { HND_CONTENT_TYPE, OKA_CONTENT_TYPE, type MyJvnContext, type MyJvnMethod } from './myjvn-method.js'
import { jstDay, param, paramError, readEnum, readYmdRange } from './params.js'
import { statusJson, type StatusFields } from './status.js'
import { resultDocument } from './envelopes.js'
import { catalogTotals, loadJvndbCatalog, type JvndbCatalog, type JvndbEntry } from './catalog.b.js'
import { matchesProduct, parseCpePattern, type CpePattern } from './cpe.b.js'
import { cweTitles } from './cwe-titles.b.js'
import { okaHeader } from './oka-header.b.js'

/**
 * getStatistics (MyJVN/np docs/getStatistics_api_{hnd,oka}.md): public JVNDB entries counted per
 * year, quarter or month of publication in Japan time — all of them (sumJvnDb), by CVSS severity
 * (sumCvss: the highest CVSS v3.1 base severity of the entry's vulnerabilities; an entry without
 * one counts in cntAll only) and for one CWE (sumCwe). The totals (resDataTotal / dataTotal) are
 * the whole public database's, as the real API gives them. Every count starts from
 * publicAdvisories (catalog.b.ts).
 */
const METHOD = 'getStatistics'
const RET_MAX = 10_000

const jst = (d: Date) => { const j = new Date(d.getTime() + 9 * 3600_000); return { y: j.getUTCFullYear(), m: j.getUTCMonth() + 1 } }
type Severity = CvssSeverity | null
const RANK: CvssSeverity[] = ['none', 'low', 'medium', 'high', 'critical']

/** The highest base severity of an entry's vulnerabilities in one CVSS version. */
function severityOf(e: JvndbEntry, metric: 'cvssV2' | 'cvssV3' | 'cvssV4'): Severity {
  if (metric === 'cvssV2') return null
  let best: Severity = null
  for (const v of e.content.vulnerabilities) {
    const s = (metric === 'cvssV3' ? v.cvss31 : v.cvss40)?.severity
    if (s && (best === null || RANK.indexOf(s) > RANK.indexOf(best))) best = s
  }
  return best
}
const hasCwe = (e: JvndbEntry, cweId: string) => e.content.vulnerabilities.some((v) => v.cweId?.toUpperCase() === cweId)

function readCweId(ctx: MyJvnContext): string | undefined {
  const v = param(ctx, 'cweId')
  if (v === undefined) return undefined
  const m = /^CWE-(\d{1,6})$/i.exec(v)
  if (!m) throw paramError(ctx, METHOD, 'cweId', 'badFormat', { form: 'CWE-79' })
  return `CWE-${Number(m[1])}`
}

function readCpe(ctx: MyJvnContext, name: string, forms: ReadonlyArray<'cpe22' | 'cpe23' | 'jvnpid'>, several: boolean): CpePattern[] | undefined {
  const v = param(ctx, name)
  if (v === undefined) return undefined
  return (several ? v.split(/[+ ]+/).filter(Boolean) : [v]).map((text) =>
    parseCpePattern(text, forms) ?? (() => { throw paramError(ctx, METHOD, name, 'badFormat', { form: forms.includes('jvnpid') ? 'jvnpid:1.0::{vendor}:{product}' : 'cpe:/{part}:{vendor}:{product}' }) })())
}

function readNumber(ctx: MyJvnContext, name: string): number | undefined {
  const v = param(ctx, name)
  if (v === undefined) return undefined
  if (!/^[1-9]\d{0,15}$/.test(v)) throw paramError(ctx, METHOD, name, 'notPositiveInteger')
  return Number(v)
}

/** Entries naming a product the filter admits (every entry when there is no filter). */
const productFilter = (f: { cpe?: CpePattern[]; pid?: number; vid?: number }) => (e: JvndbEntry) =>
  (!f.cpe || e.products.some((p) => f.cpe!.some((c) => matchesProduct(c, p.product.cpe))))
  && (f.pid === undefined || e.products.some((p) => p.product.pid === f.pid))
  && (f.vid === undefined || e.products.some((p) => p.vid === f.vid))

// ---- feed=hnd ----

type Period = { key: string; from: Date; to: Date }

/** The periods from the one holding `start` to the one holding `end` (inclusive), in Japan time. */
function periods(type: 'y' | 'q' | 'm', start: Date, end: Date): Period[] {
  const s = jst(start)
  const e = jst(end)
  const step = type === 'y' ? 12 : type === 'q' ? 3 : 1
  let y = s.y
  let m = type === 'y' ? 1 : type === 'q' ? Math.floor((s.m - 1) / 3) * 3 + 1 : s.m
  const out: Period[] = []
  while (y < e.y || (y === e.y && m <= e.m)) {
    const key = type === 'y' ? String(y) : type === 'q' ? `${y}-${(m - 1) / 3 + 1}Q` : `${y}-${String(m).padStart(2, '0')}`
    const nm = m + step
    out.push({ key, from: jstDay(y, m, 1), to: nm > 12 ? jstDay(y + 1, nm - 12, 1) : jstDay(y, nm, 1) })
    ;[y, m] = nm > 12 ? [y + 1, nm - 12] : [y, nm]
  }
  return out
}

function hndSection(name: 'sumJvnDb' | 'sumCvss' | 'sumCwe', titles: { ja: string; en: string }, totals: ReturnType<typeof catalogTotals>, rows: string[], cweId?: string): string {
  return `
  <mjstat:${name}${cweId ? ` cweId="${xml(cweId)}"` : ''}>
    <mjstat:title xml:lang="ja">${xml(titles.ja)}</mjstat:title>
    <mjstat:title xml:lang="en-US">${xml(titles.en)}</mjstat:title>
    <mjstat:resDataTotal vulinfo="${totals.vulinfo}" vendor="${totals.vendor}" product="${totals.product}" />${rows.map((r) => `
    ${r}`).join('')}
  </mjstat:${name}>`
}

function hnd(ctx: MyJvnContext, catalog: JvndbCatalog): string {
  const theme = readEnum(ctx, METHOD, 'theme', ['sumAll', 'sumJvnDb', 'sumCvss', 'sumCwe'] as const)
  if (!theme) throw paramError(ctx, METHOD, 'theme', 'required')
  const type = readEnum(ctx, METHOD, 'type', ['y', 'q', 'm'] as const, 'y')!
  const cweId = readCweId(ctx)
  if (theme === 'sumCwe' && !cweId) throw paramError(ctx, METHOD, 'cweId', 'required')
  const wanted = productFilter({ cpe: readCpe(ctx, 'cpeName', ['cpe22'], true), pid: readNumber(ctx, 'pid') })
  const range = readYmdRange(ctx, METHOD, 'datePublic')
  const end = range.to ? new Date(Math.min(range.to.getTime() - 1, ctx.now.getTime())) : ctx.now
  const earliest = catalog.entries.reduce<Date>((min, e) => (e.publishAt < min ? e.publishAt : min), end)
  const start = range.from ?? earliest
  if (start > end) throw paramError(ctx, METHOD, 'datePublicStartY', 'conflict', { other: range.to ? 'datePublicEndY' : 'now' })
  const list = periods(type, start, end)
  const entries = catalog.entries.filter((e) => wanted(e) && (!range.from || e.publishAt >= range.from) && (!range.to || e.publishAt < range.to))
  const inPeriod = list.map((p) => ({ p, entries: entries.filter((e) => e.publishAt >= p.from && e.publishAt < p.to) }))
  const totals = catalogTotals(catalog)
  const sections: string[] = []
  const maxima: number[] = []
  if (theme === 'sumAll' || theme === 'sumJvnDb') {
    maxima.push(...inPeriod.map((x) => x.entries.length))
    sections.push(hndSection('sumJvnDb', { ja: '脆弱性統計情報', en: 'Statistics Vulnerability Count' }, totals,
      inPeriod.map(({ p, entries: es }) => `<mjstat:resData date="${p.key}" cntAll="${es.length}" />`)))
  }
  if (theme === 'sumAll' || theme === 'sumCvss') {
    maxima.push(...inPeriod.map((x) => x.entries.length))
    sections.push(hndSection('sumCvss', { ja: 'CVSSスコア', en: 'CVSS Score' }, totals, inPeriod.map(({ p, entries: es }) => {
      const n = (s: CvssSeverity) => es.filter((e) => severityOf(e, 'cvssV3') === s).length
      return `<mjstat:resData date="${p.key}" cntAll="${es.length}" cntC="${n('critical')}" cntH="${n('high')}" cntM="${n('medium')}" cntL="${n('low')}" cntN="${n('none')}" />`
    })))
  }
  if (cweId && (theme === 'sumAll' || theme === 'sumCwe')) {
    const counts = inPeriod.map(({ p, entries: es }) => ({ p, n: es.filter((e) => hasCwe(e, cweId)).length }))
    maxima.push(...counts.map((c) => c.n))
    sections.push(hndSection('sumCwe', cweTitles(cweId), totals, counts.map(({ p, n }) => `<mjstat:resData date="${p.key}" cntAll="${n}" />`), cweId))
  }
  const status: StatusFields = {
    method: METHOD, lang: ctx.lang, feed: 'hnd', retCd: 0, retMax: RET_MAX, totalRes: list.length, totalResRet: list.length, firstRes: null,
    extra: { retMaxCnt: Math.max(0, ...maxima) }, echo: ctx.params,
  }
  return resultDocument({ contentXml: sections.join(''), status })
}

// ---- feed=oka ----

function readYear(ctx: MyJvnContext, name: string): number | undefined {
  const v = param(ctx, name)
  if (v === undefined) return undefined
  if (!/^\d{4}$/.test(v)) throw paramError(ctx, METHOD, name, 'badFormat', { form: 'YYYY' })
  if (Number(v) < 1998) throw paramError(ctx, METHOD, name, 'outOfRange', { min: 1998, max: jst(ctx.now).y })
  return Number(v)
}

function oka(ctx: MyJvnContext, catalog: JvndbCatalog): object {
  const now = jst(ctx.now)
  const startParam = readYear(ctx, 'pubStartDate')
  const endParam = readYear(ctx, 'pubEndDate')
  const startYear = startParam ?? (endParam !== undefined ? 1998 : now.y)
  const endYear = Math.min(endParam ?? now.y, now.y)
  if (startYear > endYear) throw paramError(ctx, METHOD, 'pubStartDate', 'conflict', { other: endParam !== undefined ? 'pubEndDate' : 'now' })
  const nameType = readEnum(ctx, METHOD, 'nameType', ['cpe', 'jvnpid', 'vid', 'pid'] as const)
  if (nameType && param(ctx, 'productName') === undefined) throw paramError(ctx, METHOD, 'productName', 'required')
  if (!nameType && param(ctx, 'productName') !== undefined) throw paramError(ctx, METHOD, 'nameType', 'required')
  const wanted = productFilter({
    cpe: nameType === 'cpe' || nameType === 'jvnpid' ? readCpe(ctx, 'productName', nameType === 'cpe' ? ['cpe23', 'cpe22'] : ['jvnpid'], false) : undefined,
    vid: nameType === 'vid' ? readNumber(ctx, 'productName') : undefined,
    pid: nameType === 'pid' ? readNumber(ctx, 'productName') : undefined,
  })
  const cweId = readCweId(ctx)
  const metric = readEnum(ctx, METHOD, 'metricType', ['cvssV2', 'cvssV3', 'cvssV4'] as const, 'cvssV3')!
  const entries = catalog.entries.filter((e) => wanted(e) && (!cweId || hasCwe(e, cweId)))
  const data = []
  for (let year = startYear; year <= endYear; year++) {
    const months = Array.from({ length: year === now.y ? now.m : 12 }, (_, i) => i + 1)
    const ofMonth = (m: number) => entries.filter((e) => { const j = jst(e.publishAt); return j.y === year && j.m === m })
    const byMonth = months.map(ofMonth)
    const series = (pickOut: (es: JvndbEntry[]) => number) => Object.fromEntries(months.map((m, i) => [String(m), pickOut(byMonth[i]!)]))
    const bySeverity = (s: CvssSeverity) => series((es) => es.filter((e) => severityOf(e, metric) === s).length)
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0)
    const vulninfo = series((es) => es.length)
    const sev = { critical: bySeverity('critical'), high: bySeverity('high'), medium: bySeverity('medium'), low: bySeverity('low'), none: bySeverity('none') }
    data.push({
      year, total_vulninfo: sum(vulninfo), total_severity_critical: sum(sev.critical), total_severity_high: sum(sev.high),
      total_severity_medium: sum(sev.medium), total_severity_low: sum(sev.low), total_severity_none: sum(sev.none),
      vulninfo, severity_critical: sev.critical, severity_high: sev.high, severity_medium: sev.medium, severity_low: sev.low, severity_none: sev.none,
    })
  }
  const totals = catalogTotals(catalog)
  const status: StatusFields = {
    method: METHOD, lang: ctx.lang, feed: 'oka', retCd: 0, retMax: RET_MAX, totalRes: data.length, totalResRet: data.length, firstRes: 1, echo: ctx.params,
  }
  return {
    $schema: 'https://jvndb.jvn.jp/schema/myjvn_statistics_1.0.json?20250419',
    ...okaHeader(ctx, ctx.t('myjvn.b.statistics_title'), catalog.lastModified),
    dataTotal: { vulninfo: totals.vulinfo, vendor: totals.vendor, product: totals.product },
    dataFilter: {
      nameType: nameType ?? '', productName: param(ctx, 'productName') ?? '', cweId: cweId ?? '', metricType: metric,
      pubStartDate: String(startYear), pubEndDate: String(endYear),
    },
    data,
    status: statusJson(status),
  }
}

export const getStatistics: MyJvnMethod = {
  name: METHOD,
  async run(ctx) {
    const catalog = await loadJvndbCatalog(ctx.db, ctx.now)
    if (ctx.feed === 'oka') return { body: JSON.stringify(oka(ctx, catalog), null, 2), contentType: OKA_CONTENT_TYPE }
    return { body: hnd(ctx, catalog), contentType: HND_CONTENT_TYPE }
  },
}

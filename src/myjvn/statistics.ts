import { xml } from '../portal/index.js'
import type { CvssSeverity } from '../advisories/index.js'
import { HND_CONTENT_TYPE, OKA_CONTENT_TYPE, type MyJvnContext, type MyJvnMethod } from './myjvn-method.js'
import { jstDay, param, paramError, readEnum, readYmdRange } from './params.js'
import { statusJson, type StatusFields } from './status.js'
import { resultDocument } from './envelopes.js'
import { sql } from 'kysely'
import { publicAdvisories } from '../cases/advisory-visibility.js'
import { catalogTotals, loadJvndbCatalog, type JvndbCatalog } from './catalog.b.js'
import { byCatalog, someVulnerability, within } from './conditions.js'
import type { EntryCondition } from './entries.js'
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

/**
 * The highest base severity of an entry's vulnerabilities in one CVSS version, in SQL (null for
 * CVSS v2, which keikai does not score, and for an entry without a score in that version).
 */
function severitySql(metric: 'cvssV2' | 'cvssV3' | 'cvssV4') {
  if (metric === 'cvssV2') return sql<Severity>`null::text`
  const key = metric === 'cvssV3' ? 'cvss31' : 'cvss40'
  const when = [...RANK].reverse().map((s) => sql`when advisories.content->'vulnerabilities' @> ${JSON.stringify([{ [key]: { severity: s } }])}::jsonb then ${s}`)
  return sql<Severity>`(case ${sql.join(when, sql` `)} else null end)`
}

/** Japan time's year and month of the publication. */
const JST = sql`((advisories.publish_at at time zone 'UTC') + interval '9 hours')`

type Bucket = { y: number; m: number; severity: Severity; n: number; cwe: number }

/**
 * The public JVNDB entries the conditions admit, counted by SQL per month of publication (Japan
 * time) and severity, with how many of them name `cweId`: one aggregate, whatever the number of entries.
 */
async function monthlyBuckets(ctx: MyJvnContext, where: EntryCondition[], metric: 'cvssV2' | 'cvssV3' | 'cvssV4', cweId: string | undefined): Promise<Bucket[]> {
  let q = publicAdvisories(ctx.db, ctx.now).where('advisories.jvndb_id', 'is not', null)
  for (const w of where) q = q.where(w)
  const cwe = cweId ? someVulnerability({ cweId }) : sql<boolean>`false`
  const rows = await q.select([
    sql<number>`extract(year from ${JST})::int`.as('y'), sql<number>`extract(month from ${JST})::int`.as('m'),
    severitySql(metric).as('severity'), sql<string>`count(*)::text`.as('n'), sql<string>`(count(*) filter (where ${cwe}))::text`.as('cwe'),
  ]).groupBy([sql`1`, sql`2`, sql`3`]).execute()
  return rows.map((r) => ({ y: Number(r.y), m: Number(r.m), severity: r.severity, n: Number(r.n), cwe: Number(r.cwe) }))
}

/** The earliest publication among the public JVNDB entries (the index on publication time answers). */
async function earliestPublication(ctx: MyJvnContext): Promise<Date | null> {
  const row = await publicAdvisories(ctx.db, ctx.now).where('advisories.jvndb_id', 'is not', null)
    .select('advisories.publish_at').orderBy('advisories.publish_at').limit(1).executeTakeFirst()
  return row ? new Date(row.publish_at as Date) : null
}

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

/** Entries naming a product the filter admits, as a condition (none when there is no filter). */
async function productCondition(ctx: MyJvnContext, f: { cpe?: CpePattern[] | undefined; pid?: number | undefined; vid?: number | undefined }): Promise<EntryCondition[]> {
  if (!f.cpe && f.pid === undefined && f.vid === undefined) return []
  return [await byCatalog(ctx.db, ctx.now, (p) => (!f.cpe || f.cpe.some((c) => matchesProduct(c, p.product.cpe))) && (f.pid === undefined || p.product.pid === f.pid) && (f.vid === undefined || p.vid === f.vid))]
}

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

/** The buckets of the months a period covers (periods begin and end on month boundaries, Japan time). */
const monthKey = (y: number, m: number) => y * 12 + (m - 1)
const inPeriod = (buckets: Bucket[], p: Period) => {
  const from = jst(p.from)
  const to = jst(p.to)
  return buckets.filter((b) => monthKey(b.y, b.m) >= monthKey(from.y, from.m) && monthKey(b.y, b.m) < monthKey(to.y, to.m))
}
const sum = (buckets: Bucket[], of: (b: Bucket) => number = (b) => b.n) => buckets.reduce((n, b) => n + of(b), 0)

async function hnd(ctx: MyJvnContext, catalog: JvndbCatalog): Promise<string> {
  const theme = readEnum(ctx, METHOD, 'theme', ['sumAll', 'sumJvnDb', 'sumCvss', 'sumCwe'] as const)
  if (!theme) throw paramError(ctx, METHOD, 'theme', 'required')
  const type = readEnum(ctx, METHOD, 'type', ['y', 'q', 'm'] as const, 'y')!
  const cweId = readCweId(ctx)
  if (theme === 'sumCwe' && !cweId) throw paramError(ctx, METHOD, 'cweId', 'required')
  const product = { cpe: readCpe(ctx, 'cpeName', ['cpe22'], true), pid: readNumber(ctx, 'pid') }
  const range = readYmdRange(ctx, METHOD, 'datePublic')
  const end = range.to ? new Date(Math.min(range.to.getTime() - 1, ctx.now.getTime())) : ctx.now
  const first = await earliestPublication(ctx)
  const start = range.from ?? (first && first < end ? first : end)
  if (start > end) throw paramError(ctx, METHOD, 'datePublicStartY', 'conflict', { other: range.to ? 'datePublicEndY' : 'now' })
  const list = periods(type, start, end)
  const where = [...await productCondition(ctx, product), ...within('published', range)]
  const buckets = await monthlyBuckets(ctx, where, 'cvssV3', cweId)
  const byPeriod = list.map((p) => ({ p, buckets: inPeriod(buckets, p) }))
  const totals = catalogTotals(catalog)
  const sections: string[] = []
  const maxima: number[] = []
  if (theme === 'sumAll' || theme === 'sumJvnDb') {
    maxima.push(...byPeriod.map((x) => sum(x.buckets)))
    sections.push(hndSection('sumJvnDb', { ja: '脆弱性統計情報', en: 'Statistics Vulnerability Count' }, totals,
      byPeriod.map(({ p, buckets: bs }) => `<mjstat:resData date="${p.key}" cntAll="${sum(bs)}" />`)))
  }
  if (theme === 'sumAll' || theme === 'sumCvss') {
    maxima.push(...byPeriod.map((x) => sum(x.buckets)))
    sections.push(hndSection('sumCvss', { ja: 'CVSSスコア', en: 'CVSS Score' }, totals, byPeriod.map(({ p, buckets: bs }) => {
      const n = (s: CvssSeverity) => sum(bs.filter((b) => b.severity === s))
      return `<mjstat:resData date="${p.key}" cntAll="${sum(bs)}" cntC="${n('critical')}" cntH="${n('high')}" cntM="${n('medium')}" cntL="${n('low')}" cntN="${n('none')}" />`
    })))
  }
  if (cweId && (theme === 'sumAll' || theme === 'sumCwe')) {
    const counts = byPeriod.map(({ p, buckets: bs }) => ({ p, n: sum(bs, (b) => b.cwe) }))
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

async function oka(ctx: MyJvnContext, catalog: JvndbCatalog): Promise<object> {
  const now = jst(ctx.now)
  const startParam = readYear(ctx, 'pubStartDate')
  const endParam = readYear(ctx, 'pubEndDate')
  const startYear = startParam ?? (endParam !== undefined ? 1998 : now.y)
  const endYear = Math.min(endParam ?? now.y, now.y)
  if (startYear > endYear) throw paramError(ctx, METHOD, 'pubStartDate', 'conflict', { other: endParam !== undefined ? 'pubEndDate' : 'now' })
  const nameType = readEnum(ctx, METHOD, 'nameType', ['cpe', 'jvnpid', 'vid', 'pid'] as const)
  if (nameType && param(ctx, 'productName') === undefined) throw paramError(ctx, METHOD, 'productName', 'required')
  if (!nameType && param(ctx, 'productName') !== undefined) throw paramError(ctx, METHOD, 'nameType', 'required')
  const where = await productCondition(ctx, {
    cpe: nameType === 'cpe' || nameType === 'jvnpid' ? readCpe(ctx, 'productName', nameType === 'cpe' ? ['cpe23', 'cpe22'] : ['jvnpid'], false) : undefined,
    vid: nameType === 'vid' ? readNumber(ctx, 'productName') : undefined,
    pid: nameType === 'pid' ? readNumber(ctx, 'productName') : undefined,
  })
  const cweId = readCweId(ctx)
  const metric = readEnum(ctx, METHOD, 'metricType', ['cvssV2', 'cvssV3', 'cvssV4'] as const, 'cvssV3')!
  if (cweId) where.push(someVulnerability({ cweId }))
  const buckets = (await monthlyBuckets(ctx, where, metric, undefined)).filter((b) => b.y >= startYear && b.y <= endYear)
  const data = []
  for (let year = startYear; year <= endYear; year++) {
    const months = Array.from({ length: year === now.y ? now.m : 12 }, (_, i) => i + 1)
    const byMonth = months.map((m) => buckets.filter((b) => b.y === year && b.m === m))
    const series = (pickOut: (bs: Bucket[]) => number) => Object.fromEntries(months.map((m, i) => [String(m), pickOut(byMonth[i]!)]))
    const bySeverity = (s: CvssSeverity) => series((bs) => sum(bs.filter((b) => b.severity === s)))
    const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0)
    const vulninfo = series((bs) => sum(bs))
    const sev = { critical: bySeverity('critical'), high: bySeverity('high'), medium: bySeverity('medium'), low: bySeverity('low'), none: bySeverity('none') }
    data.push({
      year, total_vulninfo: total(vulninfo), total_severity_critical: total(sev.critical), total_severity_high: total(sev.high),
      total_severity_medium: total(sev.medium), total_severity_low: total(sev.low), total_severity_none: total(sev.none),
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
    if (ctx.feed === 'oka') return { body: JSON.stringify(await oka(ctx, catalog), null, 2), contentType: OKA_CONTENT_TYPE }
    return { body: await hnd(ctx, catalog), contentType: HND_CONTENT_TYPE }
  },
}

import { sql, type RawBuilder } from 'kysely'
import type { Lang, Translate } from '../platform/i18n/index.js'
import { CAUSES, PRODUCT_TYPES, categoryLabel, type Category } from '../cases/categories.js'
import { WEBSITE_IMPACTS, WEBSITE_VULNERABILITY_TYPES } from '../cases/website-categories.js'
import { bucketLabel, daysToFixBuckets, longRunningBuckets, type DayBucket } from './buckets.js'
import { daysToPublicationBuckets, IN_HANDLING, UNCLASSIFIED_CAUSE } from './product-figures.js'
import { DEFAULT_LONG_RUNNING_DAYS, WEBSITE_IN_HANDLING } from './website-figures.js'
import type { QuarterlyReport } from './quarterly-report.js'
import type { ReportFigure } from './quarterly-report.tables.js'

/**
 * The drill-down of the staff report: from one count of the report to the cases behind it. A count
 * is named by (side, period, figure, key) — the figure's id and the row's key as the report's
 * tables have them (quarterly-report.tables.ts) — and this module turns that name into a SQL
 * condition over the per-case rows the figures group (`productCases` / `websiteCases`): one
 * mapping, mirroring what `assembleProductFigures` / `assembleWebsiteFigures` count, and checked
 * against every cell of the report by src/statistics/staff-report.test.ts.
 */

export const DRILL_SIDES = ['product', 'website'] as const
export type DrillSide = typeof DRILL_SIDES[number]
export const DRILL_PERIODS = ['all', 'quarter'] as const
/** `all`: every report received since the programme began (累計); `quarter`: those received in the date's quarter. */
export type DrillPeriod = typeof DRILL_PERIODS[number]
export type DrillTarget = { side: DrillSide; period: DrillPeriod; figure: string; key: string }

/** A resolved count: the condition on a case row, its label, and whether the key is one of the lists (else a retired category). */
export type Selection = { where: RawBuilder<boolean>; label: (t: Translate, lang: Lang) => string; listed: boolean }

const lit = (xs: readonly string[]) => sql.join(xs.map((x) => sql.lit(x)))
const cond = (s: RawBuilder<unknown>) => s as RawBuilder<boolean>
const TRUE = cond(sql`true`)
const inBucket = (column: string, b: DayBucket) =>
  cond(b.to === null ? sql`${sql.ref(column)} >= ${sql.lit(b.from)}` : sql`${sql.ref(column)} between ${sql.lit(b.from)} and ${sql.lit(b.to)}`)
/** In one of the buckets at all: from the first one's lower bound (the last is open-ended). */
const inAnyBucket = (column: string, buckets: DayBucket[]) => cond(sql`${sql.ref(column)} >= ${sql.lit(buckets[0]!.from)}`)
/** A category key as the lists spell them; anything else is not a key at all. */
const CATEGORY_KEY = /^[a-z0-9_]{1,64}$/

// What the figures count (product-figures.ts, website-figures.ts): the same lists, the same defaults.
const PRODUCT_IN_HANDLING = IN_HANDLING
const UNCLASSIFIED_TYPE = 'other'
const notRejected = cond(sql`status is distinct from 'not_accepted'`)

type Rows = Record<string, { where: RawBuilder<boolean>; label: string }>
const status = (...s: string[]) => cond(sql`status in (${lit(s)})`)

const PRODUCT_STATUS: Rows = {
  published: { where: status('published'), label: 'statistics.product_status.published' },
  published_by_committee: { where: cond(sql`by_committee`), label: 'statistics.product_status.by_committee' },
  not_vulnerable: { where: status('not_vulnerable'), label: 'statistics.product_status.not_vulnerable' },
  in_handling: { where: status(...PRODUCT_IN_HANDLING), label: 'statistics.product_status.in_handling' },
  uncontactable_listed: { where: cond(sql`status in (${lit(PRODUCT_IN_HANDLING)}) and uncontactable = 'still'`), label: 'statistics.product_status.uncontactable_listed' },
  not_accepted: { where: status('not_accepted'), label: 'statistics.product_status.not_accepted' },
  handled_individually: { where: status('handled_individually', 'closed_low_impact'), label: 'statistics.product_status.handled_individually' },
  low_impact: { where: status('closed_low_impact'), label: 'statistics.product_status.low_impact' },
  total: { where: TRUE, label: 'statistics.col.total' },
}

const WEBSITE_STATUS: Rows = {
  fixed: { where: status('fixed'), label: 'statistics.status.fixed' },
  code_fixed: { where: cond(sql`status = 'fixed' and fix_type = 'code_fixed'`), label: 'statistics.status.code_fixed' },
  workaround: { where: cond(sql`status = 'fixed' and fix_type = 'workaround'`), label: 'statistics.status.workaround' },
  page_deleted: { where: cond(sql`status = 'fixed' and fix_type = 'page_deleted'`), label: 'statistics.status.page_deleted' },
  closed_by_alert: { where: status('closed_by_alert'), label: 'statistics.status.closed_by_alert' },
  not_vulnerable: { where: status('not_vulnerable'), label: 'statistics.status.not_vulnerable' },
  in_handling: { where: status(...WEBSITE_IN_HANDLING), label: 'statistics.status.in_handling' },
  stalled: { where: status('stalled'), label: 'statistics.status.stalled' },
  not_accepted: { where: status('not_accepted'), label: 'statistics.status.not_accepted' },
  total: { where: TRUE, label: 'statistics.col.total' },
}

/** Figure 7: each case's standing (product-figures.repository.ts); listed = every standing. */
const UNCONTACTABLE: Rows = {
  listed: { where: cond(sql`uncontactable is not null`), label: 'statistics.uncontactable.listed' },
  resumed: { where: cond(sql`uncontactable in ('resumed', 'resumed_completed')`), label: 'statistics.uncontactable.resumed' },
  resumedCompleted: { where: cond(sql`uncontactable = 'resumed_completed'`), label: 'statistics.uncontactable.resumedCompleted' },
  publishedByCommittee: { where: cond(sql`uncontactable = 'published_by_committee'`), label: 'statistics.uncontactable.publishedByCommittee' },
  stillUncontactable: { where: cond(sql`uncontactable = 'still'`), label: 'statistics.uncontactable.stillUncontactable' },
}

const RECEIVED: Rows = { received: { where: TRUE, label: 'statistics.fig.received' } }

const fixed = (rows: Rows) => (key: string): Selection | null => {
  const row = rows[key]
  return row ? { where: row.where, label: (t) => t(row.label), listed: true } : null
}

const UNCLASSIFIED_LABEL: Record<Lang, string> = { ja: '未分類', en: 'Unclassified' }
const labelOf = (list: readonly Category[], key: string, lang: Lang) =>
  key === UNCLASSIFIED_CAUSE ? UNCLASSIFIED_LABEL[lang] : categoryLabel(list, key, lang)

/** A figure by category (type, cause, impact): every report but the not accepted, a missing class as `fallback`. */
const byCategory = (column: string, list: readonly Category[], fallback: string) => (key: string): Selection | null => {
  if (key === 'total') return { where: notRejected, label: (t) => t('statistics.col.total'), listed: true }
  if (!CATEGORY_KEY.test(key)) return null
  return {
    where: cond(sql`${notRejected} and coalesce(${sql.ref(column)}, ${fallback}) = ${key}`),
    label: (_t, lang) => labelOf(list, key, lang),
    listed: key === fallback || list.some((c) => c.key === key),
  }
}

/** A figure by day buckets: `total` is every case in one of them (what the total row sums). */
const byBucket = (column: string, only: RawBuilder<boolean>, buckets: DayBucket[]) => (key: string): Selection | null => {
  const all = cond(sql`${only} and ${inAnyBucket(column, buckets)}`)
  if (key === 'total') return { where: all, label: (t) => t('statistics.col.total'), listed: true }
  const b = buckets.find((x) => x.key === key)
  return b ? { where: cond(sql`${only} and ${inBucket(column, b)}`), label: (t) => bucketLabel(t, b), listed: true } : null
}

/**
 * A type × bucket table (figures 8 by type and 11): `type` (or `total`) alone is the row's total,
 * `type:bucket` one cell. `only` is what puts a case in the table at all.
 */
const byTypeAndBucket = (column: string, only: RawBuilder<boolean>, buckets: DayBucket[]) => (key: string): Selection | null => {
  const [type, bucketKey, ...rest] = key.split(':')
  if (!type || rest.length > 0 || (type !== 'total' && !CATEGORY_KEY.test(type))) return null
  const b = bucketKey === undefined ? null : buckets.find((x) => x.key === bucketKey)
  if (bucketKey !== undefined && !b) return null
  const ofType = type === 'total' ? TRUE : cond(sql`coalesce(vulnerability_type, ${UNCLASSIFIED_TYPE}) = ${type}`)
  const typeText = (t: Translate, lang: Lang) => (type === 'total' ? t('statistics.col.total') : labelOf(WEBSITE_VULNERABILITY_TYPES, type, lang))
  return {
    where: cond(sql`${only} and ${b ? inBucket(column, b) : inAnyBucket(column, buckets)} and ${ofType}`),
    label: (t, lang) => (b ? `${typeText(t, lang)} × ${bucketLabel(t, b)}` : typeText(t, lang)),
    listed: type === 'total' || type === UNCLASSIFIED_TYPE || WEBSITE_VULNERABILITY_TYPES.some((c) => c.key === type),
  }
}

type FigureDef = { title: (t: Translate) => string; select: (key: string) => Selection | null }
const fixedStatus = cond(sql`status = 'fixed'`)
const longRunning = cond(sql`elapsed >= ${sql.lit(DEFAULT_LONG_RUNNING_DAYS)}`)

/** Every count of the report that is a number of cases, side by side. Priority information and advisories have none. */
const FIGURES: Record<DrillSide, Record<string, FigureDef>> = {
  product: {
    'cumulative': { title: (t) => t('statistics.report.fig.cumulative'), select: fixed(RECEIVED) },
    'product-status': { title: (t) => t('statistics.report.fig.product_status'), select: fixed(PRODUCT_STATUS) },
    'days-to-publication': { title: (t) => t('statistics.report.fig.days_to_publication'), select: byBucket('days', status('published'), daysToPublicationBuckets()) },
    'product-type': { title: (t) => t('statistics.report.fig.product_type'), select: byCategory('product_type', PRODUCT_TYPES, UNCLASSIFIED_TYPE) },
    'cause': { title: (t) => t('statistics.report.fig.cause'), select: byCategory('cause', CAUSES, UNCLASSIFIED_CAUSE) },
    'uncontactable': { title: (t) => t('statistics.report.fig.uncontactable'), select: fixed(UNCONTACTABLE) },
  },
  website: {
    'cumulative': { title: (t) => t('statistics.report.fig.cumulative'), select: fixed(RECEIVED) },
    'website-status': { title: (t) => t('statistics.report.fig.website_status'), select: fixed(WEBSITE_STATUS) },
    'days-to-fix': { title: (t) => t('statistics.fig.days_to_fix'), select: byBucket('days_to_fix', fixedStatus, daysToFixBuckets()) },
    'website-type': { title: (t) => t('statistics.fig.by_type'), select: byCategory('vulnerability_type', WEBSITE_VULNERABILITY_TYPES, UNCLASSIFIED_TYPE) },
    'website-impact': { title: (t) => t('statistics.fig.by_impact'), select: byCategory('impact', WEBSITE_IMPACTS, UNCLASSIFIED_TYPE) },
    'long-running': {
      title: (t) => t('statistics.fig.long_running', { days: DEFAULT_LONG_RUNNING_DAYS }),
      select: byTypeAndBucket('elapsed', longRunning, longRunningBuckets(DEFAULT_LONG_RUNNING_DAYS)),
    },
    'days-to-fix-by-type': { title: (t) => t('statistics.report.fig.days_to_fix_by_type'), select: byTypeAndBucket('days_to_fix', fixedStatus, daysToFixBuckets()) },
  },
}

export const drillFigures = (side: DrillSide): string[] => Object.keys(FIGURES[side])
export const isDrillFigure = (side: DrillSide, figure: string): boolean => Object.hasOwn(FIGURES[side], figure)

/** The figure's title and the count's condition; null when the figure or the key is not one of the report's. */
export function resolveDrillTarget(target: DrillTarget): (Selection & { title: (t: Translate) => string }) | null {
  const def = isDrillFigure(target.side, target.figure) ? FIGURES[target.side][target.figure]! : null
  const selection = def?.select(target.key)
  return def && selection ? { ...selection, title: def.title } : null
}

/** The report's tables whose cells are "this quarter / share / cumulative / share" (quarterly-report.tables.ts). */
const TWO_COLUMNS = new Set(['product-status', 'website-status', 'days-to-publication', 'days-to-fix', 'product-type', 'website-type', 'cause', 'website-impact'])

/**
 * The count behind one cell of the report's tables, or null when the cell is no number of cases
 * (a label, a share, business days, priority information, advisories, an earlier quarter's total).
 * `cell` indexes the row's cells (0 is the row's label).
 */
export function drillTargetOf(report: QuarterlyReport, figure: ReportFigure, rowKey: string, cell: number): DrillTarget | null {
  const side = figure.side
  const at = (period: DrillPeriod, key = rowKey, s: DrillSide | 'both' = side): DrillTarget | null =>
    s === 'both' ? null : { side: s, period, figure: figure.id, key }
  if (TWO_COLUMNS.has(figure.id)) return cell === 1 ? at('quarter') : cell === 3 ? at('all') : null
  if (figure.id === 'uncontactable') return cell === 1 ? at('quarter') : cell === 2 ? at('all') : null
  const typeByBucket = (buckets: { key: string }[]) =>
    cell >= 1 && cell <= buckets.length ? at('all', `${rowKey}:${buckets[cell - 1]!.key}`) : cell === buckets.length + 1 ? at('all') : null
  if (figure.id === 'long-running') return typeByBucket(report.website.longRunning.byBucket)
  if (figure.id === 'days-to-fix-by-type') return typeByBucket(report.website.daysToFix)
  if (figure.id === 'cumulative' && rowKey === report.cumulative.at(-1)?.quarter) {
    return cell === 1 ? at('all', 'received', 'product') : cell === 2 ? at('all', 'received', 'website') : null
  }
  return null
}

/** The drill-down page of one count. */
export function drillHref(asOf: string, target: DrillTarget, page?: number): string {
  const q = new URLSearchParams({ asOf, side: target.side, period: target.period, figure: target.figure, key: target.key })
  if (page !== undefined && page > 1) q.set('page', String(page))
  return `/statistics/staff/cases?${q.toString()}`
}

import type { Lang, Translate } from '../platform/i18n/index.js'
import { bucketLabel } from './buckets.js'
import type { Cell, FigureTable, Row } from './website-figures.tables.js'
import type { BucketCount, Fraction, LabelledCount, ProductBlock, QuarterlyReport, WebsiteBlock } from './quarterly-report.js'
import type { Bar } from './charts/bar-chart.js'
import type { Stack } from './charts/stacked-bar-chart.js'
import type { Point } from './charts/line-chart.js'

export type ChartSpec =
  | { kind: 'bar'; desc: string; bars: Bar[] }
  | { kind: 'stacked'; desc: string; series: string[]; stacks: Stack[] }
  | { kind: 'line'; desc: string; points: Point[]; yLabel: string }

/** One figure of the report: its table (page, CSV and XLSX all draw from it) and its chart. */
export type ReportFigure = FigureTable & { figure: number | null; side: 'both' | 'product' | 'website'; chart?: ChartSpec }

const percentCell = (f: Fraction): Cell => ({ percent: f === null ? null : Math.round(f * 1000) / 10 })
const percentText = (f: Fraction): string => (f === null ? '—' : `${(Math.round(f * 1000) / 10).toFixed(1)}%`)
const blank: Cell = ''

/**
 * The report as figures in the reader's language, in the order of DESIGN §8: every figure with this
 * quarter's reports (received in it) and the cumulative ones (since 2004-07-08) side by side.
 */
export function quarterlyReportFigures(r: QuarterlyReport, t: Translate, lang: Lang): ReportFigure[] {
  const P = r.product, PQ = r.quarterOnly.product, W = r.website, WQ = r.quarterOnly.website
  const label = (x: { label: { ja: string; en: string } }) => x.label[lang]
  const twoColumns = (first: string) => [first, t('statistics.report.col.quarter_count'), t('statistics.report.col.quarter_share'),
    t('statistics.report.col.cumulative_count'), t('statistics.report.col.cumulative_share')]
  const pair = (key: string, text: string, q: number, qs: Fraction, c: number, cs: Fraction, kind?: Row['kind']): Row =>
    ({ key, kind, cells: [text, q, kind === 'sub' ? blank : percentCell(qs), c, kind === 'sub' ? blank : percentCell(cs)] })
  const total = (q: number, c: number): Row =>
    ({ key: 'total', kind: 'total', cells: [t('statistics.col.total'), q, percentCell(q ? 1 : null), c, percentCell(c ? 1 : null)] })
  const bars = (rows: { text: string; count: number; share: Fraction }[]): Bar[] =>
    rows.map((x) => ({ label: x.text, value: x.count, text: lang === 'ja' ? `${x.count}（${percentText(x.share)}）` : `${x.count} (${percentText(x.share)})` }))
  const sum = (xs: { count: number }[]) => xs.reduce((n, x) => n + x.count, 0)
  /** A figure of counts by row (bucket or category): this quarter's and the cumulative side by side, their totals, a bar chart of the cumulative. */
  const countsFigure = <X extends LabelledCount | BucketCount>(column: string, q: X[], c: X[], text: (x: X) => string) => ({
    head: twoColumns(column),
    rows: [
      ...c.map((x) => {
        const inQ = q.find((y) => y.key === x.key)
        return pair(x.key, text(x), inQ?.count ?? 0, inQ?.share ?? null, x.count, x.share)
      }),
      total(sum(q), sum(c)),
    ],
    chart: { kind: 'bar' as const, desc: t('statistics.report.chart.cumulative_counts'), bars: bars(c.map((x) => ({ text: text(x), count: x.count, share: x.share }))) },
  })
  const bucketText = (b: BucketCount) => bucketLabel(t, b)
  const quarterLabel = t('statistics.report.this_quarter')
  const cumulativeLabel = t('statistics.report.cumulative')

  const productStatuses = (b: ProductBlock) => [b.published, b.notVulnerable, b.inHandling, b.notAccepted, b.handledIndividually]
  const websiteStatuses = (b: WebsiteBlock) => [b.fixed, b.closedByAlert, b.notVulnerable, b.inHandling, b.stalled, b.notAccepted]
  const productSeries = ['published', 'not_vulnerable', 'in_handling', 'not_accepted', 'handled_individually'].map((k) => t(`statistics.product_status.${k}`))
  const websiteSeries = ['fixed', 'closed_by_alert', 'not_vulnerable', 'in_handling', 'stalled', 'not_accepted'].map((k) => t(`statistics.status.${k}`))
  const last = r.cumulative.at(-1)

  const figures: ReportFigure[] = [
    {
      id: 'cumulative', figure: 1, side: 'both', title: t('statistics.report.fig.cumulative'), note: t('statistics.report.note.cumulative'),
      headline: last ? t('statistics.report.headline.cumulative', { total: last.total.toLocaleString('en-US'), days: last.businessDays.toLocaleString('en-US'), perDay: last.perBusinessDay.toFixed(2) }) : undefined,
      head: [t('statistics.report.col.quarter'), t('statistics.kind.product'), t('statistics.kind.website'), t('statistics.col.total'),
        t('statistics.report.col.business_days'), t('statistics.report.col.per_business_day'), t('statistics.report.col.advisories')],
      rows: r.cumulative.map((x) => ({ key: x.quarter, cells: [x.quarter, x.product, x.website, x.total, x.businessDays, x.perBusinessDay.toFixed(2), x.advisoriesPublished] })),
      chart: {
        kind: 'line', yLabel: t('statistics.report.col.per_business_day'),
        desc: t('statistics.report.chart.cumulative', { from: r.cumulative[0]?.quarter ?? r.quarter, to: r.quarter, value: last?.perBusinessDay.toFixed(2) ?? '0.00' }),
        points: r.cumulative.map((x) => ({ label: x.quarter, value: x.perBusinessDay, text: x.perBusinessDay.toFixed(2) })),
      },
    },
    {
      id: 'product-status', figure: 2, side: 'product', title: t('statistics.report.fig.product_status'), note: t('statistics.report.note.low_impact', { count: P.handledIndividuallyLowImpact }),
      head: twoColumns(t('statistics.col.status')),
      rows: [
        pair('published', productSeries[0]!, PQ.published, PQ.shares.published, P.published, P.shares.published),
        pair('published_by_committee', t('statistics.product_status.by_committee'), PQ.publishedByCommittee, null, P.publishedByCommittee, null, 'sub'),
        pair('not_vulnerable', productSeries[1]!, PQ.notVulnerable, PQ.shares.notVulnerable, P.notVulnerable, P.shares.notVulnerable),
        pair('in_handling', productSeries[2]!, PQ.inHandling, PQ.shares.inHandling, P.inHandling, P.shares.inHandling),
        pair('uncontactable_listed', t('statistics.product_status.uncontactable_listed'), PQ.uncontactableListed, null, P.uncontactableListed, null, 'sub'),
        pair('not_accepted', productSeries[3]!, PQ.notAccepted, PQ.shares.notAccepted, P.notAccepted, P.shares.notAccepted),
        pair('handled_individually', productSeries[4]!, PQ.handledIndividually, PQ.shares.handledIndividually, P.handledIndividually, P.shares.handledIndividually),
        pair('low_impact', t('statistics.product_status.low_impact'), PQ.handledIndividuallyLowImpact, null, P.handledIndividuallyLowImpact, null, 'sub'),
        total(PQ.total, P.total),
      ],
      chart: { kind: 'stacked', desc: t('statistics.report.chart.status', { quarter: PQ.total, cumulative: P.total }), series: productSeries,
        stacks: [{ label: quarterLabel, values: productStatuses(PQ) }, { label: cumulativeLabel, values: productStatuses(P) }] },
    },
    {
      id: 'website-status', figure: 3, side: 'website', title: t('statistics.report.fig.website_status'),
      head: twoColumns(t('statistics.col.status')),
      rows: [
        pair('fixed', websiteSeries[0]!, WQ.fixed, WQ.shares.fixed, W.fixed, W.shares.fixed),
        pair('workaround', t('statistics.status.workaround'), WQ.fixedWorkaround, null, W.fixedWorkaround, null, 'sub'),
        pair('page_deleted', t('statistics.status.page_deleted'), WQ.fixedPageDeleted, null, W.fixedPageDeleted, null, 'sub'),
        pair('closed_by_alert', websiteSeries[1]!, WQ.closedByAlert, WQ.shares.closedByAlert, W.closedByAlert, W.shares.closedByAlert),
        pair('not_vulnerable', websiteSeries[2]!, WQ.notVulnerable, WQ.shares.notVulnerable, W.notVulnerable, W.shares.notVulnerable),
        pair('in_handling', websiteSeries[3]!, WQ.inHandling, WQ.shares.inHandling, W.inHandling, W.shares.inHandling),
        pair('stalled', websiteSeries[4]!, WQ.stalled, WQ.shares.stalled, W.stalled, W.shares.stalled),
        pair('not_accepted', websiteSeries[5]!, WQ.notAccepted, WQ.shares.notAccepted, W.notAccepted, W.shares.notAccepted),
        total(WQ.total, W.total),
      ],
      chart: { kind: 'stacked', desc: t('statistics.report.chart.status', { quarter: WQ.total, cumulative: W.total }), series: websiteSeries,
        stacks: [{ label: quarterLabel, values: websiteStatuses(WQ) }, { label: cumulativeLabel, values: websiteStatuses(W) }] },
    },
    {
      id: 'days-to-publication', figure: 4, side: 'product', title: t('statistics.report.fig.days_to_publication'), note: t('statistics.report.note.days_to_publication'),
      headline: t('statistics.report.headline.days_to_publication', { published: sum(P.daysToPublication), within45: percentText(P.publishedWithin45Share), over300: percentText(P.published301OrMoreShare) }),
      ...countsFigure(t('statistics.report.col.days'), PQ.daysToPublication, P.daysToPublication, bucketText),
    },
    {
      id: 'days-to-fix', figure: 8, side: 'website', title: t('statistics.fig.days_to_fix'), note: t('statistics.note.days_to_fix'),
      headline: t('statistics.report.headline.days_to_fix', { fixed: sum(W.daysToFix), within30: percentText(W.fixedWithin30Share), within90: percentText(W.fixedWithin90Share) }),
      ...countsFigure(t('statistics.report.col.days'), WQ.daysToFix, W.daysToFix, bucketText),
    },
    {
      id: 'product-type', figure: 5, side: 'product', title: t('statistics.report.fig.product_type'), note: t('statistics.report.note.accepted_product'),
      ...countsFigure(t('statistics.report.col.product_type'), PQ.byProductType, P.byProductType, label),
    },
    {
      id: 'website-type', figure: 9, side: 'website', title: t('statistics.fig.by_type'), note: t('statistics.report.note.accepted_website'),
      ...countsFigure(t('statistics.col.type'), WQ.byType, W.byType, label),
    },
    {
      id: 'cause', figure: 6, side: 'product', title: t('statistics.report.fig.cause'), note: t('statistics.report.note.accepted_product'),
      ...countsFigure(t('statistics.report.col.cause'), PQ.byCause, P.byCause, label),
    },
    {
      id: 'website-impact', figure: 10, side: 'website', title: t('statistics.fig.by_impact'), note: t('statistics.report.note.accepted_website'),
      ...countsFigure(t('statistics.col.impact'), WQ.byImpact, W.byImpact, label),
    },
    {
      id: 'uncontactable', figure: 7, side: 'product', title: t('statistics.report.fig.uncontactable'), note: t('statistics.report.note.uncontactable'),
      head: [t('statistics.col.status'), t('statistics.report.this_quarter'), t('statistics.report.cumulative')],
      rows: (['listed', 'resumed', 'resumedCompleted', 'publishedByCommittee', 'stillUncontactable'] as const).map((k) => ({
        key: k, kind: k === 'resumedCompleted' ? 'sub' as const : undefined,
        cells: [t(`statistics.uncontactable.${k}`), PQ.uncontactable[k], P.uncontactable[k]],
      })),
      chart: { kind: 'bar', desc: t('statistics.report.chart.cumulative_counts'), bars: (['listed', 'resumed', 'resumedCompleted', 'publishedByCommittee', 'stillUncontactable'] as const)
        .map((k) => ({ label: t(`statistics.uncontactable.${k}`), value: P.uncontactable[k], text: String(P.uncontactable[k]) })) },
    },
    {
      id: 'long-running', figure: 11, side: 'website', title: t('statistics.fig.long_running', { days: W.longRunning.thresholdDays }), note: t('statistics.report.note.long_running'),
      head: [t('statistics.col.type'), ...W.longRunning.byBucket.map((b) => bucketLabel(t, b)), t('statistics.col.total')],
      rows: [
        ...W.longRunning.byType.map((x) => ({ key: x.key, cells: [label(x), ...x.buckets, x.total] as Cell[] })),
        { key: 'total', kind: 'total' as const, cells: [t('statistics.col.total'), ...W.longRunning.byBucket.map((b) => b.count), W.longRunning.total] },
      ],
      chart: { kind: 'bar', desc: t('statistics.report.chart.long_running', { total: W.longRunning.total }), bars: bars(W.longRunning.byBucket.map((b) => ({ text: bucketText(b), count: b.count, share: b.share }))) },
    },
    {
      id: 'days-to-fix-by-type', figure: 8, side: 'website', title: t('statistics.report.fig.days_to_fix_by_type'),
      head: [t('statistics.col.type'), ...W.daysToFix.map((b) => bucketLabel(t, b)), t('statistics.col.fixed'), t('statistics.col.within30_percent'), t('statistics.col.within90_percent')],
      rows: W.daysToFixByType.map((x) => ({ key: x.key, cells: [label(x), ...x.buckets, x.fixed, percentCell(x.within30Share), percentCell(x.within90Share)] })),
    },
    {
      id: 'priority-information', figure: null, side: 'product', title: t('statistics.report.fig.priority_information'), note: t('statistics.report.note.priority_information'),
      head: [t('statistics.report.col.sector'), t('statistics.report.this_quarter'), t('statistics.report.cumulative')],
      rows: [
        ...P.priorityInformation.map((x) => ({ key: x.key, cells: [label(x), PQ.priorityInformation.find((y) => y.key === x.key)?.count ?? 0, x.count] as Cell[] })),
        { key: 'total', kind: 'total' as const, cells: [t('statistics.col.total'), sum(PQ.priorityInformation), sum(P.priorityInformation)] },
      ],
    },
    {
      id: 'advisories', figure: null, side: 'product', title: t('statistics.report.fig.advisories'),
      head: [t('statistics.report.col.quarter'), t('statistics.report.col.advisories')],
      rows: [
        ...r.cumulative.map((x) => ({ key: x.quarter, cells: [x.quarter, x.advisoriesPublished] as Cell[] })),
        { key: 'total', kind: 'total' as const, cells: [t('statistics.report.advisories_cumulative'), r.advisoriesPublished.cumulative] },
      ],
      chart: { kind: 'bar', desc: t('statistics.report.chart.advisories'), bars: r.cumulative.map((x) => ({ label: x.quarter, value: x.advisoriesPublished, text: String(x.advisoriesPublished) })) },
    },
  ]
  return figures
}

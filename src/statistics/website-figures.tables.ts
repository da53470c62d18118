import type { Lang, Translate } from '../platform/i18n/index.js'
import { WEBSITE_IMPACTS, WEBSITE_VULNERABILITY_TYPES } from '../cases/website-categories.js'
import { bucketLabel } from './buckets.js'
import type { DaysToFixRow, Share, WebsiteFigures } from './website-figures.js'
import { categoryLabel } from '../cases/categories.js'

/** A cell: text, a count, or a share in percent (null: no whole to take a share of). */
export type Cell = string | number | { percent: number | null }
export type Row = { cells: Cell[]; kind?: 'sub' | 'total'; key: string }
/** One figure as a table; the page and the CSV are both drawn from these, so they never disagree. */
export type FigureTable = { id: string; title: string; note?: string; head: string[]; rows: Row[]; headline?: string }

const pct = (s: Share): Cell => ({ percent: s.percent })
const formatPercent = (p: number | null) => (p === null ? '—' : `${p.toFixed(1)}%`)

/** The website figures as tables in the reader's language, in the order of the quarterly report. */
export function websiteFigureTables(f: WebsiteFigures, t: Translate, lang: Lang): FigureTable[] {
  const typeLabel = (key: string) => categoryLabel(WEBSITE_VULNERABILITY_TYPES, key, lang)
  const impactLabel = (key: string) => categoryLabel(WEBSITE_IMPACTS, key, lang)
  const s = f.statuses
  const countShare = [t('statistics.col.count'), t('statistics.col.percent')]
  // The shares only: their counts are the buckets' sums, and the headline gives them overall.
  const fixRow = (label: string, r: DaysToFixRow): Cell[] => [label, ...r.buckets, r.fixed, pct(r.within30), pct(r.within90)]
  const o = f.daysToFix.overall

  return [
    {
      id: 'received', title: t('statistics.fig.received'), head: [t('statistics.col.kind'), t('statistics.col.count')],
      rows: [{ key: 'website', cells: [t('statistics.kind.website'), f.reportsReceived] }],
    },
    {
      id: 'status', title: t('statistics.fig.status'), head: [t('statistics.col.status'), ...countShare],
      rows: [
        { key: 'fixed', cells: [t('statistics.status.fixed'), s.fixed.count, pct(s.fixed)] },
        { key: 'code_fixed', kind: 'sub', cells: [t('statistics.status.code_fixed'), s.fixed.codeFixed, ''] },
        { key: 'workaround', kind: 'sub', cells: [t('statistics.status.workaround'), s.fixed.workaround, ''] },
        { key: 'page_deleted', kind: 'sub', cells: [t('statistics.status.page_deleted'), s.fixed.pageDeleted, ''] },
        { key: 'closed_by_alert', cells: [t('statistics.status.closed_by_alert'), s.closedByAlert.count, pct(s.closedByAlert)] },
        { key: 'not_vulnerable', cells: [t('statistics.status.not_vulnerable'), s.notVulnerable.count, pct(s.notVulnerable)] },
        { key: 'in_handling', cells: [t('statistics.status.in_handling'), s.inHandling.count, pct(s.inHandling)] },
        { key: 'received', kind: 'sub', cells: [t('statistics.status.received'), s.inHandling.received, ''] },
        { key: 'accepted', kind: 'sub', cells: [t('statistics.status.accepted'), s.inHandling.accepted, ''] },
        { key: 'operator_notified', kind: 'sub', cells: [t('statistics.status.operator_notified'), s.inHandling.operatorNotified, ''] },
        { key: 'stalled', cells: [t('statistics.status.stalled'), s.stalled.count, pct(s.stalled)] },
        { key: 'not_accepted', cells: [t('statistics.status.not_accepted'), s.notAccepted.count, pct(s.notAccepted)] },
        { key: 'total', kind: 'total', cells: [t('statistics.col.total'), s.total, s.total ? { percent: 100 } : { percent: null }] },
      ],
    },
    {
      id: 'days-to-fix', title: t('statistics.fig.days_to_fix'), note: t('statistics.note.days_to_fix'),
      headline: t('statistics.headline.days_to_fix', {
        fixed: o.fixed, within30: o.within30.count, within30Percent: formatPercent(o.within30.percent),
        within90: o.within90.count, within90Percent: formatPercent(o.within90.percent),
      }),
      head: [t('statistics.col.type'), ...f.daysToFix.buckets.map((b) => bucketLabel(t, b)), t('statistics.col.fixed'),
        t('statistics.col.within30_percent'), t('statistics.col.within90_percent')],
      rows: [
        ...f.daysToFix.byType.map((r) => ({ key: r.type, cells: fixRow(typeLabel(r.type), r) })),
        { key: 'total', kind: 'total' as const, cells: fixRow(t('statistics.col.total'), o) },
      ],
    },
    {
      id: 'by-type', title: t('statistics.fig.by_type'), note: t('statistics.note.accepted'), head: [t('statistics.col.type'), ...countShare],
      rows: [
        ...f.byType.rows.map((r) => ({ key: r.type, cells: [typeLabel(r.type), r.count, pct(r)] })),
        { key: 'total', kind: 'total' as const, cells: [t('statistics.col.total'), f.byType.total, f.byType.total ? { percent: 100 } : { percent: null }] },
      ],
    },
    {
      id: 'by-impact', title: t('statistics.fig.by_impact'), note: t('statistics.note.accepted'), head: [t('statistics.col.impact'), ...countShare],
      rows: [
        ...f.byImpact.rows.map((r) => ({ key: r.impact, cells: [impactLabel(r.impact), r.count, pct(r)] })),
        { key: 'total', kind: 'total' as const, cells: [t('statistics.col.total'), f.byImpact.total, f.byImpact.total ? { percent: 100 } : { percent: null }] },
      ],
    },
    {
      id: 'long-running', title: t('statistics.fig.long_running', { days: f.longRunningDays }), note: t('statistics.note.long_running'),
      head: [t('statistics.col.type'), ...f.longRunning.buckets.map((b) => bucketLabel(t, b)), t('statistics.col.total')],
      rows: [
        ...f.longRunning.byType.map((r) => ({ key: r.type, cells: [typeLabel(r.type), ...r.buckets, r.total] })),
        { key: 'total', kind: 'total' as const, cells: [t('statistics.col.total'), ...f.longRunning.totals, f.longRunning.total] },
      ],
    },
  ]
}

/** A cell as the page shows it. */
export const cellText = (c: Cell): string => (typeof c === 'object' ? formatPercent(c.percent) : String(c))

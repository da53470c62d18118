import type { Ctx } from '../platform/http/context.js'
import { formatDate } from '../platform/i18n/index.js'
import { cellText, type Cell } from './website-figures.tables.js'
import type { QuarterlyReport } from './quarterly-report.js'
import type { ReportFigure } from './quarterly-report.tables.js'
import { BarChart } from './charts/bar-chart.js'
import { StackedBarChart } from './charts/stacked-bar-chart.js'
import { LineChart } from './charts/line-chart.js'

/** The report's own stylesheet (served at /statistics/report.css: the CSP allows no inline style). */
export const REPORT_CSS = `
/* On a phone the pair stacks and a wide table scrolls inside itself (app.css), never the page. */
.report .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(26rem, 100%), 1fr)); gap: 0 2rem; align-items: start; }
.report .pair > *, .report .figure-body > * { min-width: 0; }
.report .figure-body { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.report .figure-body > table { flex: 1 1 18rem; max-width: 100%; }
.report svg.chart { max-width: 100%; height: auto; background: #fff; }
.report table.figures td { text-align: right; font-variant-numeric: tabular-nums; }
.report table.figures tr[data-kind="sub"] th { padding-left: 1.5em; font-weight: normal; }
.report table.figures tr[data-kind="total"] > * { font-weight: bold; border-top: 2px solid currentColor; }
.report .figure-tools { font-size: 0.9em; }
.report ul.downloads { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
.report .side { font-size: 0.8em; color: #555; margin: 0; }
body.print-layout { max-width: 60rem; margin: 1rem auto; padding: 0 1rem; font-family: sans-serif; color: #000; background: #fff; }
@media print {
  header.site, footer.site, .skip, .no-print, .figure-tools { display: none !important; }
  body { color: #000; background: #fff; font-size: 10pt; }
  .report .pair { display: block; }
  .report section { break-inside: avoid; page-break-inside: avoid; }
  .report h2 { break-after: avoid; page-break-after: avoid; }
  .report svg.chart { max-width: 100%; }
  a { color: #000; text-decoration: none; }
  @page { size: A4; margin: 14mm; }
}
`

/** Counts with thousands separators (15,050), as the printed report has them. */
const show = (c: Cell): string => (typeof c === 'number' ? c.toLocaleString('en-US') : cellText(c))

const reportHref = (quarter: string, query: string) => `/statistics/${quarter}?${query}`

/** The public index: every quarter with a report, newest first. */
export function QuarterIndexPage(props: { c: Ctx; quarters: { quarter: string; end: string }[]; synthetic: boolean }) {
  const { t, lang } = props.c.var
  return (
    <>
      {props.synthetic && <SyntheticNotice c={props.c} />}
      <p>{t('statistics.report.index_intro')}</p>
      {props.quarters.length === 0
        ? <p class="meta" data-testid="no-quarters">{t('statistics.report.no_quarters')}</p>
        : (
          <ul class="quarters" data-testid="quarters">
            {props.quarters.map((x) => (
              <li><a href={`/statistics/${x.quarter}`}>{t('statistics.report.quarter_title', { quarter: x.quarter })}</a>
                {' '}<span class="meta">{t('statistics.report.as_of_end', { date: formatDate(x.end, lang) })}</span></li>
            ))}
          </ul>
        )}
      <p class="meta">{t('statistics.report.api_hint')} <code>GET /api/v1/statistics/YYYYQn</code></p>
    </>
  )
}

/** Said first on every report page when the database holds the made-up programme history of the demo. */
function SyntheticNotice(props: { c: Ctx }) {
  return <p class="notice" role="note" data-testid="synthetic">{props.c.var.t('statistics.report.synthetic')}</p>
}

function Chart(props: { figure: ReportFigure }) {
  const f = props.figure
  const chart = f.chart
  if (!chart) return null
  const id = `chart-${f.id}`
  switch (chart.kind) {
    case 'bar': return <BarChart id={id} title={f.title} desc={chart.desc} bars={chart.bars} />
    case 'stacked': return <StackedBarChart id={id} title={f.title} desc={chart.desc} series={chart.series} stacks={chart.stacks} />
    case 'line': return <LineChart id={id} title={f.title} desc={chart.desc} points={chart.points} yLabel={chart.yLabel} />
  }
}

/**
 * The staff view of the report (src/statistics/staff-report.routes.tsx): its own intro and footer,
 * no public downloads, and a link on every count that has a list of cases behind it.
 */
export type StaffView = { intro: string; footer: string; cellHref: (figure: ReportFigure, rowKey: string, cell: number) => string | null }

function Figure(props: { c: Ctx; report: QuarterlyReport; figure: ReportFigure; print: boolean; staff?: StaffView | undefined }) {
  const { c, figure: f } = props
  const { t, lang } = c.var
  const heading = f.figure === null ? f.title : t('statistics.report.figure_title', { n: f.figure, title: f.title })
  return (
    <section id={f.id} data-figure={f.id} aria-labelledby={`${f.id}-h`}>
      {f.side !== 'both' && <p class="side">{t(`statistics.kind.${f.side}`)}</p>}
      <h2 id={`${f.id}-h`}>{heading}</h2>
      {f.headline && <p data-testid="headline"><strong>{f.headline}</strong></p>}
      <div class="figure-body">
        <Chart figure={f} />
        <table class={f.head.length > 6 ? 'figures matrix' : 'figures'}>
          <thead><tr>{f.head.map((h) => <th scope="col">{h}</th>)}</tr></thead>
          <tbody>{f.rows.map((r) => (
            <tr data-row={r.key} data-kind={r.kind ?? 'row'}>
              {r.cells.map((cell, i) => {
                if (i === 0) return <th scope="row">{show(cell)}</th>
                const href = props.staff?.cellHref(f, r.key, i)
                return <td>{href ? <a href={href} data-drill="">{show(cell)}</a> : show(cell)}</td>
              })}
            </tr>
          ))}</tbody>
        </table>
      </div>
      {f.note && <p class="meta">{f.note}</p>}
      {!props.print && !props.staff && (
        <p class="figure-tools">
          <a href={reportHref(props.report.quarter, `format=csv&table=${f.id}&lang=${lang}`)} download>{t('statistics.report.table_csv')}</a>
        </p>
      )}
    </section>
  )
}

/** Figures in the report's order; a product figure and its website counterpart share a row on a wide screen. */
function Figures(props: { c: Ctx; report: QuarterlyReport; figures: ReportFigure[]; print: boolean; staff?: StaffView | undefined }) {
  const out: unknown[] = []
  const figs = props.figures
  for (let i = 0; i < figs.length; i++) {
    const f = figs[i]!
    const next = figs[i + 1]
    const one = (x: ReportFigure) => <Figure c={props.c} report={props.report} figure={x} print={props.print} staff={props.staff} />
    if (f.side === 'product' && next?.side === 'website') {
      out.push(<div class="pair">{one(f)}{one(next)}</div>)
      i++
    } else out.push(one(f))
  }
  return <>{out as never}</>
}

/** The report of one quarter: what it counts, the downloads, then every figure with its chart and table. */
export function QuarterlyReportPage(props: { c: Ctx; report: QuarterlyReport; figures: ReportFigure[]; print?: boolean; synthetic: boolean; staff?: StaffView }) {
  const { c, report: r } = props
  const { t, lang } = c.var
  const print = props.print ?? false
  return (
    <div class="report" data-quarter={r.quarter}>
      <link rel="stylesheet" href="/statistics/report.css" />
      {props.synthetic && <SyntheticNotice c={c} />}
      <p>{props.staff?.intro ?? t('statistics.report.intro', { from: formatDate(r.quarterStart, lang), to: formatDate(r.quarterEnd, lang) })}</p>
      {!print && !props.staff && (
        <ul class="downloads no-print">
          <li><a href={reportHref(r.quarter, `view=print&lang=${lang}`)}>{t('statistics.report.print')}</a></li>
          <li><a href={reportHref(r.quarter, `format=csv&lang=${lang}`)} download>{t('statistics.report.all_csv')}</a></li>
          <li><a href={reportHref(r.quarter, `format=xlsx&lang=${lang}`)} download>{t('statistics.report.all_xlsx')}</a></li>
          <li><a href={`/api/v1/statistics/${r.quarter}`} type="application/json">{t('statistics.report.json')}</a></li>
          <li><a href="/statistics">{t('statistics.report.other_quarters')}</a></li>
        </ul>
      )}
      <Figures c={c} report={r} figures={props.figures} print={print} staff={props.staff} />
      <p class="meta">{props.staff?.footer ?? t('statistics.report.footer')}</p>
    </div>
  )
}

/** The print layout: the report alone, without the site's header, menus or footer, ready to print to PDF. */
export async function printDocument(c: Ctx, title: string, report: QuarterlyReport, figures: ReportFigure[], synthetic: boolean): Promise<string> {
  const { t, lang } = c.var
  const body = (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="stylesheet" href="/statistics/report.css" />
      </head>
      <body class="print-layout">
        <main>
          <p class="no-print"><a href={`/statistics/${report.quarter}?lang=${lang}`}>{t('statistics.report.back_to_screen')}</a> — {t('statistics.report.print_hint')}</p>
          <h1>{title}</h1>
          <p class="meta">{t('app.name')}</p>
          <QuarterlyReportPage c={c} report={report} figures={figures} print synthetic={synthetic} />
        </main>
      </body>
    </html>
  )
  return '<!DOCTYPE html>' + (await body.toString())
}

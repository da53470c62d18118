import type { Ctx } from '../platform/http/context.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate } from '../platform/i18n/index.js'
import type { QuarterlyReport } from './quarterly-report.js'
import type { ReportFigure } from './quarterly-report.tables.js'
import { QuarterlyReportPage } from './report.views.js'
import { drillHref, drillTargetOf, type DrillSide, type DrillTarget } from './drill-down.js'
import type { DrilledCase } from './drill-down.repository.js'

/** The date chooser (a GET form), with what was typed and what was wrong with it after a refusal. */
function AsOfChooser(props: { c: Ctx; asOf: string; quarterEnds: string[]; error?: unknown }) {
  const { c } = props
  const { t, lang } = c.var
  return (
    <>
      <Form c={c} error={props.error} method="get" action="/statistics/staff" class="inline" role="search">
        <Field label={t('statistics.as_of')} name="asOf">
          <input type="date" id="asOf" name="asOf" value={props.asOf} required />
        </Field>
        <button type="submit" class="secondary">{t('statistics.show')}</button>
      </Form>
      <p class="meta">{t('statistics.quarter_ends')}:{' '}
        {props.quarterEnds.map((d, i) => <>{i > 0 && ' / '}<a href={`/statistics/staff?asOf=${d}`}>{formatDate(d, lang)}</a></>)}
      </p>
    </>
  )
}

/**
 * The staff view of the report as of one date: said to be a staff view and not the published
 * report, the date chooser, then the report's own figures with each count linked to its cases
 * (for the sides the viewer may see cases of).
 */
export function StaffReportPage(props: {
  c: Ctx; report: QuarterlyReport; figures: ReportFigure[]; asOf: string; quarterEnds: string[]; synthetic: boolean
  drillSides: DrillSide[]; publishedQuarter: string | null
}) {
  const { c, report: r, asOf } = props
  const { t, lang } = c.var
  const date = formatDate(asOf, lang)
  const cellHref = (figure: ReportFigure, rowKey: string, cell: number) => {
    const target = drillTargetOf(r, figure, rowKey, cell)
    return target && props.drillSides.includes(target.side) ? drillHref(asOf, target) : null
  }
  const hint = props.drillSides.length === 2 ? 'statistics.staff.drill_hint'
    : props.drillSides.includes('product') ? 'statistics.staff.drill_hint_product' : 'statistics.staff.no_drill'
  return (
    <div class="staff-report" data-as-of={asOf}>
      <p class="notice" role="note" data-testid="staff-view">{t('statistics.staff.notice', { date, quarter: r.quarter })}</p>
      <AsOfChooser c={c} asOf={asOf} quarterEnds={props.quarterEnds} />
      <p>{t(hint)}</p>
      {props.publishedQuarter && (
        <p><a href={`/statistics/${props.publishedQuarter}`}>{t('statistics.staff.published', { quarter: props.publishedQuarter })}</a></p>
      )}
      <QuarterlyReportPage c={c} report={r} figures={props.figures} synthetic={props.synthetic} staff={{
        intro: t('statistics.staff.intro', { from: formatDate(r.quarterStart, lang), to: date }),
        footer: t('statistics.staff.footer'),
        cellHref,
      }} />
    </div>
  )
}

/** The chooser again, with the date as typed and what is wrong with it. */
export function StaffReportQueryError(props: { c: Ctx; asOf: string; quarterEnds: string[]; error: unknown }) {
  return (
    <>
      <p class="notice" role="note" data-testid="staff-view">{props.c.var.t('statistics.staff.notice_short')}</p>
      <AsOfChooser c={props.c} asOf={props.asOf} quarterEnds={props.quarterEnds} error={props.error} />
    </>
  )
}

/** One count's cases: how many (the number the report shows), then a page of them, oldest first. */
export function DrillDownPage(props: {
  c: Ctx; asOf: string; target: DrillTarget; total: number; cases: DrilledCase[]; page: number; pageSize: number
}) {
  const { c, asOf, target, total, page, pageSize } = props
  const { t, lang } = c.var
  const date = formatDate(asOf, lang)
  const quarter = `${asOf.slice(0, 4)}Q${Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) + 1}`
  const period = target.period === 'all' ? t('statistics.drill.period.all') : t('statistics.drill.period.quarter', { quarter })
  const first = (page - 1) * pageSize + 1
  const last = first + props.cases.length - 1
  return (
    <div class="drill-down" data-side={target.side} data-figure={target.figure} data-key={target.key}>
      <p class="notice" role="note">{t('statistics.drill.notice')}</p>
      <p data-testid="drill-total" data-total={total}>
        <strong>{t('statistics.drill.count', { date, count: total.toLocaleString('en-US'), side: t(`statistics.kind.${target.side}`), period })}</strong>
      </p>
      <p class="meta">{t('statistics.drill.status_note')}</p>
      {props.cases.length === 0
        ? <p data-testid="drill-empty">{t('statistics.drill.empty')}</p>
        : (
          <>
            <p class="meta">{t('statistics.drill.range', { from: first, to: last, total })}</p>
            <table class="drilled-cases" data-testid="drill-cases">
              <thead><tr>
                <th scope="col">{t('statistics.drill.col.receipt')}</th><th scope="col">{t('statistics.drill.col.title')}</th>
                <th scope="col">{t('statistics.drill.col.status')}</th><th scope="col">{t('statistics.drill.col.received')}</th>
              </tr></thead>
              <tbody>{props.cases.map((x) => (
                <tr data-case={x.id}>
                  <td class="nowrap"><a href={`/cases/${x.id}`}>{x.receiptNumber ?? x.id.slice(0, 8)}</a></td>
                  <td>{x.title}</td>
                  <td>{t(`case.status.${x.status}`)}</td>
                  <td class="nowrap">{formatDate(x.receivedAt, lang)}</td>
                </tr>
              ))}</tbody>
            </table>
          </>
        )}
      <nav class="pager" aria-label={t('statistics.drill.pages')}>
        {page > 1 && <a rel="prev" href={drillHref(asOf, target, page - 1)}>{t('statistics.drill.prev')}</a>}
        {page > 1 && last < total && ' · '}
        {last < total && props.cases.length > 0 && <a rel="next" href={drillHref(asOf, target, page + 1)}>{t('statistics.drill.next')}</a>}
      </nav>
      <p><a href={`/statistics/staff?asOf=${asOf}#${target.figure}`}>{t('statistics.drill.back')}</a></p>
    </div>
  )
}

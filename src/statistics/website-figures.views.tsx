import type { Ctx } from '../platform/http/context.js'
import { AppError } from '../platform/errors.js'
import { formatDate } from '../platform/i18n/index.js'
import type { WebsiteFigures } from './website-figures.js'
import { cellText, websiteFigureTables, type FigureTable } from './website-figures.tables.js'
import type { FiguresQuery } from './statistics.schemas.js'

const query = (q: FiguresQuery) => `?asOf=${q.asOf}${q.longRunningDays !== 90 ? `&longRunningDays=${q.longRunningDays}` : ''}`

/** The date and threshold chooser, with the recent quarter ends one click away. */
function Chooser(props: { c: Ctx; q: { asOf: string; longRunningDays: string }; quarterEnds: string[]; error?: unknown }) {
  const { c, q } = props
  const { t, lang } = c.var
  return (
    <>
      {/* The message only: the API's English field details would not read well on a Japanese page. */}
      {props.error instanceof AppError && <div class="error" role="alert"><p>{t(`error.${props.error.code}`)}</p></div>}
      <form method="get" action="/statistics/websites" class="inline" role="search">
        <label>{t('statistics.as_of')}{' '}<input type="date" name="asOf" value={q.asOf} required /></label>{' '}
        <label>{t('statistics.long_running_days')}{' '}<input type="number" name="longRunningDays" min={1} max={3650} value={q.longRunningDays} /></label>{' '}
        <button type="submit" class="secondary">{t('statistics.show')}</button>
      </form>
      <p class="meta">{t('statistics.quarter_ends')}:{' '}
        {props.quarterEnds.map((d, i) => <>{i > 0 && ' / '}<a href={`/statistics/websites?asOf=${d}`}>{formatDate(d, lang)}</a></>)}
      </p>
    </>
  )
}

function Figure(props: { c: Ctx; table: FigureTable }) {
  const { table } = props
  const wide = table.head.length > 6
  return (
    <section id={table.id} data-figure={table.id}>
      <h2>{table.title}</h2>
      {table.headline && <p data-testid="headline"><strong>{table.headline}</strong></p>}
      {table.note && <p class="meta">{table.note}</p>}
      <table class={wide ? 'figures matrix' : 'figures'}>
        <thead><tr>{table.head.map((h) => <th scope="col">{h}</th>)}</tr></thead>
        <tbody>{table.rows.map((r) => (
          <tr data-row={r.key} data-kind={r.kind ?? 'row'}>
            {r.cells.map((cell, i) => (i === 0 ? <th scope="row">{cellText(cell)}</th> : <td>{cellText(cell)}</td>))}
          </tr>
        ))}</tbody>
      </table>
    </section>
  )
}

/** The staff page of the website figures as of one date. */
export function WebsiteFiguresPage(props: { c: Ctx; figures: WebsiteFigures; q: FiguresQuery; quarterEnds: string[] }) {
  const { c, figures, q } = props
  const { t, lang } = c.var
  return (
    <>
      <p>{t('statistics.websites.intro', { date: formatDate(figures.asOf, lang) })}</p>
      <p class="notice">{t('statistics.websites.confidential')}</p>
      <Chooser c={c} q={{ asOf: q.asOf, longRunningDays: String(q.longRunningDays) }} quarterEnds={props.quarterEnds} />
      <p><a href={`/statistics/websites.csv${query(q)}&lang=${lang}`} download>{t('statistics.download_csv')}</a></p>
      {websiteFigureTables(figures, t, lang).map((table) => <Figure c={c} table={table} />)}
    </>
  )
}

/** The page again with the chooser and what was wrong with the query. */
export function WebsiteFiguresQueryError(props: { c: Ctx; asOf: string; longRunningDays: string; quarterEnds: string[]; error: unknown }) {
  return <Chooser c={props.c} q={{ asOf: props.asOf, longRunningDays: props.longRunningDays }} quarterEnds={props.quarterEnds} error={props.error} />
}

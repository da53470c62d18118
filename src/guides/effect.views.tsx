import type { Ctx } from '../platform/http/context.js'
import { Form, Field } from '../platform/http/forms.js'
import { formatDate } from '../platform/i18n/index.js'
import { BarChart, StackedBarChart } from '../statistics/index.js'
import { GUIDE_TOPICS } from './guides.tables.js'
import { GUIDE_PAGES } from './guide-pages.js'
import { DOCUMENT_PAGE, DOWNLOAD_DOCUMENTS } from './downloads.documents.js'
import type { Channel } from './channels.repository.js'
import { channelName, pageTitle } from './channels.views.js'
import { averageStars, emptyMeasures, SURVEY_ANSWERS, type EffectReport, type EffectRow, type Measures } from './effect.js'
import { DIRECT, effectQueryString } from './effect.schemas.js'
import { guidesPolicies } from './guides.policies.js'

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const num = (n: number) => n.toLocaleString('en-US')

/** The range and filters, as a plain GET form. After a refusal, what was entered. */
export function EffectFilters(props: { c: Ctx; values: Record<string, string>; channels: Channel[]; error?: unknown }) {
  const { c, values: v } = props
  const { t } = c.var
  return (
    <Form c={c} error={props.error} method="get" action="/guides/effect" class="search-form guides-effect-filters">
      <div class="filters">
        <Field label={t('guides.effect.from')} name="from"><input id="from" name="from" type="date" value={str(v.from)} /></Field>
        <Field label={t('guides.effect.to')} name="to"><input id="to" name="to" type="date" value={str(v.to)} /></Field>
        <Field label={t('guides.effect.page')} name="page">
          <select id="page" name="page">
            <option value="">{t('guides.effect.all_pages')}</option>
            {GUIDE_PAGES.map((p) => <option value={p.path} selected={v.page === p.path}>{pageTitle(c, p.path)}</option>)}
          </select>
        </Field>
        <Field label={t('guides.effect.topic')} name="topic">
          <select id="topic" name="topic">
            <option value="">{t('guides.effect.all_topics')}</option>
            {GUIDE_TOPICS.map((topic) => <option value={topic} selected={v.topic === topic}>{t(`guides.notice.topic.${topic}`)}</option>)}
          </select>
        </Field>
        <Field label={t('guides.effect.channel')} name="channel">
          <select id="channel" name="channel">
            <option value="">{t('guides.effect.all_channels')}</option>
            <option value={DIRECT} selected={v.channel === DIRECT}>{t('guides.effect.direct')}</option>
            {props.channels.map((ch) => <option value={ch.tag} selected={v.channel === ch.tag}>{`${channelName(c, ch)} (${ch.tag})`}</option>)}
          </select>
        </Field>
      </div>
      <button type="submit">{t('guides.effect.show')}</button>
    </Form>
  )
}

/** One table of rows by some key, with every measure as a column. */
function MeasureTable(props: { c: Ctx; caption: string; keyHead: string; rows: EffectRow[]; label: (key: string) => string }) {
  const { t } = props.c.var
  return (
    <table class="figures">
      <caption>{props.caption}</caption>
      <thead><tr>
        <th scope="col">{props.keyHead}</th><th scope="col">{t('guides.effect.views')}</th><th scope="col">{t('guides.effect.visitors')}</th>
        <th scope="col">{t('guides.effect.qr_scans')}</th><th scope="col">{t('guides.effect.downloads')}</th><th scope="col">{t('guides.effect.ratings')}</th>
        <th scope="col">{t('guides.effect.average')}</th><th scope="col">{t('guides.effect.subscriptions_new')}</th>
        <th scope="col">{t('guides.effect.subscriptions_confirmed')}</th><th scope="col">{t('guides.effect.unsubscribed')}</th>
      </tr></thead>
      <tbody>
        {props.rows.map(({ key, measures: m }) => (
          <tr>
            <th scope="row">{props.label(key)}</th><td>{num(m.views)}</td><td>{num(m.visitors)}</td><td>{num(m.qrScans)}</td><td>{num(m.downloads)}</td>
            <td>{num(m.ratings)}</td><td>{averageStars(m) ?? '—'}</td><td>{num(m.subscriptionsNew)}</td><td>{num(m.subscriptionsConfirmed)}</td><td>{num(m.unsubscribed)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The dashboard: totals, then by week, page and channel, the survey, the ratings and their comments. */
export function EffectDashboard(props: { c: Ctx; report: EffectReport; channels: Channel[] }) {
  const { c, report } = props
  const { t, lang } = c.var
  const { totals } = report
  const byTag = new Map(props.channels.map((ch) => [ch.tag, ch]))
  const channelLabel = (tag: string) => (tag === '' ? t('guides.effect.direct') : byTag.get(tag) ? `${channelName(c, byTag.get(tag)!)} (${tag})` : tag)
  const pageLabel = (path: string) => (path === '' ? t('guides.effect.notices_row') : pageTitle(c, path))
  const bars = (rows: EffectRow[], label: (k: string) => string) => rows.map((r) => ({ label: label(r.key), value: r.measures.views, text: num(r.measures.views) }))
  const qs = effectQueryString(report.query)
  const surveyOf = (document: string) => {
    const m = emptyMeasures()
    for (const cell of report.cells) if (cell.page === document) for (const k of SURVEY_ANSWERS) m.survey[k] += cell.measures.survey[k]
    return m
  }
  const range = { from: formatDate(report.query.from, lang), to: formatDate(report.query.to, lang) }
  return (
    <div class="guides-effect">
      <p>{t('guides.effect.range', range)} {t('guides.effect.privacy')}</p>
      <ul class="guides-effect-downloads">
        <li><a href={`/guides/effect.csv?${qs}`} download>{t('guides.effect.csv')}</a></li>
        <li><a href={`/api/v1/guides/effect?${qs}`}>{t('guides.effect.json')}</a></li>
        {guidesPolicies.manageChannels(c.var.user) && <li><a href="/guides/channels">{t('guides.channels.title')}</a></li>}
        {guidesPolicies.viewSubscribers(c.var.user) && <li><a href="/guides/updates/subscribers">{t('guides.notice.subscribers_title')}</a></li>}
      </ul>
      <section>
        <h2>{t('guides.effect.totals')}</h2>
        <dl class="meta guides-effect-totals">
          <dt>{t('guides.effect.views')}</dt><dd data-measure="views">{num(totals.views)}</dd>
          <dt>{t('guides.effect.visitors')}</dt><dd data-measure="visitors">{num(totals.visitors)}</dd>
          <dt>{t('guides.effect.qr_scans')}</dt><dd data-measure="qrScans">{num(totals.qrScans)}</dd>
          <dt>{t('guides.effect.downloads')}</dt><dd data-measure="downloads">{num(totals.downloads)}</dd>
          <dt>{t('guides.effect.ratings')}</dt><dd data-measure="ratings">{num(totals.ratings)}{totals.ratings ? ` (${t('guides.effect.average')} ${averageStars(totals)})` : ''}</dd>
          <dt>{t('guides.effect.subscriptions')}</dt><dd data-measure="subscriptions">{t('guides.effect.subscriptions_summary', { new: totals.subscriptionsNew, confirmed: totals.subscriptionsConfirmed, unsubscribed: totals.unsubscribed })}</dd>
        </dl>
        <p class="hint">{t('guides.effect.visitors_hint')}</p>
      </section>
      <section>
        <h2>{t('guides.effect.by_week')}</h2>
        <BarChart id="effect-weeks" title={t('guides.effect.chart_views_by_week')} desc={t('guides.effect.chart_desc')} bars={bars(report.byWeek, (k) => formatDate(k, lang))} />
        <MeasureTable c={c} caption={t('guides.effect.by_week')} keyHead={t('guides.effect.week')} rows={report.byWeek} label={(k) => formatDate(k, lang)} />
      </section>
      <section>
        <h2>{t('guides.effect.by_page')}</h2>
        <BarChart id="effect-pages" title={t('guides.effect.chart_views_by_page')} desc={t('guides.effect.chart_desc')} bars={bars(report.byPage.filter((r) => r.key !== ''), pageLabel)} />
        <MeasureTable c={c} caption={t('guides.effect.by_page')} keyHead={t('guides.effect.page')} rows={report.byPage} label={pageLabel} />
      </section>
      <section>
        <h2>{t('guides.effect.by_channel')}</h2>
        <BarChart id="effect-channels" title={t('guides.effect.chart_views_by_channel')} desc={t('guides.effect.chart_desc')} bars={bars(report.byChannel, channelLabel)} />
        <MeasureTable c={c} caption={t('guides.effect.by_channel')} keyHead={t('guides.effect.channel')} rows={report.byChannel} label={channelLabel} />
      </section>
      <SurveySection c={c} total={totals} perDocument={DOWNLOAD_DOCUMENTS.map((d) => ({ label: pageTitle(c, DOCUMENT_PAGE[d]), m: surveyOf(DOCUMENT_PAGE[d]) }))} />
      <RatingsSection c={c} report={report} pageLabel={pageLabel} />
    </div>
  )
}

function SurveySection(props: { c: Ctx; total: Measures; perDocument: { label: string; m: Measures }[] }) {
  const { t } = props.c.var
  const rows = [...props.perDocument, { label: t('guides.effect.all_documents'), m: props.total }]
  return (
    <section>
      <h2>{t('guides.effect.survey_title')}</h2>
      <StackedBarChart id="effect-survey" title={t('guides.effect.survey_title')} desc={t('guides.effect.chart_desc')}
        series={SURVEY_ANSWERS.map((p) => t(`guides.effect.purpose.${p}`))} stacks={rows.map((r) => ({ label: r.label, values: SURVEY_ANSWERS.map((p) => r.m.survey[p]) }))} />
      <table class="figures">
        <caption>{t('guides.effect.survey_title')}</caption>
        <thead><tr><th scope="col">{t('guides.effect.document')}</th>{SURVEY_ANSWERS.map((p) => <th scope="col">{t(`guides.effect.purpose.${p}`)}</th>)}</tr></thead>
        <tbody>{rows.map((r) => <tr><th scope="row">{r.label}</th>{SURVEY_ANSWERS.map((p) => <td>{num(r.m.survey[p])}</td>)}</tr>)}</tbody>
      </table>
    </section>
  )
}

function RatingsSection(props: { c: Ctx; report: EffectReport; pageLabel: (p: string) => string }) {
  const { c, report } = props
  const { t, lang } = c.var
  const stars = report.totals.stars
  return (
    <section>
      <h2>{t('guides.effect.ratings_title')}</h2>
      <BarChart id="effect-stars" title={t('guides.effect.chart_stars')} desc={t('guides.effect.chart_desc')}
        bars={[5, 4, 3, 2, 1].map((s) => ({ label: t('guides.effect.stars_n', { n: s }), value: stars[s - 1]!, text: num(stars[s - 1]!) }))} />
      <h3>{t('guides.effect.comments')}</h3>
      {report.comments.length === 0 ? <p>{t('guides.effect.no_comments')}</p> : (
        <table>
          <thead><tr><th scope="col">{t('guides.effect.stars')}</th><th scope="col">{t('guides.effect.page')}</th><th scope="col">{t('guides.effect.date')}</th><th scope="col">{t('guides.effect.comment')}</th></tr></thead>
          <tbody>
            {report.comments.map((r) => (
              <tr><td>{t('guides.effect.stars_n', { n: r.stars })}</td><td>{props.pageLabel(r.page)}</td><td>{formatDate(r.ratedAt, lang)}</td><td class="guides-comment">{r.comment}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

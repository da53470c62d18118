import type { Ctx } from '../platform/http/context.js'
import { formatDate } from '../platform/i18n/index.js'
import { SeverityBadge } from '../advisories/index.js'
import { pick, type PublicAdvisory } from '../advisories/index.js'
import { SEVERITIES, type ListQuery } from './portal.schemas.js'

/** Advisories as a table: identifier, title, severity, publication date. */
export function AdvisoryTable(props: { c: Ctx; items: PublicAdvisory[] }) {
  const { t, lang } = props.c.var
  if (props.items.length === 0) return <p>{t('portal.no_results')}</p>
  return (
    <table class="advisories">
      <thead>
        <tr><th>{t('portal.col_identifier')}</th><th>{t('portal.col_title')}</th><th>{t('portal.col_severity')}</th><th>{t('portal.col_published')}</th></tr>
      </thead>
      <tbody>
        {props.items.map((a) => (
          <tr>
            <td><a href={a.path ?? '#'}>{a.identifier}</a></td>
            <td><a href={a.path ?? '#'}>{pick(a.title, lang)}</a></td>
            <td>{a.severity ? <SeverityBadge t={t} severity={a.severity} /> : t('common.none')}</td>
            <td>{formatDate(a.publishedAt, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function HomePage(props: { c: Ctx; latest: PublicAdvisory[]; alerts: { identifier: string | null; title_ja: string; title_en: string; published_at: Date | null }[] }) {
  const { t, lang } = props.c.var
  return (
    <>
      <p>{t('portal.home_intro')}</p>
      <div class="cards">
        <div class="card">
          <h2>{t('portal.report_heading')}</h2>
          <p>{t('portal.report_intro')}</p>
          <p><a href="/report">{t('portal.report_link')}</a></p>
        </div>
        <div class="card">
          <h2>{t('portal.search_heading')}</h2>
          <SearchForm c={props.c} query={{ page: 1 }} />
        </div>
      </div>
      {props.alerts.length > 0 && (
        <>
          <h2>{t('alerts.nav_public')}</h2>
          <ul class="alerts">{props.alerts.map((a) => (
            <li>{a.published_at && <span class="meta">{formatDate(a.published_at, lang)} </span>}<a href={`/alerts/${a.identifier}`}>{lang === 'ja' ? a.title_ja : a.title_en}</a></li>
          ))}</ul>
        </>
      )}
      <h2>{t('portal.latest')}</h2>
      <AdvisoryTable c={props.c} items={props.latest} />
      <p>
        <a href="/advisories">{t('portal.all_advisories')}</a>
        {' · '}
        <a href="/rss/advisories.rdf">{t('portal.rss_title')}</a>
      </p>
    </>
  )
}

function SearchForm(props: { c: Ctx; query: ListQuery; filters?: boolean }) {
  const { t } = props.c.var
  const q = props.query
  return (
    <form method="get" action="/advisories" class="stack" role="search">
      <div class="field">
        <label for="q">{t('portal.search_label')}</label>
        <input id="q" name="q" type="search" value={q.q ?? ''} maxlength={200} />
        <small class="hint">{t('portal.search_hint')}</small>
      </div>
      {props.filters && (
        <div class="field">
          <label for="cwe">{t('portal.filter_cwe')}</label>
          <input id="cwe" name="cwe" value={q.cwe ?? ''} placeholder="CWE-79" pattern="CWE-[0-9]+" maxlength={12} />
        </div>
      )}
      {props.filters && (
        <div class="field">
          <label for="severity">{t('portal.filter_severity')}</label>
          <select id="severity" name="severity">
            <option value="">{t('portal.any')}</option>
            {SEVERITIES.map((s) => <option value={s} selected={q.severity === s}>{t(`advisories.severity.${s}`)}</option>)}
          </select>
        </div>
      )}
      <button type="submit">{t('portal.search')}</button>
    </form>
  )
}

/** Keeps the current search and filters in pager links. */
function pageHref(q: ListQuery, page: number): string {
  const params = new URLSearchParams()
  if (q.q) params.set('q', q.q)
  if (q.cwe) params.set('cwe', q.cwe)
  if (q.severity) params.set('severity', q.severity)
  if (page > 1) params.set('page', String(page))
  const s = params.toString()
  return `/advisories${s ? `?${s}` : ''}`
}

export function IndexPage(props: { c: Ctx; query: ListQuery; items: PublicAdvisory[]; hasMore: boolean }) {
  const { t } = props.c.var
  const q = props.query
  return (
    <>
      <SearchForm c={props.c} query={q} filters />
      {q.q && <p class="meta">{t('portal.results_for', { q: q.q })}</p>}
      <AdvisoryTable c={props.c} items={props.items} />
      <nav class="pager" aria-label={t('portal.pages')}>
        {q.page > 1 && <a rel="prev" href={pageHref(q, q.page - 1)}>{t('portal.newer')}</a>}
        {q.page > 1 && props.hasMore && ' · '}
        {props.hasMore && <a rel="next" href={pageHref(q, q.page + 1)}>{t('portal.older')}</a>}
      </nav>
      <p><a href="/rss/advisories.rdf">{t('portal.rss_title')}</a></p>
    </>
  )
}

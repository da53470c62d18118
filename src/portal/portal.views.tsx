import type { Ctx } from '../platform/http/context.js'
import { formatDate } from '../platform/i18n/index.js'
import { SeverityBadge } from '../advisories/index.js'
import { pick, type MatchCount, type PublicAdvisory } from '../advisories/index.js'
import { Field, Form } from '../platform/http/forms.js'
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
          <SearchForm c={props.c} values={{}} />
        </div>
        <div class="card">
          <h2>{t('portal.guides_heading')}</h2>
          <p>{t('portal.guides_intro')}</p>
          <p><a href="/guides">{t('portal.guides_link')}</a></p>
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

/** What the search form shows: the parsed query, or what was typed when it could not be read. */
type FormValues = Partial<Record<'q' | 'cwe' | 'severity' | 'developer' | 'product' | 'year' | 'sort', string>>

const valuesOf = (q: ListQuery): FormValues => ({
  q: q.q, cwe: q.cwe, severity: q.severity, developer: q.developer, product: q.product, year: q.year === undefined ? undefined : String(q.year), sort: q.sort,
})

function SearchForm(props: { c: Ctx; values: FormValues; filters?: boolean; error?: unknown }) {
  const { t } = props.c.var
  const v = props.values
  return (
    <Form c={props.c} error={props.error} method="get" action="/advisories" class="stack search-form" role="search">
      <Field label={t('portal.search_label')} name="q" hint={t('portal.search_hint')}>
        <input id="q" name="q" type="search" value={v.q ?? ''} maxlength={200} />
      </Field>
      {props.filters && (
        <div class="filters">
          <Field label={t('portal.filter_developer')} name="developer">
            <input id="developer" name="developer" value={v.developer ?? ''} maxlength={100} />
          </Field>
          <Field label={t('portal.filter_product')} name="product">
            <input id="product" name="product" value={v.product ?? ''} maxlength={100} />
          </Field>
          <Field label={t('portal.filter_severity')} name="severity">
            <select id="severity" name="severity">
              <option value="">{t('portal.any')}</option>
              {SEVERITIES.map((s) => <option value={s} selected={v.severity === s}>{t(`advisories.severity.${s}`)}</option>)}
            </select>
          </Field>
          <Field label={t('portal.filter_cwe')} name="cwe">
            <input id="cwe" name="cwe" value={v.cwe ?? ''} placeholder="CWE-79" maxlength={12} />
          </Field>
          <Field label={t('portal.filter_year')} name="year">
            <input id="year" name="year" value={v.year ?? ''} inputmode="numeric" placeholder="2024" maxlength={4} />
          </Field>
          <Field label={t('portal.sort')} name="sort">
            <select id="sort" name="sort">
              <option value="date" selected={v.sort !== 'relevance'}>{t('portal.sort_date')}</option>
              <option value="relevance" selected={v.sort === 'relevance'}>{t('portal.sort_relevance')}</option>
            </select>
          </Field>
        </div>
      )}
      <button type="submit">{t('portal.search')}</button>
    </Form>
  )
}

/** Keeps the current search, filters and sort in pager links. */
function pageHref(q: ListQuery, page: number): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(valuesOf(q))) if (value && !(key === 'sort' && value === 'date')) params.set(key, value)
  if (page > 1) params.set('page', String(page))
  const s = params.toString()
  return `/advisories${s ? `?${s}` : ''}`
}

/** "1,234 件", or "1,000+ 件" when there are more than the search counts. */
function MatchCountLine(props: { c: Ctx; total: MatchCount }) {
  const { t } = props.c.var
  const n = props.total.count.toLocaleString('en')
  return <p class="meta match-count">{props.total.capped ? t('portal.count_capped', { n }) : t('portal.count', { n })}</p>
}

export function IndexPage(props: { c: Ctx; query: ListQuery; items: PublicAdvisory[]; hasMore: boolean; total?: MatchCount | undefined }) {
  const { t } = props.c.var
  const q = props.query
  return (
    <>
      <SearchForm c={props.c} values={valuesOf(q)} filters />
      {q.q && <p class="meta">{t('portal.results_for', { q: q.q })}</p>}
      {props.total && <MatchCountLine c={props.c} total={props.total} />}
      <AdvisoryTable c={props.c} items={props.items} />
      <nav class="pager" aria-label={t('portal.pages')}>
        {q.page > 1 && <a rel="prev" href={pageHref(q, q.page - 1)}>{t('portal.newer')}</a>}
        {(q.page > 1 || props.hasMore) && <span class="meta"> {t('portal.page_number', { page: q.page })} </span>}
        {props.hasMore && <a rel="next" href={pageHref(q, q.page + 1)}>{t('portal.older')}</a>}
      </nav>
      <p><a href="/archive">{t('portal.archive_link')}</a> · <a href="/rss/advisories.rdf">{t('portal.rss_title')}</a></p>
    </>
  )
}

/** The index page after a search that could not be read: the form with what was typed and what is wrong, nothing listed. */
export function RefusedSearchPage(props: { c: Ctx; values: FormValues; error: unknown }) {
  return <SearchForm c={props.c} values={props.values} filters error={props.error} />
}

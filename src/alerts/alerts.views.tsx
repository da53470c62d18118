import type { Ctx } from '../platform/http/context.js'
import type { Lang, Translate } from '../platform/i18n/index.js'
import { formatDate } from '../platform/i18n/index.js'
import { Paragraphs } from '../advisories/index.js'
import { pick } from '../advisories/index.js'
import { WEBSITE_VULNERABILITY_TYPES} from '../cases/website-categories.js'
import type { PublicAlert } from './public-alert.js'
import { categoryLabel } from '../cases/categories.js'

/*
 * The public pages of alerts. They receive a PublicAlert and nothing else, so no page here can
 * show a covered website case (DESIGN §5): the data is not in reach.
 */

const typeLabel = (key: string | null, lang: Lang) => categoryLabel(WEBSITE_VULNERABILITY_TYPES, key, lang)

export function AlertTable(props: { c: Ctx; items: PublicAlert[] }) {
  const { t, lang } = props.c.var
  if (props.items.length === 0) return <p>{t('alerts.public_empty')}</p>
  return (
    <table class="alerts">
      <thead>
        <tr><th>{t('alerts.identifier')}</th><th>{t('alerts.title')}</th><th>{t('alerts.vulnerability_type')}</th><th>{t('alerts.published')}</th></tr>
      </thead>
      <tbody>
        {props.items.map((a) => (
          <tr>
            <td><a href={a.path}>{a.identifier}</a></td>
            <td><a href={a.path}>{pick(a.title, lang)}</a></td>
            <td>{typeLabel(a.vulnerabilityType, lang) || t('common.none')}</td>
            <td>{formatDate(a.publishedAt, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function PublicAlertList(props: { c: Ctx; items: PublicAlert[]; page: number; hasMore: boolean }) {
  const { t } = props.c.var
  const href = (page: number) => (page > 1 ? `/alerts?page=${page}` : '/alerts')
  return (
    <>
      <p>{t('alerts.public_intro')}</p>
      <AlertTable c={props.c} items={props.items} />
      <nav class="pager" aria-label={t('alerts.pages')}>
        {props.page > 1 && <a rel="prev" href={href(props.page - 1)}>{t('alerts.newer')}</a>}
        {props.page > 1 && props.hasMore && ' · '}
        {props.hasMore && <a rel="next" href={href(props.page + 1)}>{t('alerts.older')}</a>}
      </nav>
      <p><a href="/rss/alerts.rdf">{t('alerts.rss_title')}</a></p>
    </>
  )
}

/** One alert as readers see it, in `lang`; the staff preview uses the same component. */
export function AlertDetail(props: { t: Translate; lang: Lang; alert: PublicAlert }) {
  const { t, lang, alert: a } = props
  return (
    <article class="alert">
      <dl class="facts">
        <dt>{t('alerts.identifier')}</dt><dd><strong>{a.identifier}</strong></dd>
        <dt>{t('alerts.published')}</dt><dd>{formatDate(a.publishedAt, lang)}</dd>
        {a.modifiedAt > a.publishedAt && <><dt>{t('alerts.modified')}</dt><dd>{formatDate(a.modifiedAt, lang)}</dd></>}
        {a.vulnerabilityType && <><dt>{t('alerts.vulnerability_type')}</dt><dd>{typeLabel(a.vulnerabilityType, lang)}</dd></>}
      </dl>
      <Paragraphs text={pick(a.body, lang)} />
      <h2>{t('alerts.references')}</h2>
      {a.references.length === 0 ? <p class="meta">{t('common.none')}</p> : (
        <ol>{a.references.map((r) => <li><a href={r.url} rel="noopener noreferrer nofollow">{r.title}</a> <span class="meta">{r.url}</span></li>)}</ol>
      )}
      <h2>{t('alerts.revisions')}</h2>
      <ul class="revisions">
        <li><span class="meta">{formatDate(a.publishedAt, lang)}</span> {t('alerts.revision_initial')}</li>
        {a.revisions.map((r) => <li><span class="meta">{formatDate(r.revisedAt, lang)}</span> {pick(r.note, lang)}</li>)}
      </ul>
    </article>
  )
}

export function PublicAlertPage(props: { c: Ctx; alert: PublicAlert }) {
  const { t, lang } = props.c.var
  return (
    <>
      <AlertDetail t={t} lang={lang} alert={props.alert} />
      <p><a href="/alerts">{t('alerts.back_to_list')}</a></p>
    </>
  )
}

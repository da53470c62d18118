import type { Ctx } from '../platform/http/context.js'
import { formatDate } from '../platform/i18n/index.js'
import { identifierSlug, pick, SeverityBadge } from '../advisories/index.js'
import type { ArchiveEntry } from './archive.repository.js'

/** The months that hold public advisories, grouped by year, each linking its page. */
export function ArchiveIndexPage(props: { c: Ctx; months: Array<{ month: string; count: number }> }) {
  const { t } = props.c.var
  if (props.months.length === 0) return <p>{t('archive.empty')}</p>
  const years = [...new Set(props.months.map((m) => m.month.slice(0, 4)))]
  return (
    <>
      <p>{t('archive.intro')}</p>
      {years.map((year) => (
        <section>
          <h2>{year}</h2>
          <ul class="archive-months">
            {props.months.filter((m) => m.month.startsWith(year)).map((m) => (
              <li><a href={`/archive/${m.month}`}>{m.month}</a> ({t('archive.month_count', { count: m.count.toLocaleString('en') })})</li>
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

/** One month's advisories, newest first: identifier, title, severity and date, each linking the advisory's page. */
export function ArchiveMonthPage(props: { c: Ctx; entries: ArchiveEntry[] }) {
  const { t, lang } = props.c.var
  return (
    <>
      <p><a href="/archive">{t('archive.back')}</a></p>
      <table class="advisories">
        <thead>
          <tr><th>{t('portal.col_identifier')}</th><th>{t('portal.col_title')}</th><th>{t('portal.col_severity')}</th><th>{t('portal.col_published')}</th></tr>
        </thead>
        <tbody>
          {props.entries.map((a) => {
            const href = `/advisories/${identifierSlug(a.identifier)}`
            return (
              <tr>
                <td><a href={href}>{a.identifier}</a></td>
                <td><a href={href}>{pick(a.title, lang)}</a></td>
                <td>{a.severity ? <SeverityBadge t={t} severity={a.severity} /> : t('common.none')}</td>
                <td>{formatDate(a.publishedAt, lang)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </>
  )
}

import type { Ctx } from '../platform/http/context.js'
import { formatDate, formatDateTime } from '../platform/i18n/index.js'
import type { listCoordinationCases, listOrganizationCases } from './coordination.queue.js'

export function CoordinationQueue(props: { c: Ctx; cases: Awaited<ReturnType<typeof listCoordinationCases>> }) {
  const { t, lang } = props.c.var
  return (
    <>
      <p><a href="/coordination">{t('coordination.queue_title')}</a> · <a href="/coordination?mine=1">{t('coordination.mine')}</a></p>
      {props.cases.length === 0 ? <p>{t('coordination.queue_empty')}</p> : (
        <table data-testid="coordination-queue">
          <thead><tr><th>{t('intake.product_name')}</th><th>{t('common.status')}</th><th>{t('intake.accepted_at')}</th><th>{t('intake.start_date')}</th><th>{t('cases.coordinator')}</th></tr></thead>
          <tbody>{props.cases.map((k) => (
            <tr><td><a href={`/cases/${k.id}`}>{k.title}</a></td><td>{t(`case.status.${k.status}`)}</td>
              <td>{formatDate(k.accepted_at, lang)}</td><td>{formatDate(k.start_date, lang)}</td><td>{k.coordinator ?? ''}</td></tr>
          ))}</tbody>
        </table>
      )}
    </>
  )
}

export function MyCases(props: { c: Ctx; cases: Awaited<ReturnType<typeof listOrganizationCases>> }) {
  const { t, lang } = props.c.var
  if (!props.cases.length) return <p>{t('coordination.my_cases_empty')}</p>
  // An operator's cases are websites, a developer's products; a list of both names its subjects.
  const kinds = new Set(props.cases.map((k) => k.kind))
  const subject = kinds.size > 1 ? 'intake.subject' : kinds.has('website') ? 'websites.site' : 'intake.product_name'
  return (
    <table>
      <thead><tr><th>{t(subject)}</th><th>{t('common.status')}</th><th>{t('coordination.notified_at')}</th></tr></thead>
      <tbody>{props.cases.map((k) => (
        <tr><td><a href={`/cases/${k.id}`}>{k.title}</a></td><td>{t(`case.status.${k.status}`)}</td><td>{formatDateTime(k.notified_at, lang)}</td></tr>
      ))}</tbody>
    </table>
  )
}

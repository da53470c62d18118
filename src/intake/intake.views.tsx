import type { Ctx } from '../platform/http/context.js'
import { formatDate, formatDateTime } from '../platform/i18n/index.js'
import { categoryLabel, PRODUCT_TYPES } from '../cases/categories.js'
import { finderStatus } from './report-status.js'
import type { IntakeQueueData } from './intake.queue.js'
import { WEBSITE_VULNERABILITY_TYPES} from '../cases/website-categories.js'
import { websiteTitle } from '../cases/website-categories.js'
import type { listReportsOfFinder } from '../cases/reports.repository.js'

/** Shown once, right after submission: the receipt number and the secret tracking link. */
export function ReceiptPage(props: { c: Ctx; receipt: string; trackingUrl: string }) {
  const { t } = props.c.var
  return (
    <div class="notice">
      <dl class="facts">
        <dt>{t('intake.receipt_number')}</dt><dd><strong data-testid="receipt">{props.receipt}</strong></dd>
        <dt>{t('intake.tracking_link')}</dt><dd><a data-testid="tracking-link" href={props.trackingUrl}>{props.trackingUrl}</a></dd>
      </dl>
      <p>{t('intake.tracking_link_hint')}</p>
    </div>
  )
}

export function MyReports(props: { c: Ctx; reports: Awaited<ReturnType<typeof listReportsOfFinder>> }) {
  const { t, lang } = props.c.var
  if (!props.reports.length) return <p>{t('intake.my_reports_empty')} <a href="/report">{t('nav.report')}</a></p>
  return (
    <table>
      <thead><tr><th>{t('intake.receipt_number')}</th><th>{t('intake.subject')}</th><th>{t('intake.submitted_at')}</th><th>{t('common.status')}</th><th>{t('intake.start_date')}</th></tr></thead>
      <tbody>{props.reports.map((r) => (
        <tr>
          <td class="nowrap"><a href={`/my/reports/${r.id}`}>{r.receipt_number}</a></td>
          <td>{r.kind === 'website' ? websiteTitle((r.details as { urls?: string[] }).urls ?? []) : (r.details as { productName?: string }).productName ?? ''}</td>
          <td>{formatDateTime(r.submitted_at, lang)}</td>
          <td>{t(`finder.status.${finderStatus(r.status)}`)}</td>
          <td>{formatDate(r.start_date, lang)}</td>
        </tr>
      ))}</tbody>
    </table>
  )
}

export function IntakeQueue(props: { c: Ctx; queue: IntakeQueueData }) {
  const { t, lang } = props.c.var
  const rows = (list: IntakeQueueData['waiting']) => list.map((r) => (
    <tr>
      <td class="nowrap"><a href={`/cases/${r.id}`}>{r.receipt_number}</a></td>
      <td class="nowrap">{t(`intake.kind.${r.kind}`)}</td>
      <td>{r.title}</td>
      <td>{r.kind === 'website' ? categoryLabel(WEBSITE_VULNERABILITY_TYPES, r.vulnerability_type, lang) : categoryLabel(PRODUCT_TYPES, r.product_type, lang)}</td>
      <td>{formatDateTime(r.submitted_at, lang)}</td>
      <td>{t(`case.status.${r.status}`)}</td>
    </tr>
  ))
  const head = <thead><tr><th>{t('intake.receipt_number')}</th><th>{t('cases.kind')}</th><th>{t('intake.subject')}</th><th>{t('intake.classification')}</th><th>{t('intake.submitted_at')}</th><th>{t('common.status')}</th></tr></thead>
  return (
    <>
      {props.queue.waiting.length === 0 ? <p>{t('intake.queue_empty')}</p> : <table data-testid="intake-queue">{head}<tbody>{rows(props.queue.waiting)}</tbody></table>}
      <h2>{t('intake.queue_recent')}</h2>
      <table>{head}<tbody>{rows(props.queue.recent)}</tbody></table>
    </>
  )
}

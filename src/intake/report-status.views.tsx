import type { Ctx } from '../platform/http/context.js'
import { formatDate, formatDateTime } from '../platform/i18n/index.js'
import { ReportSection, Thread } from '../cases/case-page.views.js'
import type { FinderReportView } from './report-status.js'

/** A finder's status page: reached by account (/my/reports/…) or by the secret tracking link. */
export function ReportStatusPage(props: { c: Ctx; view: FinderReportView; base: string; threadAction: string }) {
  const { c, view } = props
  const { t, lang } = c.var
  const r = view.report
  return (
    <>
      <dl class="facts">
        <dt>{t('intake.receipt_number')}</dt><dd>{r.receipt_number}</dd>
        <dt>{t('common.status')}</dt><dd><span class="status" data-status={view.status}>{t(`finder.status.${view.status}`)}</span></dd>
        <dt>{t('intake.submitted_at')}</dt><dd>{formatDateTime(r.submitted_at, lang)}</dd>
        {view.acceptedAt && <><dt>{t('intake.accepted_at')}</dt><dd>{formatDate(view.acceptedAt, lang)}</dd></>}
        {view.startDate && <><dt>{t(view.kind === 'website' ? 'websites.notified_on' : 'intake.start_date')}</dt><dd>{formatDate(view.startDate, lang)}</dd></>}
        {view.fixType && <><dt>{t('websites.fix_type')}</dt><dd>{t(`websites.fix_type.${view.fixType}`)}</dd></>}
        {view.fixedOn && <><dt>{t('websites.fixed_on')}</dt><dd>{formatDate(view.fixedOn, lang)}</dd></>}
        {view.rejectionReason && <><dt>{t('intake.rejection_reason')}</dt><dd>{t(`intake.reject_reason.${view.rejectionReason}`)}</dd></>}
        {view.advisory?.identifier && (
          <><dt>{t('intake.published_at')}</dt>
            <dd>{formatDate(view.advisory.publish_at, lang)} — <a href={`/advisories/${view.advisory.identifier.replace('#', '')}`}>{view.advisory.identifier}</a></dd></>
        )}
      </dl>
      <ReportSection c={c} caseId={r.case_id} report={{ ...r, identityVisible: true, attachments: view.attachments }} attachmentBase={`${props.base}/attachments`} />
      <Thread c={c} title={t('cases.section.finder_thread')} action={props.threadAction} messages={view.messages} />
    </>
  )
}

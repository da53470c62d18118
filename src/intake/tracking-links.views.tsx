import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { formatDateTime } from '../platform/i18n/index.js'
import type { CaseSectionProps } from '../cases/case-sections.js'
import { policies } from '../policies/policies.js'
import { trackingLinksOfCase } from './tracking-links.js'

/** The state of each report's tracking link, with revoke / reissue, for the staff running the case. */
export async function TrackingLinksSection({ c, view }: CaseSectionProps) {
  if (view.viewer !== 'staff' || !policies.manageTrackingLinks(c.var.user, view.relation)) return null
  const { t, lang } = c.var
  const caseId = view.kase.id
  const reports = await trackingLinksOfCase(c.var.deps.db, caseId)
  const action = (reportId: string, what: string) => `/cases/${caseId}/reports/${reportId}/tracking-link${what}`
  return (
    <section data-section="tracking-links" id="tracking-links">
      <h2>{t('intake.tracking.section')}</h2>
      <table>
        <thead><tr><th>{t('intake.receipt_number')}</th><th>{t('common.status')}</th><th></th></tr></thead>
        <tbody>
          {reports.map((r) => (
            <tr data-report={r.id}>
              <td>{r.receipt_number}</td>
              <td data-testid="tracking-state">{r.tracking_revoked_at ? t('intake.tracking.revoked', { at: formatDateTime(r.tracking_revoked_at, lang) }) : t('intake.tracking.active')}</td>
              <td>
                {!r.tracking_revoked_at && <TrackingButton c={c} action={action(r.id, '/revocation')} label={t('intake.tracking.revoke')} danger />}
                <TrackingButton c={c} action={action(r.id, '')} label={t('intake.tracking.reissue')} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function TrackingButton(props: { c: Ctx; action: string; label: string; danger?: boolean }) {
  return (
    <form method="post" action={props.action} class="inline">
      <Csrf c={props.c} /><button type="submit" class={props.danger ? 'danger' : 'secondary'}>{props.label}</button>
    </form>
  )
}

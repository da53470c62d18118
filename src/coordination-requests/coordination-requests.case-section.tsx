import type { Ctx } from '../platform/http/context.js'
import type { CaseView } from '../cases/case-view.js'
import { formatDate, formatDateTime } from '../platform/i18n/index.js'
import { findSelfReportByCase } from '../self-reports/index.js'
import { SelfReportDetails } from '../self-reports/index.js'
import { loadCoordinationRequest } from './coordination-requests.usecases.js'
import { AgreedDateForm } from './agreed-date.views.js'
import { coordinationRequestsPolicies } from './coordination-requests.policies.js'
import { selfReportsPolicies } from '../self-reports/index.js'

/**
 * Where the case came from, when not from a finder: the overseas request (source, reference, dates;
 * the summary to staff only) or the developer's own report. Coordinators get the vendor matrix.
 */
export async function CoordinationRequestsCaseSection(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  const { t, lang, user } = c.var
  const k = view.kase
  if (k.kind !== 'product' || view.viewer === 'finder') return null
  const matrixLink = coordinationRequestsPolicies.manageVendors(user, view.relation) && (k.source === 'overseas' || view.parties.length > 0)
    ? <p><a href={`/cases/${k.id}/vendors`} data-testid="vendor-matrix-link">{t('coordination_requests.matrix_link', { n: view.parties.length })}</a></p>
    : null
  if (k.source === 'self_report') {
    const sr = await findSelfReportByCase(c.var.deps.db, k.id)
    // Another organisation later added to the case sees the case, not the reporter's own filing.
    return sr && selfReportsPolicies.viewSelfReport(user, sr) ? <SelfReportDetails c={c} report={sr} /> : null
  }
  if (k.source !== 'overseas') return matrixLink && <section><h2>{t('coordination_requests.vendors_title')}</h2>{matrixLink}</section>
  const req = await loadCoordinationRequest(c.var.deps.db, k.id)
  return (
    <section data-testid="coordination-request">
      <h2>{t('coordination_requests.section_title')}</h2>
      <dl class="facts">
        <dt>{t('coordination_requests.source')}</dt><dd>{k.source_name ?? ''}</dd>
        <dt>{t('coordination_requests.reference')}</dt><dd>{k.source_reference ?? ''}</dd>
        {req && <><dt>{t('coordination_requests.received_on')}</dt><dd>{formatDate(req.received_on, lang)}</dd></>}
        {req?.agreed_publication_at && <><dt>{t('coordination_requests.agreed_publication')}</dt><dd>{formatDateTime(req.agreed_publication_at, lang)}</dd></>}
      </dl>
      {req && view.viewer === 'staff' && <><h3>{t('coordination_requests.summary')}</h3><div class="pre">{req.summary}</div></>}
      {req && coordinationRequestsPolicies.manageVendors(user, view.relation) && <AgreedDateForm c={c} caseId={k.id} />}
      {matrixLink}
    </section>
  )
}

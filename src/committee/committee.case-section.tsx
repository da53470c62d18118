import type { Ctx } from '../platform/http/context.js'
import type { CaseView } from '../cases/case-view.js'
import { Csrf } from '../platform/http/layout.js'
import { formatDateTime } from '../platform/i18n/index.js'
import { allowedProductActions, type ProductCaseStatus } from '../cases/product-case.transitions.js'
import { ACTIVE_REFERRAL, isUrgent, listCaseReferrals } from './referrals.repository.js'
import { committeePolicies } from './committee.policies.js'

/**
 * For coordinators: the case's referrals to the publication decision committee, and the form to
 * refer it (uncontactable or uncoordinatable) when the transition table allows.
 */
export async function CommitteeCaseSection(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  const { t, lang, user, deps } = c.var
  if (view.viewer !== 'staff' || view.kase.kind !== 'product' || !committeePolicies.referToCommittee(user, view.relation)) return null
  const referrals = await listCaseReferrals(deps.db, view.kase.id)
  const status = view.kase.status as ProductCaseStatus
  const canRefer = allowedProductActions(status).includes('refer_to_committee') && !referrals.some((r) => ACTIVE_REFERRAL.includes(r.status))
  if (referrals.length === 0 && !canRefer) return null
  return (
    <section data-testid="committee-section">
      <h2>{t('committee.section_title')}</h2>
      {referrals.length > 0 && (
        <ul>{referrals.map((r) => (
          <li data-referral={r.id}>
            {isUrgent(r) && <><span class="status" data-status="urgent">{t('committee.urgent')}</span>{' '}</>}
            <a href={`/committee/referrals/${r.id}`}>{t(`committee.reason.${r.reason}`)}</a> — {formatDateTime(r.referred_at, lang)} · {t(`committee.status.${r.status}`)}
            {r.close_reason && <> ({r.close_reason})</>}
          </li>
        ))}</ul>
      )}
      {canRefer && (
        <form method="post" action={`/cases/${view.kase.id}/committee-referrals`} class="stack">
          <Csrf c={c} />
          <label for="referral-reason">{t('committee.refer_reason')}</label>
          <select id="referral-reason" name="reason">
              <option value="uncontactable" selected={status === 'uncontactable'}>{t('committee.reason.uncontactable')}</option>
              <option value="uncoordinatable" selected={status !== 'uncontactable'}>{t('committee.reason.uncoordinatable')}</option>
          </select>
          <label>{t('committee.note')}<textarea name="note" maxlength={5000}></textarea></label>
          <label><input type="checkbox" name="urgent" value="on" /> {t('committee.refer_urgent')}</label>
          <label>{t('committee.urgency_reason')}<textarea name="urgencyReason" maxlength={2000}></textarea></label>
          <button type="submit">{t('committee.refer')}</button>
        </form>
      )}
    </section>
  )
}

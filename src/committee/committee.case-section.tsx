import type { Ctx } from '../platform/http/context.js'
import type { CaseView } from '../cases/case-view.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
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
      {canRefer && <ReferralForm c={c} caseId={view.kase.id} reason={status === 'uncontactable' ? 'uncontactable' : 'uncoordinatable'} />}
    </section>
  )
}

/** The form referring a case to the committee; after a refusal, with its `error` beside the fields and the `values` entered. */
export function ReferralForm(props: { c: Ctx; caseId: string; reason: string; error?: unknown; values?: Record<string, unknown> }) {
  const { c } = props
  const { t } = c.var
  const v = props.values
  const reason = typeof v?.reason === 'string' ? v.reason : props.reason
  return (
    <Form c={c} error={props.error} action={`/cases/${props.caseId}/committee-referrals`} class="stack">
      <Csrf c={c} />
      <Field label={t('committee.refer_reason')} name="referral-reason" names={['reason']} required>
        <select id="referral-reason" name="reason">
          <option value="uncontactable" selected={reason === 'uncontactable'}>{t('committee.reason.uncontactable')}</option>
          <option value="uncoordinatable" selected={reason !== 'uncontactable'}>{t('committee.reason.uncoordinatable')}</option>
        </select>
      </Field>
      <Field label={t('committee.note')} name="referral-note" names={['note']}>
        <textarea id="referral-note" name="note" maxlength={5000}>{String(v?.note ?? '')}</textarea>
      </Field>
      <label><input type="checkbox" name="urgent" value="on" checked={v?.urgent !== undefined && v?.urgent !== ''} /> {t('committee.refer_urgent')}</label>
      <Field label={t('committee.urgency_reason')} name="referral-urgency-reason" names={['urgencyReason', 'urgent']}>
        <textarea id="referral-urgency-reason" name="urgencyReason" maxlength={2000}>{String(v?.urgencyReason ?? '')}</textarea>
      </Field>
      <button type="submit">{t('committee.refer')}</button>
    </Form>
  )
}

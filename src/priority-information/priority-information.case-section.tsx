import type { Ctx } from '../platform/http/context.js'
import type { CaseView } from '../cases/case-view.js'
import { formatDateTime } from '../platform/i18n/index.js'
import { listCiOrganizations } from './ci-organizations.usecases.js'
import { provisionOfCase } from './staff.usecases.js'
import { defaultLeadBusinessDays } from './provision-time.js'
import { MarkingForm } from './marking.views.js'
import { MARKABLE_IN } from './provisions.usecases.js'
import { sectorLabel } from './sectors.js'
import { committeeDecisionOf } from './provisions.repository.js'
import { priorityInformationPolicies } from './priority-information.policies.js'

/**
 * The case page's priority-information section, for the coordinators of product cases only: where
 * the provision stands (its time is computed from the publication date) and the form to choose
 * sectors / organisations and the lead time.
 */
export async function PriorityInformationCaseSection(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  const { t, lang, user, deps } = c.var
  if (view.viewer !== 'staff' || !priorityInformationPolicies.markForPriorityInformation(user, { caseKind: view.kase.kind })) return null
  const advisory = view.advisory
  const provision = await provisionOfCase(deps, view.kase.id)
  const markable = Boolean(advisory) && advisory!.status !== 'published' && MARKABLE_IN.includes(view.kase.status) && provision?.state !== 'published'
  if (!provision && !markable) return null
  const organizations = markable ? await listCiOrganizations(deps.db) : []
  const lead = provision?.provision.leadBusinessDays ?? (markable ? await defaultLeadBusinessDays(deps.db) : 5)
  return (
    <section id="priority-information">
      <h2>{t('priority_information.section_title')}</h2>
      {!advisory && <p class="meta">{t('priority_information.draft_first')}</p>}
      {provision && (
        <>
          <dl class="facts">
            <dt>{t('common.status')}</dt><dd><span class="status" data-state={provision.state}>{t(`priority_information.state.${provision.state}`)}</span></dd>
            <dt>{t('priority_information.provide_at')}</dt>
            <dd>{provision.provideAt ? formatDateTime(provision.provideAt, lang) : t('priority_information.no_provision_time')}</dd>
            <dt>{t('priority_information.lead_days')}</dt><dd>{provision.provision.leadBusinessDays}</dd>
            <dt>{t('priority_information.sectors')}</dt><dd>{provision.provision.sectors.map((s) => sectorLabel(s, lang)).join(', ') || t('common.none')}</dd>
            <dt>{t('priority_information.recipients')}</dt>
            <dd>{provision.recipients.map((o) => (lang === 'ja' ? o.name_ja : o.name_en)).join(', ') || t('common.none')}</dd>
            {provision.provision.fromCommitteeDecision && <>
              <dt>{t('priority_information.from_committee')}</dt><dd>{t('priority_information.from_committee_yes')}</dd>
              <dt>{t('priority_information.committee_reason')}</dt><dd class="pre">{provision.provision.committeeDecisionReason}</dd>
            </>}
          </dl>
          <p><a href={`/priority-information/provisions/${provision.provision.id}`}>{t('priority_information.staff_record')}</a></p>
        </>
      )}
      {markable && (
        <MarkingForm c={c} caseId={view.kase.id} organizations={organizations} committeeDecision={await committeeDecisionOf(deps.db, view.kase.id)}
          values={{ sectors: provision?.provision.sectors ?? [], organizationIds: provision?.provision.organizationIds ?? [], leadBusinessDays: String(lead), committeeDecisionReason: provision?.provision.committeeDecisionReason ?? '' }}
          submitLabel={t(provision ? 'priority_information.update_marking' : 'priority_information.mark')} />
      )}
    </section>
  )
}

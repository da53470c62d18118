import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { ErrorBanner, Field } from '../platform/http/forms.js'
import { SECTORS, sectorLabel } from './sectors.js'
import { MAX_LEAD_BUSINESS_DAYS } from './provision-time.js'
import type { listCiOrganizations } from './ci-organizations.usecases.js'

export type MarkingValues = { sectors: string[]; organizationIds: string[]; leadBusinessDays: string; committeeDecisionReason?: string }

/** The coordinator's form choosing sectors and/or organisations and the lead time. */
export function MarkingForm(props: {
  c: Ctx; caseId: string; values: MarkingValues; organizations: Awaited<ReturnType<typeof listCiOrganizations>>; error?: unknown; submitLabel: string
  /** The case's publication is a committee decision, for this reason: warn, and ask why. */
  committeeDecision?: 'uncontactable' | 'uncoordinatable' | null
}) {
  const { c, values } = props
  const { t, lang } = c.var
  return (
    <form method="post" action={`/cases/${props.caseId}/priority-information`} class="stack">
      <Csrf c={c} />
      <ErrorBanner c={c} error={props.error} />
      {props.committeeDecision && (
        <div class="notice warning" role="note" data-testid="committee-decision-warning">
          <p>{t(`priority_information.committee_warning.${props.committeeDecision}`)}</p>
          <p>{t('priority_information.committee_warning_rules')}</p>
        </div>
      )}
      <fieldset>
        <legend>{t('priority_information.target_sectors')}</legend>
        {SECTORS.map((s) => (
          <label><input type="checkbox" name="sectors" value={s.key} checked={values.sectors.includes(s.key)} /> {s[lang]}</label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('priority_information.target_organizations')}</legend>
        {props.organizations.length === 0 && <p class="meta">{t('priority_information.no_organizations')} <a href="/priority-information/organizations/new">{t('priority_information.new_organization')}</a></p>}
        {props.organizations.map((o) => (
          <label>
            <input type="checkbox" name="organizationIds" value={o.id} checked={values.organizationIds.includes(o.id)} />{' '}
            {lang === 'ja' ? o.name_ja : o.name_en} <span class="meta">({o.sector ? sectorLabel(o.sector, lang) : t('priority_information.no_sector')})</span>
          </label>
        ))}
      </fieldset>
      <Field label={t('priority_information.lead_days')} name="leadBusinessDays" hint={t('priority_information.lead_days_hint')} required>
        <input id="leadBusinessDays" name="leadBusinessDays" type="number" min={1} max={MAX_LEAD_BUSINESS_DAYS} required value={values.leadBusinessDays} />
      </Field>
      {props.committeeDecision && (
        <Field label={t('priority_information.committee_reason')} name="committeeDecisionReason" required>
          <textarea id="committeeDecisionReason" name="committeeDecisionReason" required maxlength={2000}>{values.committeeDecisionReason ?? ''}</textarea>
        </Field>
      )}
      <button type="submit">{props.submitLabel}</button>
    </form>
  )
}

/** What was typed, back into the form after an error (only known keys, as strings). */
export function markingValuesFrom(body: Record<string, unknown>): MarkingValues {
  const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string')
  const text = (v: unknown) => (typeof v === 'string' ? v : '')
  return { sectors: list(body.sectors), organizationIds: list(body.organizationIds), leadBusinessDays: text(body.leadBusinessDays), committeeDecisionReason: text(body.committeeDecisionReason) }
}

import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { formatDate } from '../platform/i18n/index.js'
import type { CaseView } from '../cases/case-view.js'
import { CLOSED_WEBSITE_STATUSES, type WebsiteCaseStatus } from '../cases/website-case.transitions.js'
import {
  FIX_TYPES, ORGANIZATION_TYPES, STALL_REASONS, WEBSITE_IMPACTS, WEBSITE_VULNERABILITY_TYPES,
} from '../cases/website-categories.js'
import type { WebsiteReportDetails } from './websites.schemas.js'
import { categoryLabel } from '../cases/categories.js'
import { websitesPolicies } from './websites.policies.js'

/** What a website finder wrote. The URLs are shown as text, never as links: nobody should open a PoC by accident. */
export function WebsiteReportDetailsList(props: { c: Ctx; details: WebsiteReportDetails }) {
  const { t, lang } = props.c.var
  const d = props.details
  return (
    <>
      <dl class="facts">
        <dt>{t('websites.urls')}</dt><dd><ul class="urls">{d.urls.map((u) => <li><code>{u}</code></li>)}</ul></dd>
        {d.operatorName && <><dt>{t('websites.operator_name')}</dt><dd>{d.operatorName}</dd></>}
        <dt>{t('websites.vulnerability_type')}</dt><dd>{categoryLabel(WEBSITE_VULNERABILITY_TYPES, d.vulnerabilityType, lang)}</dd>
        <dt>{t('websites.impact')}</dt><dd>{categoryLabel(WEBSITE_IMPACTS, d.impact, lang)}</dd>
      </dl>
      <h3>{t('intake.description')}</h3><div class="pre">{d.description}</div>
      <h3>{t('intake.reproduction')}</h3><div class="pre">{d.reproduction}</div>
    </>
  )
}

/**
 * The website flow on the case page: intake staff classify, notify the operator, record the
 * outcome; the notified operator reports its fix or disputes the report.
 */
export async function WebsiteCaseSection(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  const k = view.kase
  if (k.kind !== 'website') return null
  const { t, lang, user } = c.var
  const staff = view.viewer === 'staff' && websitesPolicies.runWebsiteFlow(user, view.relation)
  const operator = view.viewer === 'party' && websitesPolicies.actAsOperator(user, view.relation)
  const status = k.status as WebsiteCaseStatus
  const can = (a: string) => view.actions.includes(a)
  const operators = staff && can('notify_operator')
    ? await c.var.deps.db.selectFrom('organizations').innerJoin('organization_contacts', 'organization_contacts.organization_id', 'organizations.id')
      .select(['organizations.id', 'organizations.name_ja', 'organizations.name_en', 'organizations.org_type', 'organization_contacts.id as contactId', 'organization_contacts.name', 'organization_contacts.email'])
      .where('organizations.kind', '=', 'operator').orderBy('organizations.name_ja').limit(2000).execute()
    : []
  const closingAlert = status === 'closed_by_alert' ? await alertThatClosed(c, k.id) : null
  return (
    <section id="website">
      <h2>{t('websites.section')}</h2>
      <dl class="facts">
        <dt>{t('websites.vulnerability_type')}</dt><dd>{categoryLabel(WEBSITE_VULNERABILITY_TYPES, k.vulnerability_type, lang)}</dd>
        <dt>{t('websites.impact')}</dt><dd>{categoryLabel(WEBSITE_IMPACTS, k.impact, lang)}</dd>
        <dt>{t('websites.operator')}</dt>
        <dd>{view.parties.length ? view.parties.map((p) => (lang === 'ja' ? p.name_ja : p.name_en)).join(', ') : t('websites.operator_none')}</dd>
        {k.start_date && <><dt>{t('websites.notified_on')}</dt><dd>{formatDate(k.start_date, lang)}</dd></>}
        {k.fix_type && <><dt>{t('websites.fix_type')}</dt><dd>{t(`websites.fix_type.${k.fix_type}`)}</dd></>}
        {k.fixed_on && <><dt>{t('websites.fixed_on')}</dt><dd>{formatDate(k.fixed_on, lang)}</dd></>}
        {closingAlert?.identifier && (
          <><dt>{t('websites.closing_alert')}</dt>
            <dd><a href={`/alerts/${closingAlert.identifier}`}>{closingAlert.identifier}</a> {lang === 'ja' ? closingAlert.title_ja : closingAlert.title_en}</dd></>
        )}
      </dl>

      {staff && !['received', 'not_accepted'].includes(status) && (
        <form method="post" action={`/cases/${k.id}/website-classification`} class="stack card">
          <Csrf c={c} />
          <label>{t('websites.vulnerability_type')}
            <select name="vulnerabilityType">{WEBSITE_VULNERABILITY_TYPES.map((o) => <option value={o.key} selected={k.vulnerability_type === o.key}>{o[lang]}</option>)}</select>
          </label>
          <label>{t('websites.impact')}
            <select name="impact">{WEBSITE_IMPACTS.map((o) => <option value={o.key} selected={k.impact === o.key}>{o[lang]}</option>)}</select>
          </label>
          <button type="submit">{t('websites.classify')}</button>
        </form>
      )}

      {staff && can('notify_operator') && (
        <form method="post" action={`/cases/${k.id}/operator`} class="stack card">
          <Csrf c={c} />
          <h3>{t('websites.notify_operator')}</h3>
          {operators.length === 0
            ? <p class="meta">{t('websites.no_operators')}</p>
            : <label>{t('websites.operator_contact')}
              <select name="target" required>{operators.map((o) => (
                <option value={`${o.id}:${o.contactId}`}>{lang === 'ja' ? o.name_ja : o.name_en}{o.org_type ? ` (${t(`websites.org_type.${o.org_type}`)})` : ''} — {o.name} &lt;{o.email}&gt;</option>
              ))}</select>
            </label>}
          <p><a href={`/operators/new?case=${k.id}`}>{t('websites.new_operator')}</a></p>
          {operators.length > 0 && <button type="submit">{t('websites.notify_button')}</button>}
        </form>
      )}

      {status === 'operator_notified' && (operator || staff) && (
        <form method="post" action={`/cases/${k.id}/fix`} class="stack card">
          <Csrf c={c} />
          <h3>{operator ? t('websites.report_fix') : t('websites.record_fix')}</h3>
          <fieldset class="field"><legend>{t('websites.fix_type')}</legend>
            {FIX_TYPES.map((f, i) => <label><input type="radio" name="fixType" value={f} checked={i === 0} required /> {t(`websites.fix_type.${f}`)} </label>)}
          </fieldset>
          <label>{t('websites.fixed_on')}<input type="date" name="fixedOn" /></label>
          <label>{t('websites.fix_note')}<textarea name="note" maxlength={5000}></textarea></label>
          {!operator && <label>{t('websites.source')}<input name="source" required maxlength={500} placeholder={t('websites.source_hint')} /></label>}
          <button type="submit">{operator ? t('websites.report_fix_button') : t('websites.record_fix_button')}</button>
        </form>
      )}

      {operator && status === 'operator_notified' && (
        <form method="post" action={`/cases/${k.id}/dispute`} class="stack card">
          <Csrf c={c} />
          <h3>{t('websites.dispute')}</h3>
          <label>{t('websites.dispute_reason')}<textarea name="reason" required maxlength={5000}></textarea></label>
          <button type="submit" class="secondary">{t('websites.dispute_button')}</button>
        </form>
      )}

      {staff && can('remind_operator') && (
        <form method="post" action={`/cases/${k.id}/remind-operator`} class="inline">
          <Csrf c={c} />
          <label>{t('websites.remind_note')}<input name="note" maxlength={2000} /></label>
          <button type="submit" class="secondary">{t('websites.remind_button')}</button>
        </form>
      )}

      {staff && (can('close_not_vulnerable') || can('close_stalled')) && (
        <form method="post" action={`/cases/${k.id}/website-closure`} class="stack card">
          <Csrf c={c} />
          <h3>{t('websites.close')}</h3>
          <fieldset class="field"><legend>{t('websites.ending')}</legend>
            <label><input type="radio" name="ending" value="not_vulnerable" required /> {t('case.status.not_vulnerable')}</label>
            <label><input type="radio" name="ending" value="stalled" required /> {t('case.status.stalled')}</label>
          </fieldset>
          <label>{t('websites.stall_reason')}
            <select name="reason"><option value="">—</option>{STALL_REASONS.map((r) => <option value={r}>{t(`websites.stall_reason.${r}`)}</option>)}</select>
          </label>
          <label>{t('websites.closure_note')}<textarea name="note" required maxlength={5000}></textarea></label>
          <button type="submit" class="danger">{t('websites.close_button')}</button>
        </form>
      )}

      {staff && can('resume_handling') && view.parties.some((p) => p.notified_at) && (
        <form method="post" action={`/cases/${k.id}/resume-handling`} class="inline">
          <Csrf c={c} />
          <label>{t('websites.resume_note')}<input name="note" required maxlength={5000} /></label>
          <button type="submit">{t('websites.resume_button')}</button>
        </form>
      )}
      {staff && CLOSED_WEBSITE_STATUSES.includes(status) && status !== 'stalled' && <p class="meta">{t('websites.closed_note')}</p>}
    </section>
  )
}

/** The public alert whose publication ended the case (the latest close_by_alert event names it). */
async function alertThatClosed(c: Ctx, caseId: string) {
  const db = c.var.deps.db
  const event = await db.selectFrom('case_events').select('data').where('case_id', '=', caseId).where('type', '=', 'close_by_alert').orderBy('id', 'desc').limit(1).executeTakeFirst()
  const alertId = (event?.data as { alertId?: string } | undefined)?.alertId
  if (!alertId) return null
  return (await db.selectFrom('alerts').select(['identifier', 'title_ja', 'title_en']).where('id', '=', alertId).executeTakeFirst()) ?? null
}

/** Operator organisation types as options, for the operator form. */
export const orgTypeOptions = (c: Ctx, selected?: string) =>
  ORGANIZATION_TYPES.map((o) => <option value={o} selected={selected === o}>{c.var.t(`websites.org_type.${o}`)}</option>)

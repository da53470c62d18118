import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate, formatDateTime } from '../platform/i18n/index.js'
import { PRODUCT_TYPES } from '../cases/categories.js'
import { SELF_REPORT_REJECTION_REASONS } from './self-reports.schemas.js'
import type { SelfReportRow } from './self-reports.repository.js'
import { selfReportsPolicies } from './self-reports.policies.js'

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** The 自社製品届出 form for a member of a developer organisation. */
export function SelfReportForm(props: { c: Ctx; values?: Record<string, unknown>; error?: unknown }) {
  const { c } = props
  const { t, lang } = c.var
  const v = props.values ?? {}
  const input = (name: string, opts: { required?: boolean; max: number; type?: string; placeholder?: string; hint?: string; label?: string }) => (
    <Field label={opts.label ?? t(`self_reports.field.${name}`)} name={name} required={opts.required} hint={opts.hint}>
      <input id={name} name={name} type={opts.type ?? 'text'} required={opts.required} maxlength={opts.max} placeholder={opts.placeholder} value={str(v[name])} />
    </Field>
  )
  const area = (name: string, required: boolean, hint?: string) => (
    <Field label={t(`self_reports.field.${name}`)} name={name} required={required} hint={hint}>
      <textarea id={name} name={name} required={required} maxlength={20000}>{str(v[name])}</textarea>
    </Field>
  )
  return (
    <Form c={c} error={props.error} action="/self-reports" class="stack">
      <Csrf c={c} />
      <p class="hint">{t('self_reports.form_intro')}</p>
      <fieldset class="stack">
        <legend>{t('self_reports.section.product')}</legend>
        {input('productName', { required: true, max: 200 })}
        {input('productVersions', { required: true, max: 500, hint: t('self_reports.hint.productVersions') })}
        <Field label={t('intake.product_type')} name="productType">
          <select id="productType" name="productType"><option value="">—</option>
            {PRODUCT_TYPES.map((p) => <option value={p.key} selected={v.productType === p.key}>{p[lang]}</option>)}</select>
        </Field>
      </fieldset>
      <fieldset class="stack">
        <legend>{t('self_reports.section.vulnerability')}</legend>
        {input('vulnerabilityTitleJa', { required: true, max: 300 })}
        {input('vulnerabilityTitleEn', { max: 300 })}
        {area('description', true)}
        {input('cveId', { max: 30, placeholder: 'CVE-2026-0000' })}
        {input('cweId', { max: 20, placeholder: 'CWE-79' })}
        {input('cvss31Vector', { max: 200, placeholder: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' })}
        {input('cvss40Vector', { max: 200 })}
      </fieldset>
      <fieldset class="stack">
        <legend>{t('self_reports.section.fix')}</legend>
        {area('fixDescription', true)}
        {input('fixedVersions', { max: 500 })}
        {input('fixReleasedOn', { max: 10, type: 'date', hint: t('self_reports.hint.fixReleasedOn') })}
        {input('proposedPublicationDate', { max: 10, type: 'date', label: t('coordination.proposed_date') })}
      </fieldset>
      <fieldset class="stack">
        <legend>{t('self_reports.section.statement')}</legend>
        {area('statementJa', true, t('self_reports.hint.statement'))}
        {area('statementEn', false)}
      </fieldset>
      <button type="submit">{t('self_reports.submit')}</button>
    </Form>
  )
}

/** Developers: their organisation's self-reports. Staff: every self-report, awaiting review first. */
export function SelfReportList(props: { c: Ctx; reports: SelfReportRow[]; filed?: string | undefined
  /** A refused 受理 / 不受理 of one report: its form shows why and keeps what was entered. */
  failed?: { id: string; form: 'accept' | 'reject'; error: unknown; values: Record<string, unknown> } }) {
  const { c } = props
  const { t, lang, user } = c.var
  const waiting = props.reports.filter((r) => r.status === 'received')
  const others = props.reports.filter((r) => r.status !== 'received')
  const staff = selfReportsPolicies.reviewSelfReport(user)
  return (
    <>
      {props.filed && <p class="notice" role="status">{t('self_reports.filed_notice', { receipt: props.filed })}</p>}
      {selfReportsPolicies.fileSelfReport(user) && <p><a href="/self-reports/new">{t('self_reports.new_title')}</a></p>}
      {props.reports.length === 0 && <p>{t('self_reports.list_empty')}</p>}
      {staff && waiting.length > 0 && (
        <section>
          <h2>{t('self_reports.awaiting_review')}</h2>
          {waiting.map((r) => (
            <div class="card" data-self-report={r.id}>
              <h3><a href={`/cases/${r.case_id}`}>{r.receipt_number}: {r.product_name} {r.product_versions}</a></h3>
              <p class="meta">{lang === 'ja' ? r.name_ja : r.name_en} · {formatDateTime(r.submitted_at, lang)}</p>
              <SelfReportReviewForms c={c} report={r} failed={props.failed?.id === r.id ? props.failed : undefined} />
            </div>
          ))}
        </section>
      )}
      {(staff ? others : props.reports).length > 0 && (
        <table data-testid="self-reports">
          <thead><tr><th>{t('self_reports.receipt')}</th><th>{t('self_reports.field.productName')}</th>
            {staff && <th>{t('self_reports.organization')}</th>}<th>{t('common.status')}</th><th>{t('self_reports.submitted_at')}</th></tr></thead>
          <tbody>{(staff ? others : props.reports).map((r) => (
            <tr><td><a href={`/cases/${r.case_id}`}>{r.receipt_number}</a></td><td>{r.product_name} {r.product_versions}</td>
              {staff && <td>{lang === 'ja' ? r.name_ja : r.name_en}</td>}
              <td>{t(`case.status.${r.status}`)}</td><td>{formatDate(r.submitted_at, lang)}</td></tr>
          ))}</tbody>
        </table>
      )}
    </>
  )
}

/** 受理 / 不受理 of a received self-report; 調整開始 of an accepted one (coordinators). */
export function SelfReportReviewForms(props: {
  c: Ctx; report: Pick<SelfReportRow, 'id' | 'status'>
  /** A refused 受理 / 不受理: which form, why, and what was entered. */
  failed?: { form: 'accept' | 'reject'; error: unknown; values: Record<string, unknown> }
}) {
  const { c, report: r, failed } = props
  const mine = (form: 'accept' | 'reject') => (failed?.form === form ? failed : undefined)
  const value = (form: 'accept' | 'reject', k: string) => str(mine(form)?.values[k])
  const { t, user } = c.var
  const base = `/self-reports/${r.id}`
  if (r.status === 'accepted' && selfReportsPolicies.coordinateSelfReport(user)) {
    return (
      <form method="post" action={`${base}/start`} class="inline">
        <Csrf c={c} />
        <span class="hint">{t('self_reports.start_hint')}</span>
        <button type="submit">{t('self_reports.start')}</button>
      </form>
    )
  }
  if (r.status !== 'received' || !selfReportsPolicies.reviewSelfReport(user)) return null
  return (
    <div class="cards">
      <Form c={c} error={mine('accept')?.error} action={`${base}/accept`} class="stack card">
        <Csrf c={c} />
        <Field label={t('intake.reject_note')} name={`accept-note-${r.id}`} names={['note']}>
          <textarea id={`accept-note-${r.id}`} name="note" maxlength={2000}>{value('accept', 'note')}</textarea>
        </Field>
        <button type="submit">{t('intake.accept')}</button>
      </Form>
      <Form c={c} error={mine('reject')?.error} action={`${base}/reject`} class="stack card">
        <Csrf c={c} />
        <Field label={t('intake.reject_reason')} name={`reject-reason-${r.id}`} names={['reason']} required>
          <select id={`reject-reason-${r.id}`} name="reason" required>{SELF_REPORT_REJECTION_REASONS.map((x) => <option value={x} selected={value('reject', 'reason') === x}>{t(`intake.reject_reason.${x}`)}</option>)}</select>
        </Field>
        <Field label={t('intake.reject_note')} name={`reject-note-${r.id}`} names={['note']}>
          <textarea id={`reject-note-${r.id}`} name="note" maxlength={2000}>{value('reject', 'note')}</textarea>
        </Field>
        <button type="submit" class="danger">{t('intake.reject')}</button>
      </Form>
    </div>
  )
}

/** What the developer reported, for the case page (staff, and the reporting organisation itself). */
export function SelfReportDetails(props: { c: Ctx; report: SelfReportRow }) {
  const { c, report: r } = props
  const { t, lang } = c.var
  return (
    <section data-testid="self-report">
      <h2>{t('self_reports.section_title')} ({r.receipt_number})</h2>
      <dl class="facts">
        <dt>{t('self_reports.organization')}</dt><dd>{lang === 'ja' ? r.name_ja : r.name_en}</dd>
        <dt>{t('self_reports.submitted_at')}</dt><dd>{formatDateTime(r.submitted_at, lang)}</dd>
        <dt>{t('self_reports.field.productName')}</dt><dd>{r.product_name}</dd>
        <dt>{t('self_reports.field.productVersions')}</dt><dd>{r.product_versions}</dd>
        {r.fixed_versions && <><dt>{t('self_reports.field.fixedVersions')}</dt><dd>{r.fixed_versions}</dd></>}
        {r.fix_released_on && <><dt>{t('self_reports.field.fixReleasedOn')}</dt><dd>{formatDate(r.fix_released_on, lang)}</dd></>}
      </dl>
      <h3>{t('self_reports.field.description')}</h3><div class="pre">{r.description}</div>
      <h3>{t('self_reports.field.fixDescription')}</h3><div class="pre">{r.fix_description}</div>
      {/* Intake decides from the case page's ordinary 受理 / 不受理 forms; coordinators get theirs here. */}
      {selfReportsPolicies.coordinateSelfReport(c.var.user) && <SelfReportReviewForms c={c} report={r} />}
    </section>
  )
}

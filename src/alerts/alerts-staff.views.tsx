import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDate, formatDateTime } from '../platform/i18n/index.js'
import { pick } from '../advisories/index.js'
import { WEBSITE_VULNERABILITY_TYPES} from '../cases/website-categories.js'
import { ALERT_BODY_MAX, ALERT_TITLE_MAX } from './alerts.schemas.js'
import type { AlertRecord, AlertRevision } from './alerts.repository.js'
import type { AlertFormValues } from './alert-form.js'
import { alertPath } from './public-alert.js'
import { categoryLabel } from '../cases/categories.js'

const SPARE_REFERENCE_ROWS = 2

export function StatusBadge(props: { c: Ctx; alert: AlertRecord }) {
  return <span class={`status alert-${props.alert.status}`}>{props.c.var.t(`alerts.status.${props.alert.status}`)}</span>
}

export function StaffAlertList(props: { c: Ctx; alerts: AlertRecord[]; covered: Map<string, number> }) {
  const { t, lang } = props.c.var
  return (
    <>
      <p>{t('alerts.staff_intro')}</p>
      <p><a href="/staff/alerts/new">{t('alerts.new')}</a> · <a href="/alerts">{t('alerts.public_list_link')}</a></p>
      {props.alerts.length === 0 ? <p>{t('alerts.staff_empty')}</p> : (
        <table>
          <thead>
            <tr><th>{t('alerts.identifier')}</th><th>{t('alerts.title')}</th><th>{t('common.status')}</th><th>{t('alerts.published')}</th><th>{t('alerts.covered_count')}</th></tr>
          </thead>
          <tbody>
            {props.alerts.map((a) => (
              <tr>
                <td>{a.identifier ?? t('alerts.not_assigned')}</td>
                <td><a href={`/staff/alerts/${a.id}`}>{pick(a.title, lang)}</a></td>
                <td><StatusBadge c={props.c} alert={a} /></td>
                <td>{a.publishedAt ? formatDate(a.publishedAt, lang) : ''}</td>
                <td><a href={`/staff/alerts/${a.id}/cases`}>{props.covered.get(a.id) ?? 0}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

/** The alert's text fields; with `revise`, also the dated note a revision needs. */
export function AlertForm(props: { c: Ctx; action: string; values: AlertFormValues; submit: string; revise?: boolean; error?: unknown }) {
  const { t, lang } = props.c.var
  const v = props.values
  const rows = [...v.references, ...Array.from({ length: SPARE_REFERENCE_ROWS }, () => ({ title: '', url: '' }))]
  // Errors name the schema's fields: `title.ja`, `references.1.url`; a revision's alert sits under `alert.`.
  // The form's rows are the submitted references (blank ones dropped) first, so row i is `references.i`.
  const at = (path: string) => (props.revise ? `alert.${path}` : path)
  return (
    <Form c={props.c} error={props.error} action={props.action} class="stack">
      <Csrf c={props.c} />
      <Field label={t('alerts.title_ja')} name="title_ja" names={[at('title.ja')]} required>
        <input id="title_ja" name="title_ja" value={v.title.ja} maxlength={ALERT_TITLE_MAX} required />
      </Field>
      <Field label={t('alerts.title_en')} name="title_en" names={[at('title.en'), at('title')]} required>
        <input id="title_en" name="title_en" value={v.title.en} maxlength={ALERT_TITLE_MAX} required />
      </Field>
      <Field label={t('alerts.vulnerability_type')} name="vulnerability_type" names={[at('vulnerabilityType')]} hint={t('alerts.vulnerability_type_hint')}>
        <select id="vulnerability_type" name="vulnerability_type">
          <option value="">{t('alerts.no_type')}</option>
          {WEBSITE_VULNERABILITY_TYPES.map((c) => <option value={c.key} selected={v.vulnerabilityType === c.key}>{c[lang]}</option>)}
        </select>
      </Field>
      <Field label={t('alerts.body_ja')} name="body_ja" names={[at('body.ja')]} hint={t('alerts.body_hint')}>
        <textarea id="body_ja" name="body_ja" rows={12} maxlength={ALERT_BODY_MAX}>{v.body.ja}</textarea>
      </Field>
      <Field label={t('alerts.body_en')} name="body_en" names={[at('body.en'), at('body')]} hint={t('alerts.body_hint')}>
        <textarea id="body_en" name="body_en" rows={12} maxlength={ALERT_BODY_MAX}>{v.body.en}</textarea>
      </Field>
      <Field label={t('alerts.references')} name="references" names={[at('references')]} group>
        {rows.map((r, i) => (
          <div class="row">
            <label>{t('alerts.reference_title')} <input name="r_title" id={`r_title-${i + 1}`} data-field={at(`references.${i}.title`)} value={r.title} maxlength={300} aria-label={`${t('alerts.reference_title')} ${i + 1}`} /></label>
            <label>{t('alerts.reference_url')} <input name="r_url" id={`r_url-${i + 1}`} data-field={at(`references.${i}.url`)} type="url" value={r.url} maxlength={2000} aria-label={`${t('alerts.reference_url')} ${i + 1}`} /></label>
          </div>
        ))}
      </Field>
      {props.revise && (
        <>
          <Field label={t('alerts.note_ja')} name="note_ja" names={['note.ja']} required hint={t('alerts.note_hint')}>
            <input id="note_ja" name="note_ja" value={v.note.ja} maxlength={2000} required />
          </Field>
          <Field label={t('alerts.note_en')} name="note_en" names={['note.en', 'note']} required>
            <input id="note_en" name="note_en" value={v.note.en} maxlength={2000} required />
          </Field>
        </>
      )}
      <button type="submit">{props.submit}</button>
    </Form>
  )
}

/** The staff page of one alert: edit and publish a draft, or revise a published alert. */
export function StaffAlertPage(props: {
  c: Ctx; alert: AlertRecord; revisions: AlertRevision[]; coveredCount: number; values: AlertFormValues; notice?: string | undefined; error?: unknown
}) {
  const { t, lang } = props.c.var
  const a = props.alert
  return (
    <>
      {props.notice && <p class="notice" role="status">{t(`alerts.notice.${props.notice}`)}</p>}
      <dl class="facts">
        <dt>{t('common.status')}</dt><dd><StatusBadge c={props.c} alert={a} /></dd>
        <dt>{t('alerts.identifier')}</dt><dd>{a.identifier ?? t('alerts.not_assigned')}</dd>
        {a.publishedAt && <><dt>{t('alerts.published')}</dt><dd>{formatDateTime(a.publishedAt, lang)}</dd></>}
        {a.identifier && <><dt>{t('alerts.public_page')}</dt><dd><a href={alertPath(a.identifier)}>{alertPath(a.identifier)}</a></dd></>}
        <dt>{t('alerts.vulnerability_type')}</dt><dd>{categoryLabel(WEBSITE_VULNERABILITY_TYPES, a.vulnerabilityType, lang) || t('alerts.no_type')}</dd>
        <dt>{t('alerts.covered_count')}</dt><dd><a href={`/staff/alerts/${a.id}/cases`}>{t('alerts.covered_link', { n: props.coveredCount })}</a></dd>
      </dl>
      {a.status === 'draft' ? (
        <>
          <p class="meta">{t('alerts.draft_private')}</p>
          <h2>{t('alerts.edit_heading')}</h2>
          <AlertForm c={props.c} action={`/staff/alerts/${a.id}`} values={props.values} submit={t('alerts.save_draft')} error={props.error} />
          <h2>{t('alerts.publish_heading')}</h2>
          <p>{t('alerts.publish_intro')}</p>
          <form method="post" action={`/staff/alerts/${a.id}/publish`}>
            <Csrf c={props.c} />
            <button type="submit">{t('alerts.publish')}</button>
          </form>
        </>
      ) : (
        <>
          <h2>{t('alerts.revise_heading')}</h2>
          <p>{t('alerts.revise_intro')}</p>
          <AlertForm c={props.c} action={`/staff/alerts/${a.id}/revisions`} values={props.values} submit={t('alerts.revise')} revise error={props.error} />
          <h2>{t('alerts.revisions')}</h2>
          <ul class="revisions">
            {a.publishedAt && <li><span class="meta">{formatDateTime(a.publishedAt, lang)}</span> {t('alerts.revision_initial')}</li>}
            {props.revisions.map((r) => <li><span class="meta">{formatDateTime(r.revisedAt, lang)}</span> {pick(r.note, lang)}</li>)}
          </ul>
        </>
      )}
      <p><a href="/staff/alerts">{t('alerts.back_to_staff_list')}</a></p>
    </>
  )
}

import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { ErrorBanner, Field } from '../platform/http/forms.js'
import { AppError } from '../platform/errors.js'
import { formatDateTime } from '../platform/i18n/index.js'
import { AdvisoryDetail } from './advisory-detail.views.js'
import { TEXT_FIELDS, type AdvisoryFormValues } from './advisory-form.js'
import { CreditChoices, FieldError, ProductRows, ReferenceRows, VulnerabilityRows, type FieldErrors } from './advisory-rows.views.js'
import type { AdvisoryWorkspace } from './advisories.queries.js'
import { presentAdvisory } from './public-advisory.js'
import { allowedProductActions, type ProductCaseStatus } from '../cases/product-case.transitions.js'

/** What the editor page shows besides the stored workspace: typed values, errors, extra rows. */
export type EditorState = {
  values: AdvisoryFormValues
  extra?: { v: number; p: number; r: number }
  error?: unknown
  notes?: { ja: string; en: string }
  schedule?: { publishAt: string; reason: string; error?: unknown }
  notice?: string
}

const fieldErrorsOf = (error: unknown): FieldErrors =>
  (error instanceof AppError ? (error.details as { fields?: FieldErrors } | undefined)?.fields : undefined) ?? {}

/** `<input type="datetime-local">` value in Japan time. */
export function tokyoLocalInput(d: Date | null): string {
  return d ? new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 16) : ''
}

function TextFields(props: { c: Ctx; values: AdvisoryFormValues; errors: FieldErrors }) {
  const { t } = props.c.var
  return (
    <fieldset>
      <legend>{t('advisories.text')}</legend>
      {TEXT_FIELDS.flatMap((field) => (['ja', 'en'] as const).map((lang) => {
        const name = `${field}_${lang}`
        const label = `${t(`advisories.${field}`)} (${t(`advisories.lang_${lang}`)})`
        return (
          <Field label={label} name={name} required={field === 'title'}>
            {field === 'title'
              ? <input id={name} name={name} value={props.values[field][lang]} maxlength={300} required />
              : <textarea id={name} name={name} maxlength={50_000}>{props.values[field][lang]}</textarea>}
            <FieldError errors={props.errors} name={`${field}.${lang}`} />
          </Field>
        )
      }))}
    </fieldset>
  )
}

/** The draft (or, once published, the revision) form with every ja/en field. */
function AdvisoryForm(props: { c: Ctx; caseId: string; ws: AdvisoryWorkspace; state: EditorState }) {
  const { c, ws, state } = props
  const { t } = c.var
  const published = ws.advisory?.status === 'published'
  const errors = fieldErrorsOf(state.error)
  const extra = state.extra ?? { v: 1, p: 1, r: 1 }
  return (
    <form method="post" action={`/cases/${props.caseId}/advisory${published ? '/revise' : ''}`} class="stack">
      <Csrf c={c} />
      <input type="hidden" name="extra_v" value={String(extra.v)} />
      <input type="hidden" name="extra_p" value={String(extra.p)} />
      <input type="hidden" name="extra_r" value={String(extra.r)} />
      <ErrorBanner c={c} error={state.error} />
      {/* The first submit button is what Enter presses: make it "save", not "add a row". */}
      <div><button type="submit">{published ? t('advisories.revise_button') : t('advisories.save_draft')}</button></div>
      {published && (
        <fieldset>
          <legend>{t('advisories.revise_title')}</legend>
          <Field label={t('advisories.revision_note_ja')} name="noteJa" required>
            <textarea id="noteJa" name="noteJa" required maxlength={2000}>{state.notes?.ja ?? ''}</textarea>
            <FieldError errors={errors} name="noteJa" />
          </Field>
          <Field label={t('advisories.revision_note_en')} name="noteEn" required>
            <textarea id="noteEn" name="noteEn" required maxlength={2000}>{state.notes?.en ?? ''}</textarea>
            <FieldError errors={errors} name="noteEn" />
          </Field>
        </fieldset>
      )}
      <TextFields c={c} values={state.values} errors={errors} />
      <VulnerabilityRows t={t} values={state.values} extra={extra.v} errors={errors} />
      <ProductRows t={t} values={state.values} extra={extra.p} errors={errors} />
      <ReferenceRows t={t} values={state.values} extra={extra.r} errors={errors} />
      <CreditChoices t={t} finders={ws.finders} chosen={state.values.credits} />
      <fieldset>
        <legend>{t('advisories.vendor_statements')}</legend>
        <p class="hint">{t('advisories.vendor_statements_hint')}</p>
        {ws.vendorStatements.length === 0 ? <p class="meta">{t('common.none')}</p>
          : <ul>{ws.vendorStatements.map((s) => <li>{s.developer[c.var.lang]}</li>)}</ul>}
      </fieldset>
      <button type="submit">{published ? t('advisories.revise_button') : t('advisories.save_draft')}</button>
    </form>
  )
}

function ScheduleForms(props: { c: Ctx; caseId: string; ws: AdvisoryWorkspace; state: EditorState }) {
  const { c, ws, state } = props
  const { t } = c.var
  const a = ws.advisory
  if (!a || a.status === 'published' || ws.isPublic) return null
  const scheduled = a.status === 'scheduled'
  // Offer only what the transition table allows from the case's state.
  const allowed = allowedProductActions(ws.caseStatus as ProductCaseStatus)
  if (!allowed.includes(scheduled ? 'reschedule_publication' : 'schedule_publication')) return null
  return (
    <section>
      <h2>{t('advisories.schedule_title')}</h2>
      <ErrorBanner c={c} error={state.schedule?.error} />
      <form method="post" action={`/cases/${props.caseId}/advisory/schedule`} class="stack narrow">
        <Csrf c={c} />
        <Field label={t('advisories.publish_at')} name="publishAt" required>
          <input id="publishAt" name="publishAt" type="datetime-local" required value={state.schedule?.publishAt ?? tokyoLocalInput(a.publishAt)} />
        </Field>
        <Field label={t('advisories.reason')} name="reason" hint={t('advisories.reason_hint')} required={scheduled}>
          <textarea id="reason" name="reason" maxlength={2000} required={scheduled}>{state.schedule?.reason ?? ''}</textarea>
        </Field>
        <button type="submit">{scheduled ? t('advisories.reschedule_button') : t('advisories.schedule_button')}</button>
      </form>
      {scheduled && allowed.includes('unschedule_publication') && (
        <form method="post" action={`/cases/${props.caseId}/advisory/unschedule`} class="stack narrow">
          <Csrf c={c} />
          <Field label={t('advisories.unschedule_reason')} name="unschedule_reason" required>
            <textarea id="unschedule_reason" name="reason" maxlength={2000} required></textarea>
          </Field>
          <button type="submit" class="danger">{t('advisories.unschedule_button')}</button>
        </form>
      )}
    </section>
  )
}

/** The coordinator's advisory page: status, the form, scheduling and a preview of what is saved. */
export function AdvisoryEditor(props: { c: Ctx; caseId: string; ws: AdvisoryWorkspace; state: EditorState }) {
  const { c, ws } = props
  const { t, lang } = c.var
  const a = ws.advisory
  return (
    <>
      {props.state.notice && <p class="notice" role="status">{props.state.notice}</p>}
      <dl class="facts">
        <dt>{t('advisories.case')}</dt><dd><a href={`/cases/${props.caseId}`}>{ws.caseTitle}</a></dd>
        <dt>{t('advisories.case_status')}</dt><dd>{t(`case.status.${ws.caseStatus}`)}</dd>
        <dt>{t('advisories.status')}</dt><dd><span class="status">{t(`advisories.status.${a?.status ?? 'none'}`)}</span></dd>
        <dt>{t('advisories.identifier')}</dt><dd>{a?.identifier ?? t('advisories.not_assigned')}</dd>
        <dt>{t('advisories.publish_at')}</dt><dd>{a?.publishAt ? formatDateTime(a.publishAt, lang) : t('advisories.not_scheduled')}</dd>
      </dl>
      <AdvisoryForm c={c} caseId={props.caseId} ws={ws} state={props.state} />
      <ScheduleForms c={c} caseId={props.caseId} ws={ws} state={props.state} />
      <section>
        <h2>{t('advisories.preview')}</h2>
        {a ? <AdvisoryDetail t={t} lang={lang} advisory={presentAdvisory(a, ws.revisions)} /> : <p class="meta">{t('advisories.no_draft')}</p>}
      </section>
    </>
  )
}

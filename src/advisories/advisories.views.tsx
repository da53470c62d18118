import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { formatDateTime, translator } from '../platform/i18n/index.js'
import { AdvisoryDetail, InLanguage } from './advisory-detail.views.js'
import { TEXT_FIELDS, type AdvisoryFormValues } from './advisory-form.js'
import { CreditChoices, ProductRows, ReferenceRows, VulnerabilityRows } from './advisory-rows.views.js'
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
  /** The section the coordinator saved from, where the notice is repeated. */
  at?: EditorSection
}

/** `<input type="datetime-local">` value in Japan time. */
export function tokyoLocalInput(d: Date | null): string {
  return d ? new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 16) : ''
}

/** One text field in Japanese and English side by side (stacked on a phone). */
function TextFields(props: { c: Ctx; values: AdvisoryFormValues; state: EditorState; published: boolean }) {
  const { t } = props.c.var
  return (
    <fieldset id="advisory-text">
      <legend>{t('advisories.text')}</legend>
      {TEXT_FIELDS.map((field) => (
        <div class="lang-pair">
          {(['ja', 'en'] as const).map((lang) => {
            const name = `${field}_${lang}`
            const label = `${t(`advisories.${field}`)} (${t(`advisories.lang_${lang}`)})`
            return (
              <Field label={label} name={name} names={[`${field}.${lang}`, `${field}${lang === 'ja' ? 'Ja' : 'En'}`, ...(lang === 'en' ? [field] : [])]} required={field === 'title'}>
                {field === 'title'
                  ? <input id={name} name={name} lang={lang} value={props.values[field][lang]} maxlength={300} required />
                  : <textarea id={name} name={name} lang={lang} maxlength={50_000}>{props.values[field][lang]}</textarea>}
              </Field>
            )
          })}
        </div>
      ))}
      <SaveButton c={props.c} at="text" state={props.state} published={props.published} />
    </fieldset>
  )
}

/** The editor's sections, in order: a save button in each returns the coordinator to it. */
export const EDITOR_SECTIONS = ['text', 'vulnerabilities', 'products', 'references', 'credits'] as const
export type EditorSection = (typeof EDITOR_SECTIONS)[number]

/**
 * Saves the whole form and comes back to section `at` (`#advisory-<at>`), where "saved" is then
 * said beside the button — the notice at the top of the page would be out of sight.
 */
function SaveButton(props: { c: Ctx; at: EditorSection; state: EditorState; published: boolean }) {
  const { t } = props.c.var
  return (
    <div>
      <button type="submit" name="at" value={props.at}>{props.published ? t('advisories.revise_button') : t('advisories.save_here')}</button>
      {props.state.notice && props.state.at === props.at && <> <span class="notice" role="status">{props.state.notice}</span></>}
    </div>
  )
}

/** The draft (or, once published, the revision) form with every ja/en field. */
function AdvisoryForm(props: { c: Ctx; caseId: string; ws: AdvisoryWorkspace; state: EditorState }) {
  const { c, ws, state } = props
  const { t } = c.var
  const published = ws.advisory?.status === 'published'
  const extra = state.extra ?? { v: 1, p: 1, r: 1 }
  return (
    <Form c={c} error={state.error} action={`/cases/${props.caseId}/advisory${published ? '/revise' : ''}`} class="stack advisory-editor">
      <Csrf c={c} />
      <input type="hidden" name="extra_v" value={String(extra.v)} />
      <input type="hidden" name="extra_p" value={String(extra.p)} />
      <input type="hidden" name="extra_r" value={String(extra.r)} />
      {/* The first submit button is what Enter presses: make it "save", not "add a row". */}
      <div><button type="submit">{published ? t('advisories.revise_button') : t('advisories.save_draft')}</button></div>
      {published && (
        <fieldset>
          <legend>{t('advisories.revise_title')}</legend>
          <div class="lang-pair">
            <Field label={t('advisories.revision_note_ja')} name="noteJa" names={['noteJa', 'note.ja']} required>
              <textarea id="noteJa" name="noteJa" lang="ja" required maxlength={2000}>{state.notes?.ja ?? ''}</textarea>
            </Field>
            <Field label={t('advisories.revision_note_en')} name="noteEn" names={['noteEn', 'note.en', 'note']} required>
              <textarea id="noteEn" name="noteEn" lang="en" required maxlength={2000}>{state.notes?.en ?? ''}</textarea>
            </Field>
          </div>
        </fieldset>
      )}
      <TextFields c={c} values={state.values} state={state} published={published} />
      <VulnerabilityRows t={t} values={state.values} extra={extra.v} save={<SaveButton c={c} at="vulnerabilities" state={state} published={published} />} />
      <ProductRows t={t} values={state.values} extra={extra.p} save={<SaveButton c={c} at="products" state={state} published={published} />} />
      <ReferenceRows t={t} values={state.values} extra={extra.r} save={<SaveButton c={c} at="references" state={state} published={published} />} />
      <CreditChoices t={t} finders={ws.finders} chosen={state.values.credits} save={<SaveButton c={c} at="credits" state={state} published={published} />} />
      <fieldset>
        <legend>{t('advisories.vendor_statements')}</legend>
        <p class="hint">{t('advisories.vendor_statements_hint')}</p>
        {ws.vendorStatements.length === 0 ? <p class="meta">{t('common.none')}</p>
          : <ul>{ws.vendorStatements.map((s) => <li><InLanguage t={t} lang={c.var.lang} text={s.developer} /></li>)}</ul>}
      </fieldset>
      <button type="submit">{published ? t('advisories.revise_button') : t('advisories.save_draft')}</button>
    </Form>
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
      <Form c={c} error={state.schedule?.error} action={`/cases/${props.caseId}/advisory/schedule`} class="stack narrow">
        <Csrf c={c} />
        <Field label={t('advisories.publish_at')} name="publishAt" required>
          <input id="publishAt" name="publishAt" type="datetime-local" required value={state.schedule?.publishAt ?? tokyoLocalInput(a.publishAt)} />
        </Field>
        <Field label={t('advisories.reason')} name="reason" hint={t('advisories.reason_hint')} required={scheduled}>
          <textarea id="reason" name="reason" maxlength={2000} required={scheduled}>{state.schedule?.reason ?? ''}</textarea>
        </Field>
        <button type="submit">{scheduled ? t('advisories.reschedule_button') : t('advisories.schedule_button')}</button>
      </Form>
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
      <section id="advisory-preview">
        <h2>{t('advisories.preview')}</h2>
        {a ? (
          <>
            <p class="hint">{t('advisories.preview_hint')}</p>
            <div class="lang-pair">
              {(['ja', 'en'] as const).map((l) => (
                <section class="card" lang={l}>
                  <h3>{translator(l)(`advisories.preview_${l}`)}</h3>
                  <AdvisoryDetail t={translator(l)} lang={l} advisory={presentAdvisory(a, ws.revisions)} />
                </section>
              ))}
            </div>
          </>
        ) : <p class="meta">{t('advisories.no_draft')}</p>}
      </section>
    </>
  )
}

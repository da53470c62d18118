import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, fieldMessages, Form } from '../platform/http/forms.js'
import { formatDateTime } from '../platform/i18n/index.js'
import type { ChecklistVersion } from './checklist.repository.js'
import { inLang } from './checklist.views.js'

const LANG_NAMES = ['ja', 'en'] as const

/** The stored text as the form's flat values (`items.0.title.ja` …). */
export function editValues(checklist: ChecklistVersion): Record<string, string> {
  const values: Record<string, string> = {}
  checklist.items.forEach((item, i) => {
    for (const l of LANG_NAMES) {
      values[`items.${i}.title.${l}`] = item.title[l]
      values[`items.${i}.summary.${l}`] = item.summary[l]
      item.levels.forEach((level, j) => {
        values[`items.${i}.levels.${j}.text.${l}`] = level.text[l]
        values[`items.${i}.levels.${j}.next.${l}`] = level.next[l]
      })
    }
  })
  return values
}

/**
 * Every item's title, explanation and level texts (ja/en) in one form, with the change note that
 * goes to subscribers. An item with a refused field opens; the others stay folded.
 */
export function ChecklistEditForm(props: { c: Ctx; checklist: ChecklistVersion; values: Record<string, unknown>; error?: unknown }) {
  const { c, checklist, values } = props
  const { t } = c.var
  const wrong = props.error ? Object.keys(fieldMessages(c, props.error)) : []
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '')
  const control = (name: string, label: string, multiline: boolean) => (
    <Field label={label} name={name} required>
      {multiline
        ? <textarea id={name} name={name} rows={2} maxlength={2000} required>{v(name)}</textarea>
        : <input id={name} name={name} value={v(name)} maxlength={200} required />}
    </Field>
  )
  const both = (prefix: string, label: string, multiline: boolean) =>
    LANG_NAMES.map((l) => control(`${prefix}.${l}`, t('guides.checklist.edit_in_lang', { field: label, lang: t(`guides.checklist.lang_${l}`) }), multiline))
  return (
    <Form c={c} error={props.error} action="/guides/developers/checklist/versions" class="stack checklist-edit">
      <Csrf c={c} />
      <p>{t('guides.checklist.edit_intro', { version: checklist.version + 1 })}</p>
      {checklist.items.map((item, i) => (
        <details open={wrong.some((k) => k.startsWith(`items.${i}.`))}>
          <summary>{t('guides.checklist.item_heading', { number: item.number, title: inLang(c, item.title) })}</summary>
          {both(`items.${i}.title`, t('guides.checklist.edit_title_field'), false)}
          {both(`items.${i}.summary`, t('guides.checklist.edit_summary_field'), true)}
          {item.levels.map((level, j) => (
            <fieldset>
              <legend>{t(`guides.checklist.level_${level.level}`)}</legend>
              {both(`items.${i}.levels.${j}.text`, t('guides.checklist.edit_level_text'), true)}
              {both(`items.${i}.levels.${j}.next`, t('guides.checklist.edit_level_next'), true)}
            </fieldset>
          ))}
        </details>
      ))}
      <Field label={t('guides.checklist.edit_note_ja')} name="noteJa" required hint={t('guides.checklist.edit_note_hint')}>
        <textarea id="noteJa" name="noteJa" rows={3} maxlength={2000} required>{v('noteJa')}</textarea>
      </Field>
      <Field label={t('guides.checklist.edit_note_en')} name="noteEn" required>
        <textarea id="noteEn" name="noteEn" rows={3} maxlength={2000} required>{v('noteEn')}</textarea>
      </Field>
      <p><button type="submit">{t('guides.checklist.edit_publish')}</button></p>
    </Form>
  )
}

/** Every version with its date and change note, newest first. */
export function VersionHistory(props: { c: Ctx; versions: ChecklistVersion[] }) {
  const { c } = props
  const { t, lang } = c.var
  return (
    <section>
      <h2>{t('guides.checklist.history_title')}</h2>
      <table>
        <thead><tr><th scope="col">{t('guides.checklist.result_version')}</th><th scope="col">{t('guides.checklist.history_date')}</th><th scope="col">{t('guides.checklist.history_note')}</th></tr></thead>
        <tbody>
          {props.versions.map((v) => (
            <tr>
              <td><a href={`/api/v1/guides/checklist/versions/${v.version}`}>{t('guides.checklist.version_n', { version: v.version })}</a></td>
              <td>{v.publishedAt ? formatDateTime(v.publishedAt, lang) : t('guides.checklist.history_built_in')}</td>
              <td>{v.publishedAt ? (lang === 'en' ? v.noteEn : v.noteJa) : t('guides.checklist.history_first')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { AttachmentsField, DescriptionFields, FinderFields, ReportKindTabs } from '../intake/index.js'
import { WEBSITE_IMPACTS, WEBSITE_VULNERABILITY_TYPES } from '../cases/website-categories.js'

/** The website report form. On a failed submit it comes back with every value kept. */
export function WebsiteReportForm(props: { c: Ctx; values?: Record<string, unknown>; error?: unknown }) {
  const { c } = props
  const { t, lang } = c.var
  const v = props.values ?? {}
  const s = (k: string, d = '') => (typeof v[k] === 'string' ? (v[k] as string) : Array.isArray(v[k]) ? (v[k] as string[]).join('\n') : d)
  return (
    <>
      <ReportKindTabs c={c} current="website" />
      <p>{t('websites.form_intro')}</p>
      <p class="meta">{t('intake.form_no_fetch')}</p>
      <Form c={c} error={props.error} action="/report/website" enctype="multipart/form-data" class="stack">
        <Csrf c={c} />
        <input type="hidden" name="locale" value={lang} />
        <h2>{t('websites.section_site')}</h2>
        <Field label={t('websites.urls')} name="urls" required hint={t('websites.urls_hint')}>
          <textarea id="urls" name="urls" required rows={3} maxlength={40000}>{s('urls')}</textarea>
        </Field>
        <Field label={t('websites.operator_name')} name="operatorName">
          <input id="operatorName" name="operatorName" maxlength={200} value={s('operatorName')} />
        </Field>
        <h2>{t('intake.section_vulnerability')}</h2>
        <Field label={t('websites.vulnerability_type')} name="vulnerabilityType" required>
          <select id="vulnerabilityType" name="vulnerabilityType" required>
            {WEBSITE_VULNERABILITY_TYPES.map((o) => <option value={o.key} selected={s('vulnerabilityType', 'xss') === o.key}>{o[lang]}</option>)}
          </select>
        </Field>
        <Field label={t('websites.impact')} name="impact" required>
          <select id="impact" name="impact" required>
            {WEBSITE_IMPACTS.map((o) => <option value={o.key} selected={s('impact', 'fake_content') === o.key}>{o[lang]}</option>)}
          </select>
        </Field>
        <DescriptionFields c={c} values={v} />
        <AttachmentsField c={c} />
        <FinderFields c={c} values={v} emailHint={t('websites.finder_email_hint')} shareLabel={t('websites.consent_share_identity')} />
        <button type="submit">{t('intake.submit')}</button>
      </Form>
    </>
  )
}

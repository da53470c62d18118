import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { PRODUCT_TYPES } from '../cases/categories.js'
import { MAX_ATTACHMENTS } from './intake.usecases.js'

const TRI = ['unknown', 'yes', 'no'] as const

/** The software-product report form. On a failed submit it comes back with every value kept. */
export function ProductReportForm(props: { c: Ctx; values?: Record<string, unknown>; error?: unknown }) {
  const { c } = props
  const { t, lang } = c.var
  const v = props.values ?? {}
  const s = (k: string, d = '') => (typeof v[k] === 'string' ? (v[k] as string) : d)
  const checked = (k: string) => v[k] === 'on' || v[k] === true
  const tri = (name: string) => (
    <Field group label={t(`intake.${name.replace(/[A-Z]/g, (m) => '_' + m.toLowerCase())}`)} name={name}>
      {TRI.map((opt) => (
        <label><input type="radio" name={name} value={opt} checked={s(name, 'unknown') === opt} /> {t(`intake.tri.${opt}`)} </label>
      ))}
    </Field>
  )
  return (
    <>
      <ReportKindTabs c={c} current="product" />
      <p>{t('intake.form_intro')}</p>
      <p class="meta">{t('intake.form_no_fetch')}</p>
      <Form c={c} error={props.error} action="/report" enctype="multipart/form-data" class="stack">
        <Csrf c={c} />
        <input type="hidden" name="locale" value={lang} />
        <h2>{t('intake.section_product')}</h2>
        <Field label={t('intake.product_name')} name="productName" required>
          <input id="productName" name="productName" required maxlength={200} value={s('productName')} />
        </Field>
        <Field label={t('intake.product_version')} name="productVersion" required>
          <input id="productVersion" name="productVersion" required maxlength={200} value={s('productVersion')} />
        </Field>
        <Field label={t('intake.developer_name')} name="developerName">
          <input id="developerName" name="developerName" maxlength={200} value={s('developerName')} />
        </Field>
        <Field label={t('intake.product_type')} name="productType" required>
          <select id="productType" name="productType" required>
            {PRODUCT_TYPES.map((p) => <option value={p.key} selected={s('productType', 'other') === p.key}>{p[lang]}</option>)}
          </select>
        </Field>
        <h2>{t('intake.section_vulnerability')}</h2>
        <DescriptionFields c={c} values={v} />
        <Field label={t('intake.impact')} name="impact" required>
          <textarea id="impact" name="impact" required maxlength={5000}>{s('impact')}</textarea>
        </Field>
        <Field label={t('intake.discovery_method')} name="discoveryMethod">
          <textarea id="discoveryMethod" name="discoveryMethod" maxlength={2000}>{s('discoveryMethod')}</textarea>
        </Field>
        {tri('alreadyPublic')}
        {tri('exploited')}
        {tri('developerContacted')}
        <AttachmentsField c={c} />
        <FinderFields c={c} values={v} emailHint={t('intake.finder_email_hint')} shareLabel={t('intake.consent_share_identity')} />
        <label><input type="checkbox" name="consentCredit" checked={checked('consentCredit')} /> {t('intake.consent_credit')}</label>
        <Field label={t('intake.credit_name')} name="creditName">
          <input id="creditName" name="creditName" maxlength={200} value={s('creditName')} />
        </Field>
        <button type="submit">{t('intake.submit')}</button>
      </Form>
    </>
  )
}

/** The attachments field of both report forms. */
export function AttachmentsField(props: { c: Ctx }) {
  const { t } = props.c.var
  return (
    <Field label={t('intake.attachments')} name="attachments"
      hint={t('intake.attachments_hint', { count: MAX_ATTACHMENTS, size: Math.floor(props.c.var.deps.config.maxAttachmentBytes / 1024 / 1024) })}>
      <input id="attachments" name="attachments" type="file" multiple />
    </Field>
  )
}

/** Who the finder is and whether the other side may know: the same on both report forms. */
export function FinderFields(props: { c: Ctx; values: Record<string, unknown>; emailHint: string; shareLabel: string }) {
  const { t, user } = props.c.var
  const v = props.values
  const s = (k: string, d = '') => (typeof v[k] === 'string' ? (v[k] as string) : d)
  return (
    <>
      <h2>{t('intake.section_finder')}</h2>
      <Field label={t('intake.finder_name')} name="finderName" required>
        <input id="finderName" name="finderName" required maxlength={100} value={s('finderName', user?.displayName ?? '')} />
      </Field>
      <Field label={t('intake.finder_email')} name="finderEmail" hint={props.emailHint}>
        <input id="finderEmail" name="finderEmail" type="email" maxlength={254} value={s('finderEmail', user?.email ?? '')} />
      </Field>
      <Field label={t('intake.finder_organization')} name="finderOrganization">
        <input id="finderOrganization" name="finderOrganization" maxlength={200} value={s('finderOrganization')} />
      </Field>
      <Field label={t('pgp.public_key_field')} name="finderPgpPublicKey" hint={t('pgp.finder_key_hint')}>
        <textarea id="finderPgpPublicKey" name="finderPgpPublicKey" rows={4}>{s('finderPgpPublicKey')}</textarea>
      </Field>
      <label><input type="checkbox" name="consentShareIdentity" checked={v.consentShareIdentity === 'on' || v.consentShareIdentity === true} /> {props.shareLabel}</label>
    </>
  )
}

/** The two report forms, one per kind (DESIGN §2): the finder picks the kind first. */
export function ReportKindTabs(props: { c: Ctx; current: 'product' | 'website' }) {
  const { t } = props.c.var
  return (
    <nav class="tabs" aria-label={t('websites.report_kind')}>
      <a href="/report" aria-current={props.current === 'product' ? 'page' : undefined}>{t('intake.kind.product')}</a>
      <a href="/report/website" aria-current={props.current === 'website' ? 'page' : undefined}>{t('intake.kind.website')}</a>
    </nav>
  )
}

/** What the vulnerability is and how to reproduce it: the same fields on both report forms. */
export function DescriptionFields(props: { c: Ctx; values: Record<string, unknown> }) {
  const { t } = props.c.var
  const s = (k: string) => (typeof props.values[k] === 'string' ? (props.values[k] as string) : '')
  return (
    <>
      <Field label={t('intake.description')} name="description" required>
        <textarea id="description" name="description" required maxlength={20000}>{s('description')}</textarea>
      </Field>
      <Field label={t('intake.reproduction')} name="reproduction" required>
        <textarea id="reproduction" name="reproduction" required maxlength={20000}>{s('reproduction')}</textarea>
      </Field>
    </>
  )
}

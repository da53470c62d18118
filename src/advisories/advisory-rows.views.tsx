import type { Child } from 'hono/jsx'
import { Field } from '../platform/http/forms.js'
import type { Translate } from '../platform/i18n/index.js'
import type { AdvisoryFormValues } from './advisory-form.js'
import type { Finder } from './advisories.repository.js'
import { PackageFields } from './package-fields.views.js'

/** Blank rows after the filled ones: one by default, more when the coordinator asked for them. */
const blanks = (n: number) => Array.from({ length: Math.max(1, n) }, () => undefined)

function AddRowButton(props: { t: Translate; group: 'v' | 'p' | 'r' }) {
  return <button type="submit" class="secondary" name="more" value={props.group} formnovalidate>{props.t('advisories.add_row')}</button>
}

/**
 * A row's errors name the schema's fields (`vulnerabilities.2.cveId`); the `Form` around the editor
 * shows each beside its field. Filled rows come first, so row i is the submission's i-th.
 */
export function VulnerabilityRows(props: { t: Translate; values: AdvisoryFormValues; extra: number; save?: Child }) {
  const { t } = props
  const rows = [...props.values.vulnerabilities, ...blanks(props.extra)]
  return (
    <fieldset id="advisory-vulnerabilities">
      <legend>{t('advisories.vulnerabilities')}</legend>
      <p class="hint">{t('advisories.rows_hint')}</p>
      {rows.map((v, i) => (
        <div class="card">
          <input type="hidden" name="v_id" value={v?.id ?? ''} />
          <div class="lang-pair">
            <Field label={`${t('advisories.vulnerability_title')} (${t('advisories.lang_ja')})`} name={`v_title_ja_${i}`} names={[`vulnerabilities.${i}.titleJa`, `vulnerabilities.${i}.title.ja`]}>
              <input id={`v_title_ja_${i}`} name="v_title_ja" lang="ja" value={v?.titleJa ?? ''} maxlength={300} />
            </Field>
            <Field label={`${t('advisories.vulnerability_title')} (${t('advisories.lang_en')})`} name={`v_title_en_${i}`} names={[`vulnerabilities.${i}.titleEn`, `vulnerabilities.${i}.title`]}>
              <input id={`v_title_en_${i}`} name="v_title_en" lang="en" value={v?.titleEn ?? ''} maxlength={300} />
            </Field>
          </div>
          <Field label={t('advisories.cve')} name={`v_cve_${i}`} names={[`vulnerabilities.${i}.cveId`]}>
            <input id={`v_cve_${i}`} name="v_cve" value={v?.cveId ?? ''} placeholder="CVE-2026-12345" maxlength={30} />
          </Field>
          <Field label={t('advisories.cwe')} name={`v_cwe_${i}`} names={[`vulnerabilities.${i}.cweId`]}>
            <input id={`v_cwe_${i}`} name="v_cwe" value={v?.cweId ?? ''} placeholder="CWE-79" maxlength={20} />
          </Field>
          <Field label={t('advisories.cvss31')} name={`v_cvss31_${i}`} names={[`vulnerabilities.${i}.cvss31Vector`]}>
            <input id={`v_cvss31_${i}`} name="v_cvss31" value={v?.cvss31Vector ?? ''} placeholder="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" maxlength={200} />
          </Field>
          <Field label={t('advisories.cvss40')} name={`v_cvss40_${i}`} names={[`vulnerabilities.${i}.cvss40Vector`, `vulnerabilities.${i}`]}>
            <input id={`v_cvss40_${i}`} name="v_cvss40" value={v?.cvss40Vector ?? ''} placeholder="CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" maxlength={200} />
          </Field>
        </div>
      ))}
      <AddRowButton t={t} group="v" />
      {props.save}
    </fieldset>
  )
}

/** One name of an affected-product row in Japanese and English, side by side (stacked on a phone). */
function NamePair(props: { t: Translate; i: number; field: 'developer' | 'product' | 'versions'; value: { ja: string; en: string } | undefined }) {
  const { t, i, field } = props
  const max = field === 'versions' ? 1000 : 200
  return (
    <div class="lang-pair">
      {(['ja', 'en'] as const).map((lang) => {
        const id = `p_${field}_${lang}_${i}`
        return (
          <Field label={`${t(`advisories.${field}`)} (${t(`advisories.lang_${lang}`)})`} name={id}
            names={[`affectedProducts.${i}.${field}.${lang}`, `affectedProducts.${i}.${field}${lang === 'ja' ? 'Ja' : 'En'}`, ...(lang === 'en' ? [`affectedProducts.${i}.${field}`] : [])]}
            hint={lang === 'en' && field !== 'versions' ? t('advisories.name_en_hint') : undefined}>
            <input id={id} name={`p_${field}_${lang}`} lang={lang} value={props.value?.[lang] ?? ''} maxlength={max} />
          </Field>
        )
      })}
    </div>
  )
}

/** Affected products: developer, product and versions in both languages, and the CPE name. */
export function ProductRows(props: { t: Translate; values: AdvisoryFormValues; extra: number; save?: Child }) {
  const { t } = props
  const rows = [...props.values.affectedProducts, ...blanks(props.extra)]
  return (
    <fieldset id="advisory-products">
      <legend>{t('advisories.affected_products')}</legend>
      {rows.map((p, i) => (
        <div class="card">
          <NamePair t={t} i={i} field="developer" value={p?.developer} />
          <NamePair t={t} i={i} field="product" value={p?.product} />
          <NamePair t={t} i={i} field="versions" value={p?.versions} />
          {/* The row's other problems (`affectedProducts.2`) are shown by the package's last field, the row's last. */}
          <Field label={t('advisories.cpe')} name={`p_cpe_${i}`} names={[`affectedProducts.${i}.cpe`]}>
            <input id={`p_cpe_${i}`} name="p_cpe" value={p?.cpe ?? ''} maxlength={300} />
          </Field>
          <PackageFields t={t} i={i} value={p?.package} />
        </div>
      ))}
      <AddRowButton t={t} group="p" />
      {props.save}
    </fieldset>
  )
}

export function ReferenceRows(props: { t: Translate; values: AdvisoryFormValues; extra: number; save?: Child }) {
  const { t } = props
  const rows = [...props.values.references, ...blanks(props.extra)]
  return (
    <fieldset id="advisory-references">
      <legend>{t('advisories.references')}</legend>
      <table>
        <thead><tr><th>{t('advisories.reference_title')}</th><th>{t('advisories.reference_url')}</th></tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr>
              <td><Field label={t('advisories.reference_title')} name={`r_title_${i}`} names={[`references.${i}.title`]}>
                <input id={`r_title_${i}`} name="r_title" value={r?.title ?? ''} maxlength={300} />
              </Field></td>
              <td><Field label={t('advisories.reference_url')} name={`r_url_${i}`} names={[`references.${i}.url`, `references.${i}`]}>
                <input id={`r_url_${i}`} name="r_url" type="url" value={r?.url ?? ''} maxlength={2000} />
              </Field></td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddRowButton t={t} group="r" />
      {props.save}
    </fieldset>
  )
}

/** Finders to credit: only those who consented can be ticked (DESIGN §2, §6). */
export function CreditChoices(props: { t: Translate; finders: Finder[]; chosen: string[] | undefined; save?: Child }) {
  const { t, finders } = props
  const chosen = new Set(props.chosen ?? finders.filter((f) => f.consentCredit).map((f) => f.reportId))
  return (
    <fieldset id="advisory-credits">
      <legend>{t('advisories.credits')}</legend>
      <input type="hidden" name="credits_shown" value="1" />
      {finders.length === 0 ? <p class="meta">{t('advisories.no_finders')}</p> : (
        <ul>
          {finders.map((f) => (
            <li>
              <label>
                <input type="checkbox" name="credit" value={f.reportId} checked={f.consentCredit && chosen.has(f.reportId)} disabled={!f.consentCredit} />
                {' '}{f.name} <span class="meta">({f.receiptNumber})</span>{' '}
                <span class="status">{f.consentCredit ? t('advisories.credit_consented') : t('advisories.credit_no_consent')}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {props.save}
    </fieldset>
  )
}

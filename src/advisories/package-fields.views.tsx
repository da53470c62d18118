import { Field } from '../platform/http/forms.js'
import type { Translate } from '../platform/i18n/index.js'
import type { PackageValues } from './advisory-form.js'
import { COMMON_ECOSYSTEMS, OSV_ECOSYSTEMS } from './packages.js'

const OTHER_ECOSYSTEMS = OSV_ECOSYSTEMS.filter((e) => !(COMMON_ECOSYSTEMS as readonly string[]).includes(e))

/**
 * The package of affected-product row `i` (the OSV record's): ecosystem and name or a purl, the
 * affected ranges and listed versions. Ranges are named per row (`p_pkg_fixed_2`), since a row holds
 * several; errors name the schema's fields (`affectedProducts.2.package.ranges.0.fixed`). Its last
 * field also shows what no field before it claimed: the package's, then the whole row's problems.
 */
export function PackageFields(props: { t: Translate; i: number; value: PackageValues | undefined }) {
  const { t, i } = props
  const v = props.value
  const at = `affectedProducts.${i}.package`
  const ecosystem = v?.ecosystem ?? ''
  const known = ecosystem === '' || (OSV_ECOSYSTEMS as readonly string[]).includes(ecosystem)
  const spare = Math.max(1, v?.spareRanges ?? 1)
  const ranges = [...(v?.ranges ?? []), ...Array.from({ length: spare }, () => undefined)]
  const option = (e: string) => <option value={e} selected={e === ecosystem}>{e}</option>
  return (
    // Groups, not nested fieldsets: the product row's fieldset stays the one the editor's section ends with.
    <div class="package" role="group" aria-labelledby={`p_pkg_${i}`}>
      <p class="legend" id={`p_pkg_${i}`}><strong>{t('advisories.package')}</strong></p>
      <p class="hint">{t('advisories.package_hint')}</p>
      <input type="hidden" name={`p_pkg_spare_${i}`} value={String(spare)} />
      <Field label={t('advisories.ecosystem')} name={`p_pkg_ecosystem_${i}`} names={[`${at}.ecosystem`]}>
        <select id={`p_pkg_ecosystem_${i}`} name="p_pkg_ecosystem">
          <option value="" selected={ecosystem === ''}>{t('advisories.ecosystem_none')}</option>
          {/* A value the list does not hold (typed through the API, or refused) stays selected, so nothing typed is lost. */}
          {!known && option(ecosystem)}
          <optgroup label={t('advisories.ecosystem_common')}>{COMMON_ECOSYSTEMS.map(option)}</optgroup>
          <optgroup label={t('advisories.ecosystem_other')}>{OTHER_ECOSYSTEMS.map(option)}</optgroup>
        </select>
      </Field>
      <Field label={t('advisories.package_name')} name={`p_pkg_name_${i}`} names={[`${at}.name`]}>
        <input id={`p_pkg_name_${i}`} name="p_pkg_name" value={v?.name ?? ''} maxlength={300} placeholder="@example/parser" />
      </Field>
      <Field label={t('advisories.purl')} name={`p_pkg_purl_${i}`} names={[`${at}.purl`]} hint={t('advisories.purl_hint')}>
        <input id={`p_pkg_purl_${i}`} name="p_pkg_purl" value={v?.purl ?? ''} maxlength={1000} placeholder="pkg:npm/%40example/parser" />
      </Field>
      <div role="group" aria-labelledby={`p_pkg_ranges_${i}`}>
        <p class="legend" id={`p_pkg_ranges_${i}`}><strong>{t('advisories.ranges')}</strong></p>
        <p class="hint">{t('advisories.ranges_hint')}</p>
        {ranges.map((r, j) => (
          <div class="range-row">
            <Field label={t('advisories.introduced')} name={`p_pkg_introduced_${i}_${j}`} names={[`${at}.ranges.${j}.introduced`]}>
              <input id={`p_pkg_introduced_${i}_${j}`} name={`p_pkg_introduced_${i}`} value={r?.introduced ?? ''} maxlength={100} placeholder="1.0.0" />
            </Field>
            <Field label={t('advisories.fixed')} name={`p_pkg_fixed_${i}_${j}`} names={[`${at}.ranges.${j}.fixed`]}>
              <input id={`p_pkg_fixed_${i}_${j}`} name={`p_pkg_fixed_${i}`} value={r?.fixed ?? ''} maxlength={100} placeholder="1.2.3" />
            </Field>
            <Field label={t('advisories.last_affected')} name={`p_pkg_last_affected_${i}_${j}`} names={[`${at}.ranges.${j}.lastAffected`]}>
              <input id={`p_pkg_last_affected_${i}_${j}`} name={`p_pkg_last_affected_${i}`} value={r?.lastAffected ?? ''} maxlength={100} />
            </Field>
          </div>
        ))}
        <button type="submit" class="secondary" name="more" value={`range_${i}`} formnovalidate>{t('advisories.add_range')}</button>
      </div>
      <Field label={t('advisories.package_versions')} name={`p_pkg_versions_${i}`} names={[`${at}.versions`, `${at}.ranges`, at, `affectedProducts.${i}`]} hint={t('advisories.package_versions_hint')}>
        <input id={`p_pkg_versions_${i}`} name="p_pkg_versions" value={v?.versions ?? ''} maxlength={5000} placeholder="1.0.0, 1.0.1" />
      </Field>
    </div>
  )
}

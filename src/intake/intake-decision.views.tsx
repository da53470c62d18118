import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { PRODUCT_TYPES, REJECTION_REASONS } from '../cases/categories.js'
import { WEBSITE_IMPACTS, WEBSITE_VULNERABILITY_TYPES } from '../cases/website-categories.js'

/** 受理 / 不受理: the two decisions intake staff take on a received report. */
export function IntakeDecisionForms(props: { c: Ctx; caseId: string; kind: 'product' | 'website' }) {
  const { c, caseId } = props
  const { t, lang } = c.var
  return (
    <section>
      <h2>{t('cases.section.decision')}</h2>
      <div class="cards">
        <form method="post" action={`/cases/${caseId}/accept`} class="stack card">
          <Csrf c={c} />
          {props.kind === 'product' ? (
            <label>{t('intake.product_type')}
              <select name="productType"><option value="">—</option>{PRODUCT_TYPES.map((p) => <option value={p.key}>{p[lang]}</option>)}</select>
            </label>
          ) : (
            <>
              <label>{t('websites.vulnerability_type')}
                <select name="vulnerabilityType"><option value="">—</option>{WEBSITE_VULNERABILITY_TYPES.map((p) => <option value={p.key}>{p[lang]}</option>)}</select>
              </label>
              <label>{t('websites.impact')}
                <select name="impact"><option value="">—</option>{WEBSITE_IMPACTS.map((p) => <option value={p.key}>{p[lang]}</option>)}</select>
              </label>
            </>
          )}
          <label>{t('intake.reject_note')}<textarea name="note" maxlength={2000}></textarea></label>
          <button type="submit" name="decision" value="accept">{t('intake.accept')}</button>
        </form>
        <form method="post" action={`/cases/${caseId}/reject`} class="stack card">
          <Csrf c={c} />
          <fieldset class="choices">
            <legend>{t('intake.reject_reason')}</legend>
            {REJECTION_REASONS.map((r, i) => <label><input type="radio" name="reason" value={r} required checked={i === 0} /> {t(`intake.reject_reason.${r}`)}</label>)}
          </fieldset>
          <label>{t('intake.duplicate_of')}<input name="duplicateOfReceipt" maxlength={40} placeholder="KK-2026-000000" /></label>
          <label>{t('intake.reject_note')}<textarea name="note" maxlength={2000}></textarea></label>
          <button type="submit" class="danger">{t('intake.reject')}</button>
        </form>
      </div>
    </section>
  )
}

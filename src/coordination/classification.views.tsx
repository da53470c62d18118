import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { CAUSES, PRODUCT_TYPES } from '../cases/categories.js'

/** Product type and cause, for the statistics; staff set them as the case becomes clear. */
export function ClassificationForm(props: { c: Ctx; caseId: string; productType: string | null; cause: string | null }) {
  const { c } = props
  const { t, lang } = c.var
  return (
    <section>
      <h2>{t('coordination.classification')}</h2>
      <form method="post" action={`/cases/${props.caseId}/classification`} class="inline">
        <Csrf c={c} />
        <label>{t('intake.product_type')}
          <select name="productType">{PRODUCT_TYPES.map((p) => <option value={p.key} selected={props.productType === p.key}>{p[lang]}</option>)}</select>
        </label>
        <label>{t('coordination.cause')}
          <select name="cause"><option value="">—</option>{CAUSES.map((p) => <option value={p.key} selected={props.cause === p.key}>{p[lang]}</option>)}</select>
        </label>
        <button type="submit" class="secondary">{t('common.save')}</button>
      </form>
    </section>
  )
}

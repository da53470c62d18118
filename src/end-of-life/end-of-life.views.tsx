import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { formatDate, formatDateTime } from '../platform/i18n/index.js'
import { CLOSED_PRODUCT_STATUSES, type ProductCaseStatus } from '../cases/product-case.transitions.js'
import type { CaseView } from '../cases/case-view.js'
import { caseSupportEnd } from '../products/index.js'
import { isPastSupportEnd } from './support-end.usecases.js'
import { allowedEolHandlings } from './eol-handling.usecases.js'

/** Support end (サポート終了) of a product case and the coordinator's choice of handling A–E. */
export async function EndOfLifeSection(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  const { t, lang } = c.var
  const k = view.kase
  const end = await caseSupportEnd(c.var.deps.db, k.id)
  const past = isPastSupportEnd(end, c.var.deps.clock.now())
  const closed = CLOSED_PRODUCT_STATUSES.includes(k.status as ProductCaseStatus)
  const handlings = past && !closed ? allowedEolHandlings(k.status) : []
  return (
    <section data-section="end-of-life">
      <h2>{t('end_of_life.section')}</h2>
      {past && <p class="notice" data-testid="past-end-of-support">{end.supportEndDate
        ? t('end_of_life.past_end_of_support', { date: formatDate(end.supportEndDate, lang) })
        : t('end_of_life.past_end_of_support_undated')}</p>}
      <p class="meta">{t('end_of_life.from_catalogue')}</p>
      <dl class="facts">
        <dt>{t('end_of_life.support_end_date')}</dt><dd data-testid="support-end-date">{end.supportEndDate ? formatDate(end.supportEndDate, lang) : end.endedWithoutDate ? t('end_of_life.ended_date_unknown') : t('end_of_life.unknown')}</dd>
        {end.productName && <><dt>{t('end_of_life.product_name')}</dt><dd>{end.productId ? <a href={`/products/${end.productId}`}>{end.productName}</a> : end.productName}</dd></>}
        {end.productVersion && <><dt>{t('end_of_life.product_version')}</dt><dd>{end.productVersion}</dd></>}
        {k.eol_handling && <><dt>{t('end_of_life.handling')}</dt>
          <dd data-testid="eol-handling">{t(`end_of_life.handling.${k.eol_handling}`)} <span class="meta">({formatDateTime(k.eol_handling_at, lang)})</span></dd></>}
      </dl>
      {!closed && (
        <form method="post" action={`/cases/${k.id}/end-of-life`} class="inline">
          <Csrf c={c} />
          <label>{t('end_of_life.support_end_date')}<input type="date" name="supportEndDate" value={end.supportEndDate ?? ''} /></label>
          <label>{t('end_of_life.product_name')}<input name="productName" maxlength={200} value={end.productName ?? ''} /></label>
          <label>{t('end_of_life.product_version')}<input name="productVersion" maxlength={200} value={end.productVersion ?? ''} /></label>
          <button type="submit" class="secondary">{t('common.save')}</button>
        </form>
      )}
      {handlings.length > 0 && (
        <form method="post" action={`/cases/${k.id}/end-of-life/handling`} class="stack">
          <Csrf c={c} />
          <fieldset>
            <legend>{t('end_of_life.choose_handling')}</legend>
            {handlings.map((h) => (
              <label><input type="radio" name="handling" value={h} required checked={k.eol_handling === h} /> {t(`end_of_life.handling.${h}`)}
                <small class="hint"> — {t(`end_of_life.handling_hint.${h}`)}</small></label>
            ))}
          </fieldset>
          <label>{t('end_of_life.note')}<textarea name="note" maxlength={2000}></textarea></label>
          <button type="submit">{t('end_of_life.record_handling')}</button>
        </form>
      )}
    </section>
  )
}

/** 個別対応 and low-impact closure: the forms while the case can end so, the record once it has. */
export function EndingsSection(props: { c: Ctx; view: CaseView }) {
  const { c, view } = props
  const { t, lang } = c.var
  const k = view.kase
  if (k.status === 'handled_individually' || k.status === 'closed_low_impact') {
    return (
      <section data-section="ending">
        <h2>{t('end_of_life.endings')}</h2>
        <dl class="facts">
          <dt>{t('common.status')}</dt><dd>{t(`case.status.${k.status}`)}</dd>
          {k.ended_on && <><dt>{t('end_of_life.ended_on')}</dt><dd data-testid="ended-on">{formatDate(k.ended_on, lang)}</dd></>}
          {k.closed_at && <><dt>{t('end_of_life.closed_at')}</dt><dd>{formatDateTime(k.closed_at, lang)}</dd></>}
          {k.ending_note && <><dt>{t('end_of_life.note')}</dt><dd class="pre">{k.ending_note}</dd></>}
        </dl>
      </section>
    )
  }
  const forms = (['handle_individually', 'close_low_impact'] as const).filter((a) => view.actions.includes(a))
  if (!forms.length) return null
  return (
    <section data-section="endings">
      <h2>{t('end_of_life.endings')}</h2>
      <div class="cards">
        {forms.map((a) => (
          <form method="post" action={`/cases/${k.id}/${a === 'handle_individually' ? 'handle-individually' : 'close-low-impact'}`} class="stack card">
            <Csrf c={c} />
            <h3>{t(`end_of_life.ending.${a}`)}</h3>
            <p class="meta">{t(`end_of_life.ending_hint.${a}`)}</p>
            <label>{t('end_of_life.ended_on')}<input type="date" name="date" /></label>
            <label>{t('end_of_life.note')}<textarea name="note" required maxlength={2000}></textarea></label>
            <button type="submit" class="danger">{t(`end_of_life.ending.${a}`)}</button>
          </form>
        ))}
      </div>
    </section>
  )
}

/** Intake and coordinators join a received report to the case it duplicates; staff see where a duplicate went. */
export function DuplicateSection(props: { c: Ctx; view: CaseView; canJoin: boolean }) {
  const { c, view } = props
  const { t } = c.var
  const k = view.kase
  if (k.duplicate_of) {
    return <p class="notice" data-testid="duplicate-of">{t('duplicates.joined_into')} <a href={`/cases/${k.duplicate_of}`}>{k.duplicate_of}</a></p>
  }
  if (!props.canJoin || k.status !== 'received') return null
  return (
    <section data-section="join-duplicate">
      <h2>{t('duplicates.section')}</h2>
      <p class="meta">{t('duplicates.hint')}</p>
      <form method="post" action={`/cases/${k.id}/join-duplicate`} class="stack">
        <Csrf c={c} />
        <label>{t('duplicates.target_receipt')}<input name="targetReceipt" required maxlength={40} placeholder="KK-2026-000000" /></label>
        <label>{t('end_of_life.note')}<textarea name="note" maxlength={2000}></textarea></label>
        <button type="submit">{t('duplicates.join')}</button>
      </form>
    </section>
  )
}

import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { formatDateTime } from '../platform/i18n/index.js'
import type { CaseTip } from './tip-handling.js'

/**
 * The public's tips on the case page: open ones first with the form to mark them handled (outcome
 * and note), handled ones with what came of them, who and when. Everything is rendered as text.
 */
export function TipList(props: { c: Ctx; tips: CaseTip[] }) {
  const { c, tips } = props
  const { t, lang } = c.var
  const open = tips.filter((tip) => !tip.handling)
  const ordered = [...open, ...tips.filter((tip) => tip.handling)]
  return (
    <>
      <h3>{t('uncontactable.tips')}</h3>
      <p class="meta" data-open-tips={String(open.length)}>{t('uncontactable.tips_open_count', { n: open.length, total: tips.length })}</p>
      {ordered.map((tip) => (
        <div class="message" id={`tip-${tip.id}`} data-tip={tip.id} data-tip-handled={String(Boolean(tip.handling))}>
          <div class="meta">{formatDateTime(tip.createdAt, lang)} · {tip.name} &lt;{tip.email}&gt;</div>
          <div class="pre">{tip.message}</div>
          {tip.handling ? (
            <div class="meta" data-tip-handling={tip.handling.outcome}>
              {t('uncontactable.tip_handled_by', { outcome: t(`uncontactable.tip_outcome.${tip.handling.outcome}`), name: tip.handling.by ?? t('uncontactable.tip_handler_unknown'), at: formatDateTime(tip.handling.at, lang) })}
              <div class="pre">{tip.handling.note}</div>
            </div>
          ) : (
            <form method="post" action={`/uncontactable/tips/${tip.id}/handling`} class="stack">
              <Csrf c={c} />
              <fieldset>
                <legend>{t('uncontactable.tip_outcome')}</legend>
                <label><input type="radio" name="outcome" value="reached_developer" required /> {t('uncontactable.tip_outcome.reached_developer')}</label>
                <label><input type="radio" name="outcome" value="not_useful" /> {t('uncontactable.tip_outcome.not_useful')}</label>
              </fieldset>
              <label>{t('uncontactable.tip_note')}<textarea name="note" required maxlength={2000}></textarea></label>
              <button type="submit">{t('uncontactable.tip_mark_handled')}</button>
            </form>
          )}
        </div>
      ))}
    </>
  )
}

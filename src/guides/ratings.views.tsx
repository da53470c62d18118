import type { Ctx } from '../platform/http/context.js'
import { Csrf } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import { RATING_COMMENT_MAX } from './ratings.schemas.js'

const STARS = [1, 2, 3, 4, 5] as const

const text = (v: unknown) => (typeof v === 'string' ? v : '')

/**
 * A guide page's rating form: five radio stars, each named in words too (the glyphs are
 * decoration), an optional comment, and the page and channel it is for. Plain HTML: works
 * without JavaScript. After a refusal it shows the problems and keeps what was entered.
 */
export function RatingForm(props: { c: Ctx; page: string; channel: string; values?: Record<string, unknown>; error?: unknown }) {
  const { c, values = {} } = props
  const { t } = c.var
  const chosen = text(values.stars)
  return (
    <Form c={c} error={props.error} action="/guides/ratings" class="stack rating-form" id="rating-form">
      <Csrf c={c} />
      <input type="hidden" name="page" value={props.page} />
      <input type="hidden" name="ch" value={props.channel} />
      <Field label={t('guides.rating.legend')} name="stars" group required>
        <div class="rating-stars">
          {STARS.map((n) => (
            <label>
              <input type="radio" name="stars" value={String(n)} id={`rating-stars-${n}`} checked={chosen === String(n)} required />
              <span class="rating-glyphs" aria-hidden="true">{'★'.repeat(n)}{'☆'.repeat(5 - n)}</span>
              <span>{t(`guides.rating.star_${n}`)}</span>
            </label>
          ))}
        </div>
      </Field>
      <Field label={t('guides.rating.comment')} name="comment" hint={t('guides.rating.comment_hint', { max: String(RATING_COMMENT_MAX) })}>
        <textarea id="comment" name="comment" maxlength={RATING_COMMENT_MAX} rows={3} aria-describedby="comment-hint">{text(values.comment)}</textarea>
      </Field>
      <p class="hint">{t('guides.rating.once_hint')}</p>
      <div><button type="submit">{t('guides.rating.submit')}</button></div>
    </Form>
  )
}

/** After a rating: thanks, whether it replaced the visitor's earlier one, and the way back to the page. */
export function RatingThanks(props: { c: Ctx; page: { path: string; title: string }; stars: number | null; replaced: boolean }) {
  const { t } = props.c.var
  return (
    <>
      <p class="notice" role="status">
        {props.stars ? t('guides.rating.thanks_text', { page: props.page.title, stars: String(props.stars) }) : t('guides.rating.thanks_text_plain', { page: props.page.title })}
        {props.replaced && <> {t('guides.rating.replaced_text')}</>}
      </p>
      <p>{t('guides.rating.private_note')}</p>
      <p><a href={props.page.path}>{t('guides.rating.back', { page: props.page.title })}</a></p>
    </>
  )
}

/** A refused rating: what was wrong, the form again with what was entered, and the way back. */
export function RatingRefused(props: { c: Ctx; page: { path: string; title: string } | null; channel: string; values: Record<string, unknown>; error: unknown }) {
  const { c, page } = props
  const { t } = c.var
  return (
    <>
      {page
        ? <RatingForm c={c} page={page.path} channel={props.channel} values={props.values} error={props.error} />
        : <p class="error" role="alert">{t('guides.rating.page_unknown')}</p>}
      <p><a href={page?.path ?? '/guides'}>{page ? t('guides.rating.back', { page: page.title }) : t('guides.index_title')}</a></p>
    </>
  )
}

import type { Ctx } from '../platform/http/context.js'
import { Csrf, page } from '../platform/http/layout.js'
import { Field, Form } from '../platform/http/forms.js'
import type { AppError } from '../platform/errors.js'

/**
 * A thread message that was refused (blank, too long): a page of its own with the message field
 * labelled and marked, the text as typed, and a way back to the thread. Posted again from here, it
 * goes to the same place.
 */
export function refusedMessagePage(c: Ctx, props: { action: string; back: string; error: AppError; values: Record<string, unknown> }) {
  const { t } = c.var
  const typed = typeof props.values.body === 'string' ? props.values.body : ''
  return page(c, t('cases.message_refused_title'), (
    <>
      <p><a href={props.back}>{t('common.back')}</a></p>
      <Form c={c} error={props.error} action={props.action} class="stack">
        <Csrf c={c} />
        <Field label={t('cases.message_body')} name="body" required>
          <textarea id="body" name="body" required maxlength={20000}>{typed}</textarea>
        </Field>
        <button type="submit">{t('cases.message_send')}</button>
      </Form>
    </>
  ), props.error.status)
}

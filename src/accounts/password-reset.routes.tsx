import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { Csrf, page } from '../platform/http/layout.js'
import { ErrorBanner, Field, Form } from '../platform/http/forms.js'
import { NewPasswordField } from './password-field.views.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { rateLimit } from '../platform/http/rate-limit.js'
import { AppError } from '../platform/errors.js'
import { email, password } from './accounts.schemas.js'
import { askForPasswordReset, findOpenReset, resetPassword, RESET_LINK_MINUTES } from './password-reset.js'

/** "Forgot password": a mailed single-use link that sets a new password. */
export const passwordResetRoutes = new Hono<AppEnv>()

// Asking is limited per client as signing in is; the secret link's reads count too (guesses).
passwordResetRoutes.use('/password/forgot', rateLimit('password-forgot', 10, 300))
passwordResetRoutes.use('/password/reset/*', rateLimit('password-reset', 20, 300, { reads: true }))

const forgotSchema = z.object({ email })
const resetSchema = z.object({ password })

function ForgotForm(props: { c: Ctx; email?: string; error?: unknown }) {
  const { c } = props
  const { t } = c.var
  return (
    <>
      <p>{t('accounts.forgot_intro', { minutes: RESET_LINK_MINUTES })}</p>
      <Form c={c} error={props.error} action="/password/forgot" class="stack narrow">
        <Csrf c={c} />
        <Field label={t('accounts.email')} name="email" required>
          <input id="email" name="email" type="email" autocomplete="username" required maxlength={254} value={props.email ?? ''} />
        </Field>
        <button type="submit">{t('accounts.forgot_button')}</button>
      </Form>
      <p><a href="/login">{t('accounts.back_to_login')}</a></p>
    </>
  )
}

passwordResetRoutes.get('/password/forgot', (c) => page(c, c.var.t('accounts.forgot_title'), <ForgotForm c={c} />))

passwordResetRoutes.post('/password/forgot', async (c) => {
  const body = await formBody(c)
  let input: z.infer<typeof forgotSchema>
  try {
    input = parseWith(forgotSchema, body)
  } catch (error) {
    return page(c, c.var.t('accounts.forgot_title'), <ForgotForm c={c} email={String(body.email ?? '')} error={error} />, 400)
  }
  await askForPasswordReset(c.var.deps, input.email)
  // The same words for every address, account or not.
  return page(c, c.var.t('accounts.forgot_title'), (
    <>
      <p class="notice" data-testid="reset-asked">{c.var.t('accounts.forgot_sent', { minutes: RESET_LINK_MINUTES })}</p>
      <p><a href="/login">{c.var.t('accounts.back_to_login')}</a></p>
    </>
  ))
})

async function ResetForm(props: { c: Ctx; secret: string; error?: unknown }) {
  const { c, secret } = props
  const { t } = c.var
  const reset = await findOpenReset(c.var.deps, secret)
  return (
    <>
      <p>{t('accounts.reset_intro', { email: reset.email })}</p>
      <Form c={c} error={props.error} action={`/password/reset/${secret}`} class="stack narrow">
        <Csrf c={c} />
        {/* lets a password manager file the new password under the right account */}
        <input type="hidden" name="username" autocomplete="username" value={reset.email} />
        <NewPasswordField c={c} label={t('accounts.new_password')} />
        <button type="submit">{t('accounts.reset_button')}</button>
      </Form>
    </>
  )
}

/** An unusable link says so, and offers a new one, instead of a bare 404. */
function invalidLinkPage(c: Ctx, error: AppError) {
  return page(c, c.var.t('accounts.reset_title'), (
    <>
      <ErrorBanner c={c} error={error} />
      <p><a href="/password/forgot">{c.var.t('accounts.forgot_again')}</a></p>
    </>
  ), 404)
}

passwordResetRoutes.get('/password/reset/:resetSecret', async (c) => {
  // The secret is in the address: keep it out of caches and of the next site's Referer.
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  try {
    return page(c, c.var.t('accounts.reset_title'), await ResetForm({ c, secret: c.req.param('resetSecret') }))
  } catch (error) {
    if (error instanceof AppError && error.code === 'accounts.reset_link_invalid') return invalidLinkPage(c, error)
    throw error
  }
})

passwordResetRoutes.post('/password/reset/:resetSecret', async (c) => {
  const secret = c.req.param('resetSecret')
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  const body = await formBody(c)
  try {
    const input = parseWith(resetSchema, body)
    await resetPassword(c.var.deps, secret, input.password)
  } catch (error) {
    if (error instanceof AppError && error.code === 'accounts.reset_link_invalid') return invalidLinkPage(c, error)
    if (!(error instanceof AppError) || error.status >= 500) throw error
    return page(c, c.var.t('accounts.reset_title'), await ResetForm({ c, secret, error }), 400)
  }
  return page(c, c.var.t('accounts.reset_title'), (
    <>
      <p class="notice" data-testid="password-reset-done">{c.var.t('accounts.reset_done')}</p>
      <p><a href="/login">{c.var.t('accounts.login_title')}</a></p>
    </>
  ))
})

import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { Csrf, page } from '../platform/http/layout.js'
import { ErrorBanner, Field } from '../platform/http/forms.js'
import { formBody, jsonBody, parseWith } from '../platform/http/validate.js'
import { rateLimit } from '../platform/http/rate-limit.js'
import { safeNext } from '../platform/http/guards.js'
import { errors } from '../platform/errors.js'
import { isEnrolled, startEnrolment, verifySecondFactor } from './second-factor.js'
import { completeSecondFactor } from './sessions.js'

/** The second step of a staff sign-in: a TOTP code, or enrolment of an authenticator app the first time. */
export const secondFactorRoutes = new Hono<AppEnv>()

secondFactorRoutes.use('/login/second-factor', rateLimit('second-factor', 10, 300))
secondFactorRoutes.use('/api/v1/session/second-factor', rateLimit('second-factor', 10, 300))

const codeSchema = z.object({ code: z.string().trim().max(10) })

function pendingUser(c: Ctx) {
  if (!c.var.pendingUser || !c.var.secondFactorPending) throw errors.notFound()
  return c.var.pendingUser
}

async function SecondFactorForm(props: { c: Ctx; next: string; error?: unknown }) {
  const { c } = props
  const { t, deps } = c.var
  const user = pendingUser(c)
  const enrolled = await isEnrolled(deps.db, user.id)
  const enrolment = enrolled ? null : await startEnrolment(deps.db, user.id, user.email)
  return (
    <>
      {enrolment ? (
        <section>
          <p>{t('accounts.totp_enrol_intro')}</p>
          <img src={enrolment.qrDataUrl} alt={t('accounts.totp_qr_alt')} width="200" height="200" />
          <p>{t('accounts.totp_manual')} <code class="secret" data-testid="totp-secret">{enrolment.secret}</code></p>
        </section>
      ) : <p>{t('accounts.totp_intro')}</p>}
      <ErrorBanner c={c} error={props.error} />
      <form method="post" action="/login/second-factor" class="stack narrow">
        <Csrf c={c} />
        <input type="hidden" name="next" value={props.next} />
        <Field label={t('accounts.totp_code')} name="code" required>
          <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength={6} required />
        </Field>
        <button type="submit">{t('accounts.totp_submit')}</button>
      </form>
    </>
  )
}

secondFactorRoutes.get('/login/second-factor', async (c) => {
  const form = await SecondFactorForm({ c, next: safeNext(c.req.query('next')) })
  c.header('Cache-Control', 'no-store')
  return page(c, c.var.t('accounts.totp_title'), form)
})

secondFactorRoutes.post('/login/second-factor', async (c) => {
  const user = pendingUser(c)
  const body = await formBody(c)
  try {
    const { code } = parseWith(codeSchema, body)
    await verifySecondFactor(c.var.deps.db, user.id, code, c.var.deps.clock.now())
    await completeSecondFactor(c)
    return c.redirect(safeNext(body.next), 303)
  } catch (error) {
    const form = await SecondFactorForm({ c, next: safeNext(body.next), error })
    return page(c, c.var.t('accounts.totp_title'), form, 400)
  }
})

/** API: the code for a session signed in with POST /api/v1/session. Enrolment happens in the browser. */
secondFactorRoutes.post('/api/v1/session/second-factor', async (c) => {
  const user = pendingUser(c)
  const { code } = await jsonBody(c, codeSchema)
  await verifySecondFactor(c.var.deps.db, user.id, code, c.var.deps.clock.now())
  await completeSecondFactor(c)
  return c.json({ secondFactorDone: true })
})

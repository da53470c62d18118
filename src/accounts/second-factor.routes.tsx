import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Ctx, CurrentUser } from '../platform/http/context.js'
import { Csrf, page } from '../platform/http/layout.js'
import { ErrorBanner, Field, Form } from '../platform/http/forms.js'
import { formBody, jsonBody, parseWith } from '../platform/http/validate.js'
import { rateLimit } from '../platform/http/rate-limit.js'
import { requireUser, safeNext } from '../platform/http/guards.js'
import { setRetryAfter } from '../platform/http/retry-after.js'
import { errors } from '../platform/errors.js'
import { disableSecondFactor, isEnrolled, issueRecoveryCodes, needsSecondFactor, recoveryCodesLeft, secondFactorErrors, startEnrolment, verifySecondFactor, verifySignInCode } from './second-factor.js'
import { verifyPassword } from './passwords.js'
import { accountErrors } from './accounts.errors.js'
import { completeSecondFactor } from './sessions.js'
import { claimTry, forgetFailures } from './sign-in-throttle.js'
import { recordSignIn } from './accounts.usecases.js'
import { nextOrStartPage } from './start-page.js'

/** The second step of a staff sign-in: a TOTP code, or enrolment of an authenticator app the first time. */
export const secondFactorRoutes = new Hono<AppEnv>()

secondFactorRoutes.use('/login/second-factor', rateLimit('second-factor', 10, 300))
secondFactorRoutes.use('/api/v1/session/second-factor', rateLimit('second-factor', 10, 300))

// A 6-digit code from the app, or (once enrolled) a recovery code such as `abcde-fghjk`.
const codeSchema = z.object({ code: z.string().trim().max(20) })

/** The page asked for, carried through the form; empty when none was (then the start page, start-page.ts). */
const askedNext = (next: unknown) => (typeof next === 'string' && next !== '' ? safeNext(next) : '')

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
      <Form c={c} error={props.error} action="/login/second-factor" class="stack narrow">
        <Csrf c={c} />
        <input type="hidden" name="next" value={props.next} />
        <Field label={t('accounts.totp_code')} name="code" required>
          <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength={6} required />
        </Field>
        <button type="submit">{t('accounts.totp_submit')}</button>
      </Form>
      {enrolled && (
        <details data-section="recovery-code-sign-in">
          <summary>{t('accounts.recovery_use')}</summary>
          <form method="post" action="/login/second-factor" class="stack narrow">
            <Csrf c={c} />
            <input type="hidden" name="next" value={props.next} />
            <Field label={t('accounts.recovery_code')} name="recovery-code" required>
              <input id="recovery-code" name="code" autocomplete="off" autocapitalize="none" spellcheck={false} maxlength={20} required />
            </Field>
            <button type="submit" class="secondary">{t('accounts.recovery_submit')}</button>
          </form>
        </details>
      )}
    </>
  )
}

/** The recovery codes, shown once after they are made; `continueTo` is where the reader goes on. */
function RecoveryCodes(props: { c: Ctx; codes: string[]; continueTo: string }) {
  const { t } = props.c.var
  return (
    <section data-section="recovery-codes">
      <h2>{t('accounts.recovery_title')}</h2>
      <p>{t('accounts.recovery_intro')}</p>
      <ol data-testid="recovery-codes">{props.codes.map((code) => <li><code class="secret">{code}</code></li>)}</ol>
      <p><a href={props.continueTo}>{t('accounts.recovery_continue')}</a></p>
    </section>
  )
}

/** Shows freshly made recovery codes: never cached, never shown again. */
function recoveryCodesPage(c: Ctx, codes: string[], continueTo: string) {
  c.header('Cache-Control', 'no-store')
  return page(c, c.var.t('accounts.recovery_title'), <RecoveryCodes c={c} codes={codes} continueTo={continueTo} />)
}

secondFactorRoutes.get('/login/second-factor', async (c) => {
  const form = await SecondFactorForm({ c, next: askedNext(c.req.query('next')) })
  c.header('Cache-Control', 'no-store')
  return page(c, c.var.t('accounts.totp_title'), form)
})

secondFactorRoutes.post('/login/second-factor', async (c) => {
  const user = pendingUser(c)
  const body = await formBody(c)
  try {
    const { code } = parseWith(codeSchema, body)
    const { db, clock } = c.var.deps
    const enrolling = !(await isEnrolled(db, user.id))
    await verifySignInCode(db, user.id, code, clock.now())
    await completeSecondFactor(c)
    await recordSignIn(db, user.id, clock.now())
    // Enrolled just now (staff at first sign-in): the recovery codes, once, before going on.
    const next = nextOrStartPage(body.next, user, safeNext)
    if (enrolling) return recoveryCodesPage(c, await issueRecoveryCodes(db, user.id, clock.now()), next)
    return c.redirect(next, 303)
  } catch (error) {
    const status = failureStatus(c, error)
    const form = await SecondFactorForm({ c, next: askedNext(body.next), error })
    return page(c, c.var.t('accounts.totp_title'), form, status)
  }
})

/** API: the code for a session signed in with POST /api/v1/session. Enrolment happens in the browser. */
secondFactorRoutes.post('/api/v1/session/second-factor', async (c) => {
  const user = pendingUser(c)
  const { code } = await jsonBody(c, codeSchema)
  await verifySignInCode(c.var.deps.db, user.id, code, c.var.deps.clock.now())
  await completeSecondFactor(c)
  await recordSignIn(c.var.deps.db, user.id, c.var.deps.clock.now())
  return c.json({ secondFactorDone: true })
})

// ---- turning the second factor on and off, for every account (/account) ----

// `/x/*` matches `/x` itself too: one registration each, or a request there would count twice.
secondFactorRoutes.use('/account/second-factor/*', rateLimit('second-factor', 10, 300))
secondFactorRoutes.use('/api/v1/account/second-factor/*', rateLimit('second-factor', 10, 300))

const disableSchema = z.object({ password: z.string().min(1).max(200), code: z.string().trim().max(20) })

/** Whether the account has the second factor on, whether it may turn it off (staff may not), and its unused recovery codes. */
export async function secondFactorState(c: Ctx, user: CurrentUser) {
  const { db } = c.var.deps
  return { enabled: await isEnrolled(db, user.id), required: needsSecondFactor(user.roles), recoveryCodesLeft: await recoveryCodesLeft(db, user.id) }
}

/** Password and a current code (6 digits from the app, or a recovery code), as asked to turn it off or remake the recovery codes. */
function PasswordAndCode(props: { c: Ctx; action: string; intro: string; button: string; idPrefix: string; danger?: boolean; error?: unknown }) {
  const { c } = props
  const { t } = c.var
  return (
    <Form c={c} error={props.error} action={props.action} class="stack narrow">
      <Csrf c={c} />
      <p class="meta">{props.intro}</p>
      <Field label={t('accounts.password')} name={`${props.idPrefix}-password`} names={['password']} required>
        <input id={`${props.idPrefix}-password`} name="password" type="password" autocomplete="current-password" required />
      </Field>
      <Field label={t('accounts.totp_code_or_recovery')} name={`${props.idPrefix}-code`} names={['code']} required>
        <input id={`${props.idPrefix}-code`} name="code" autocomplete="one-time-code" maxlength={20} required />
      </Field>
      <button type="submit" class={props.danger ? 'danger' : 'secondary'}>{props.button}</button>
    </Form>
  )
}

/** The /account section: on or off, and the way to change it; `failed`: the form whose submission was refused, and why. */
export async function AccountSecondFactorSection(props: { c: Ctx; user: CurrentUser; failed?: { form: 'recovery' | 'disable'; error: unknown } }) {
  const { c, user, failed } = props
  const errorOf = (form: 'recovery' | 'disable') => (failed?.form === form ? failed.error : undefined)
  const { t } = c.var
  const state = await secondFactorState(c, user)
  return (
    <section data-section="second-factor">
      <h2>{t('accounts.totp_title')}</h2>
      {failed && !(state.enabled && (failed.form === 'recovery' || !state.required)) && <ErrorBanner c={c} error={failed.error} />}
      <p data-testid="second-factor-state">{t(state.enabled ? 'accounts.totp_on' : 'accounts.totp_off')}</p>
      {!state.enabled && <p><a href="/account/second-factor">{t('accounts.totp_enable')}</a></p>}
      {state.enabled && (
        <>
          <p data-testid="recovery-codes-left">{t('accounts.recovery_left', { count: state.recoveryCodesLeft })}</p>
          <PasswordAndCode c={c} action="/account/second-factor/recovery-codes" idPrefix="recovery" intro={t('accounts.recovery_regenerate_intro')} button={t('accounts.recovery_regenerate')} error={errorOf('recovery')} />
        </>
      )}
      {state.enabled && (state.required ? <p class="meta">{t('accounts.totp_required_for_staff')}</p> : (
        <PasswordAndCode c={c} action="/account/second-factor/disable" idPrefix="disable" intro={t('accounts.totp_disable_intro')} button={t('accounts.totp_disable')} danger error={errorOf('disable')} />
      ))}
    </section>
  )
}

async function EnrolForm(props: { c: Ctx; user: CurrentUser; error?: unknown }) {
  const { c, user } = props
  const { t, deps } = c.var
  const enrolment = await startEnrolment(deps.db, user.id, user.email)
  return (
    <>
      <p>{t('accounts.totp_enrol_any_intro')}</p>
      <img src={enrolment.qrDataUrl} alt={t('accounts.totp_qr_alt')} width="200" height="200" />
      <p>{t('accounts.totp_manual')} <code class="secret" data-testid="totp-secret">{enrolment.secret}</code></p>
      <Form c={c} error={props.error} action="/account/second-factor" class="stack narrow">
        <Csrf c={c} />
        <Field label={t('accounts.totp_code')} name="code" required>
          <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength={6} required />
        </Field>
        <button type="submit">{t('accounts.totp_enable')}</button>
      </Form>
    </>
  )
}

secondFactorRoutes.get('/account/second-factor', async (c) => {
  const user = requireUser(c)
  if (await isEnrolled(c.var.deps.db, user.id)) return c.redirect('/account', 303)
  c.header('Cache-Control', 'no-store')
  return page(c, c.var.t('accounts.totp_title'), await EnrolForm({ c, user }))
})

secondFactorRoutes.post('/account/second-factor', async (c) => {
  const user = requireUser(c)
  const body = await formBody(c)
  try {
    if (await isEnrolled(c.var.deps.db, user.id)) throw secondFactorErrors.alreadyEnrolled()
    await verifySecondFactor(c.var.deps.db, user.id, parseWith(codeSchema, body).code, c.var.deps.clock.now())
    // This session has just shown the code: it stays signed in.
    await completeSecondFactor(c)
    return recoveryCodesPage(c, await issueRecoveryCodes(c.var.deps.db, user.id, c.var.deps.clock.now()), '/account')
  } catch (error) {
    c.header('Cache-Control', 'no-store')
    return page(c, c.var.t('accounts.totp_title'), await EnrolForm({ c, user, error }), 400)
  }
})

/**
 * The password and a current code (from the app, or a recovery code) of an enrolled account.
 * Both back off per account exactly as at sign-in (sign-in-throttle.ts), counted under the same
 * keys: otherwise a stolen session or API token could try passwords here, told apart from wrong
 * codes by the answer, at the fixed window's pace instead of the back-off's.
 */
async function checkPasswordAndCode(c: Ctx, user: CurrentUser, input: z.infer<typeof disableSchema>) {
  const { db, clock } = c.var.deps
  if (!(await isEnrolled(db, user.id))) throw secondFactorErrors.notEnrolled()
  const waiting = await claimTry(db, user.email, clock.now())
  if (waiting > 0) throw accountErrors.signInThrottled(Math.ceil(waiting / 1000))
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow()
  if (!(await verifyPassword(row.password_hash, input.password))) throw accountErrors.badCredentials() // counted by claimTry
  await forgetFailures(db, user.email)
  await verifySignInCode(db, user.id, input.code, clock.now())
}

/** A form's failure: 429 with `Retry-After` while the account waits (back-off or rate limit), otherwise 400. */
function failureStatus(c: Ctx, error: unknown): 400 | 429 {
  return setRetryAfter(c, error) ? 429 : 400
}

/** Checks the password and a current code, then forgets the secret and the recovery codes. */
async function disable(c: Ctx, user: CurrentUser, input: z.infer<typeof disableSchema>) {
  if (needsSecondFactor(user.roles)) throw secondFactorErrors.requiredForStaff()
  await checkPasswordAndCode(c, user, input)
  await disableSecondFactor(c.var.deps.db, user.id)
}

/** Checks the password and a current code, then replaces the recovery codes (the old ones stop working). */
async function remakeRecoveryCodes(c: Ctx, user: CurrentUser, input: z.infer<typeof disableSchema>) {
  await checkPasswordAndCode(c, user, input)
  return issueRecoveryCodes(c.var.deps.db, user.id, c.var.deps.clock.now())
}

secondFactorRoutes.post('/account/second-factor/recovery-codes', async (c) => {
  const user = requireUser(c)
  const body = await formBody(c)
  try {
    return recoveryCodesPage(c, await remakeRecoveryCodes(c, user, parseWith(disableSchema, body)), '/account')
  } catch (error) {
    const status = failureStatus(c, error)
    return page(c, c.var.t('accounts.totp_title'), <AccountSecondFactorSection c={c} user={user} failed={{ form: 'recovery', error }} />, status)
  }
})

secondFactorRoutes.post('/account/second-factor/disable', async (c) => {
  const user = requireUser(c)
  const body = await formBody(c)
  try {
    await disable(c, user, parseWith(disableSchema, body))
    return c.redirect('/account', 303)
  } catch (error) {
    const status = failureStatus(c, error)
    return page(c, c.var.t('accounts.totp_title'), <AccountSecondFactorSection c={c} user={user} failed={{ form: 'disable', error }} />, status)
  }
})

/** API: whether the second factor is on, and required. */
secondFactorRoutes.get('/api/v1/account/second-factor', async (c) => c.json(await secondFactorState(c, requireUser(c))))

/** API: starts enrolment; the secret and otpauth:// link go to the authenticator app, a code confirms. */
secondFactorRoutes.post('/api/v1/account/second-factor', async (c) => {
  const user = requireUser(c)
  if (await isEnrolled(c.var.deps.db, user.id)) throw secondFactorErrors.alreadyEnrolled()
  const { secret, uri } = await startEnrolment(c.var.deps.db, user.id, user.email)
  c.header('Cache-Control', 'no-store')
  return c.json({ secret, uri })
})

secondFactorRoutes.post('/api/v1/account/second-factor/confirmation', async (c) => {
  const user = requireUser(c)
  const { code } = await jsonBody(c, codeSchema)
  if (await isEnrolled(c.var.deps.db, user.id)) throw secondFactorErrors.alreadyEnrolled()
  await verifySecondFactor(c.var.deps.db, user.id, code, c.var.deps.clock.now())
  await completeSecondFactor(c)
  c.header('Cache-Control', 'no-store')
  return c.json({ enabled: true, recoveryCodes: await issueRecoveryCodes(c.var.deps.db, user.id, c.var.deps.clock.now()) })
})

/** API: new recovery codes (password and a current code); the old ones stop working. */
secondFactorRoutes.post('/api/v1/account/second-factor/recovery-codes', async (c) => {
  const user = requireUser(c)
  const recoveryCodes = await remakeRecoveryCodes(c, user, await jsonBody(c, disableSchema))
  c.header('Cache-Control', 'no-store')
  return c.json({ recoveryCodes }, 201)
})

secondFactorRoutes.delete('/api/v1/account/second-factor', async (c) => {
  const user = requireUser(c)
  await disable(c, user, await jsonBody(c, disableSchema))
  return c.json({ enabled: false })
})

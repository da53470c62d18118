import { Hono } from 'hono'
import type { z } from 'zod'
import type { AppEnv, Ctx, CurrentUser } from '../platform/http/context.js'
import { Csrf, page } from '../platform/http/layout.js'
import { Field, Form, refusedInput } from '../platform/http/forms.js'
import { formBody, jsonBody, parseWith } from '../platform/http/validate.js'
import { rateLimit } from '../platform/http/rate-limit.js'
import { safeNext } from '../platform/http/guards.js'
import { setRetryAfter } from '../platform/http/retry-after.js'
import { errors } from '../platform/errors.js'
import { acceptInvitationSchema, createTokenSchema, loginSchema, registerSchema } from './accounts.schemas.js'
import { acceptInvitation, logIn, recordSignIn, registerFinder } from './accounts.usecases.js'
import { createApiToken, endSession, startSession } from './sessions.js'
import { loadCurrentUser } from './accounts.repository.js'
import { nextOrStartPage } from './start-page.js'
import { TokenList, TOKEN_EXPIRY_CHOICES } from './tokens.views.js'
import { createTokenFormSchema, listTokens, revokeToken } from './tokens.js'
import { findOpenInvitation } from './invitations.js'
import { NewPasswordField } from './password-field.views.js'
import { AccountSecondFactorSection } from './second-factor.routes.js'
import { AppError } from '../platform/errors.js'

const secondFactorRequired = () => new AppError('accounts.second_factor_required', 409, 'Finish signing in with your authenticator code first.')

export const accountsRoutes = new Hono<AppEnv>()

accountsRoutes.use('/login', rateLimit('login', 10, 300))
accountsRoutes.use('/api/v1/session', rateLimit('login', 10, 300))
accountsRoutes.use('/register', rateLimit('register', 5, 3600))


function LoginForm(props: { c: Ctx; email?: string; next?: string; error?: unknown }) {
  const { c } = props
  const { t } = c.var
  return (
    <>
      <Form c={c} error={props.error} action="/login" class="stack narrow">
        <Csrf c={c} />
        {/* no `next`: the person's own start page (start-page.ts) */}
        <input type="hidden" name="next" value={props.next ?? ''} />
        <Field label={t('accounts.email')} name="email" required>
          <input id="email" name="email" type="email" autocomplete="username" required value={props.email ?? ''} />
        </Field>
        <Field label={t('accounts.password')} name="password" required>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </Field>
        <button type="submit">{t('accounts.login_button')}</button>
      </Form>
      <p><a href="/password/forgot">{t('accounts.forgot_link')}</a></p>
      <p>{t('accounts.no_account')} <a href="/register">{t('nav.register')}</a></p>
    </>
  )
}

accountsRoutes.get('/login', (c) => page(c, c.var.t('accounts.login_title'), <LoginForm c={c} next={c.req.query('next')} />))

accountsRoutes.post('/login', async (c) => {
  const body = await formBody(c)
  try {
    const input = parseWith(loginSchema, body)
    const { db, clock } = c.var.deps
    const { userId, secondFactorRequired } = await logIn(db, input, clock.now())
    await startSession(c, userId)
    const next = nextOrStartPage(body.next, await loadCurrentUser(db, userId), safeNext)
    if (!secondFactorRequired) await recordSignIn(db, userId, clock.now())
    return c.redirect(secondFactorRequired ? `/login/second-factor?next=${encodeURIComponent(next)}` : next, 303)
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error
    const waiting = setRetryAfter(c, error)
    return page(c, c.var.t('accounts.login_title'),
      <LoginForm c={c} email={String(body.email ?? '')} next={body.next ? safeNext(body.next) : undefined} error={error} />, waiting ? 429 : error.status === 403 ? 403 : 400)
  }
})

accountsRoutes.post('/logout', async (c) => {
  await endSession(c)
  return c.redirect('/', 303)
})

function RegisterForm(props: { c: Ctx; values?: Record<string, unknown>; error?: unknown }) {
  const { c } = props
  const { t } = c.var
  const v = props.values ?? {}
  return (
    <>
      <p>{t('accounts.register_intro')}</p>
      <Form c={c} error={props.error} action="/register" class="stack narrow">
        <Csrf c={c} />
        <input type="hidden" name="locale" value={c.var.lang} />
        <Field label={t('accounts.display_name')} name="displayName" required>
          <input id="displayName" name="displayName" required maxlength={100} value={String(v.displayName ?? '')} />
        </Field>
        <Field label={t('accounts.email')} name="email" required>
          <input id="email" name="email" type="email" autocomplete="username" required value={String(v.email ?? '')} />
        </Field>
        <NewPasswordField c={c} label={t('accounts.password')} />
        <button type="submit">{t('accounts.register_button')}</button>
      </Form>
    </>
  )
}

accountsRoutes.get('/register', (c) => page(c, c.var.t('accounts.register_title'), <RegisterForm c={c} />))

accountsRoutes.post('/register', async (c) => {
  const body = await formBody(c)
  try {
    const { userId } = await registerFinder(c.var.deps.db, parseWith(registerSchema, body))
    await startSession(c, userId)
    return c.redirect('/my/reports', 303)
  } catch (error) {
    return page(c, c.var.t('accounts.register_title'), <RegisterForm c={c} values={{ ...body, password: '' }} error={error} />, 400)
  }
})

async function InvitationForm(props: { c: Ctx; secret: string; values?: Record<string, unknown>; error?: unknown }) {
  const { c, secret } = props
  const { t, deps, lang } = c.var
  const inv = await findOpenInvitation(deps.db, secret, deps.clock.now())
  const org = inv.organization_id
    ? await deps.db.selectFrom('organizations').select(['name_ja', 'name_en']).where('id', '=', inv.organization_id).executeTakeFirst()
    : undefined
  const v = props.values ?? {}
  return (
    <>
      {inv.purpose === 'first_admin' && <p>{t('accounts.invitation_first_admin')}</p>}
      {org && <p>{t('accounts.invitation_for_org', { org: lang === 'ja' ? org.name_ja : org.name_en })}</p>}
      {inv.purpose === 'staff' && <p>{t('accounts.invitation_staff', { roles: inv.roles.map((r) => t(`role.${r}`)).join(', ') })}</p>}
      <Form c={c} error={props.error} action={`/invitations/${secret}`} class="stack narrow">
        <Csrf c={c} />
        <Field label={t('accounts.display_name')} name="displayName" required>
          <input id="displayName" name="displayName" required maxlength={100} value={String(v.displayName ?? '')} />
        </Field>
        <Field label={t('accounts.email')} name="email" required>
          <input id="email" name="email" type="email" required value={String(v.email ?? inv.email ?? '')} />
        </Field>
        <NewPasswordField c={c} label={t('accounts.password')} />
        <button type="submit">{t('accounts.invitation_button')}</button>
      </Form>
    </>
  )
}

accountsRoutes.get('/invitations/:secret', async (c) => {
  const body = await InvitationForm({ c, secret: c.req.param('secret') })
  return page(c, c.var.t('accounts.invitation_title'), body)
})

accountsRoutes.post('/invitations/:secret', async (c) => {
  const secret = c.req.param('secret')
  const body = await formBody(c)
  try {
    const input = parseWith(acceptInvitationSchema, body)
    const { userId, caseId, secondFactorRequired } = await acceptInvitation(c.var.deps.db, { ...input, secret, now: c.var.deps.clock.now() })
    await startSession(c, userId)
    const next = caseId ? `/cases/${caseId}` : nextOrStartPage(undefined, await loadCurrentUser(c.var.deps.db, userId), safeNext)
    if (!secondFactorRequired) await recordSignIn(c.var.deps.db, userId, c.var.deps.clock.now())
    return c.redirect(secondFactorRequired ? `/login/second-factor?next=${encodeURIComponent(next)}` : next, 303)
  } catch (error) {
    const form = await InvitationForm({ c, secret, values: body, error })
    return page(c, c.var.t('accounts.invitation_title'), form, 400)
  }
})

accountsRoutes.get('/account', (c) => {
  const user = c.var.user
  if (!user) return c.redirect('/login?next=/account', 303)
  return accountPage(c, user)
})

/** The account page; after a refused token, its form says why and keeps the name and expiry entered. */
async function accountPage(c: Ctx, user: CurrentUser, tokenForm: { error?: AppError; values?: Record<string, unknown> } = {}) {
  const { t } = c.var
  const tokens = await listTokens(c.var.deps.db, user.id)
  const expiry = tokenForm.values ? String(tokenForm.values.expiresInDays ?? '') : '90'
  return page(c, t('accounts.account_title'), (
    <>
    <AccountSecondFactorSection c={c} user={user} />
    <section data-section="api-tokens">
      <h2>{t('accounts.tokens_title')}</h2>
      <p>{t('accounts.tokens_intro')}</p>
      <TokenList c={c} tokens={tokens} />
      <Form c={c} error={tokenForm.error} action="/account/tokens" class="stack narrow">
        <Csrf c={c} />
        <Field label={t('accounts.token_name')} name="name" required>
          <input id="name" name="name" required maxlength={100} value={String(tokenForm.values?.name ?? '')} />
        </Field>
        <Field label={t('accounts.token_expiry')} name="expiresInDays">
          <select id="expiresInDays" name="expiresInDays">
            {TOKEN_EXPIRY_CHOICES.map((days) => <option value={days === null ? '' : String(days)} selected={(days === null ? '' : String(days)) === expiry}>{days === null ? t('accounts.token_expiry_never') : t('accounts.token_expiry_days', { days })}</option>)}
          </select>
        </Field>
        <button type="submit">{t('accounts.token_create')}</button>
      </Form>
    </section>
    </>
  ), tokenForm.error?.status ?? 200)
}

accountsRoutes.post('/account/tokens', async (c) => {
  if (c.var.secondFactorPending) throw secondFactorRequired()
  const user = c.var.user
  if (!user) throw errors.unauthenticated()
  const body = await formBody(c)
  let input: z.infer<typeof createTokenFormSchema>
  try {
    input = parseWith(createTokenFormSchema, body)
  } catch (e) {
    return accountPage(c, user, { error: refusedInput(e), values: body })
  }
  const { name, expiresInDays } = input
  const now = c.var.deps.clock.now()
  const { token } = await createApiToken(c.var.deps.db, user.id, name, expiresInDays ? new Date(now.getTime() + expiresInDays * 86400_000) : null)
  c.header('Cache-Control', 'no-store')
  return page(c, c.var.t('accounts.tokens_title'), (
    <>
      <p>{c.var.t('accounts.token_created')} <code class="secret" data-testid="new-token">{token}</code></p>
      <p><a href="/account">{c.var.t('accounts.account_title')}</a></p>
    </>
  ))
})

accountsRoutes.post('/account/tokens/:tokenId/revoke', async (c) => {
  const user = c.var.user
  if (!user) throw errors.unauthenticated()
  await revokeToken(c.var.deps.db, user.id, c.req.param('tokenId'), c.var.deps.clock.now())
  return c.redirect('/account', 303)
})

// ---- API ----

/** Signs in with e-mail and password; sets the session cookie and returns the CSRF token for later writes. */
accountsRoutes.post('/api/v1/session', async (c) => {
  const input = await jsonBody(c, loginSchema)
  const { userId, secondFactorRequired } = await logIn(c.var.deps.db, input, c.var.deps.clock.now())
  const { csrfToken } = await startSession(c, userId)
  if (!secondFactorRequired) await recordSignIn(c.var.deps.db, userId, c.var.deps.clock.now())
  return c.json({ userId, csrfToken, secondFactorRequired })
})

accountsRoutes.delete('/api/v1/session', async (c) => {
  await endSession(c)
  return c.body(null, 204)
})

accountsRoutes.get('/api/v1/me', (c) => {
  const user = c.var.user
  if (!user) throw errors.unauthenticated()
  return c.json({ id: user.id, email: user.email, displayName: user.displayName, roles: user.roles, organizationId: user.organizationId })
})

accountsRoutes.post('/api/v1/tokens', async (c) => {
  // A token carries the account's full powers, so a half-finished sign-in cannot mint one.
  if (c.var.secondFactorPending) throw secondFactorRequired()
  const user = c.var.user
  if (!user) throw errors.unauthenticated()
  const { name, expiresAt } = await jsonBody(c, createTokenSchema)
  if (expiresAt && new Date(expiresAt) <= c.var.deps.clock.now()) throw errors.invalidInput({ fields: { expiresAt: 'Give a time in the future.' } })
  const { id, token } = await createApiToken(c.var.deps.db, user.id, name, expiresAt ? new Date(expiresAt) : null)
  c.header('Cache-Control', 'no-store')
  return c.json({ id, token, expiresAt: expiresAt ? new Date(expiresAt).toISOString() : null }, 201)
})

/** The account's API tokens that still work or have expired (revoked ones are gone); never their secrets. */
accountsRoutes.get('/api/v1/tokens', async (c) => {
  const user = c.var.user
  if (!user) throw errors.unauthenticated()
  const now = c.var.deps.clock.now()
  return c.json({ items: (await listTokens(c.var.deps.db, user.id)).map((tok) => ({ ...tok, expired: Boolean(tok.expiresAt && tok.expiresAt <= now) })) })
})

/** Revokes one of the account's tokens (the one making the call too): it stops working at once. */
accountsRoutes.delete('/api/v1/tokens/:tokenId', async (c) => {
  const user = c.var.user
  if (!user) throw errors.unauthenticated()
  await revokeToken(c.var.deps.db, user.id, c.req.param('tokenId'), c.var.deps.clock.now())
  return c.body(null, 204)
})

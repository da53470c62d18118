import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { refusedInput } from '../platform/http/forms.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { rateLimit } from '../platform/http/rate-limit.js'
import { activeChannelTag } from './channels.repository.js'
import { announcementSchema, subscribeSchema } from './notices.schemas.js'
import { announceGuideChange, checkConfirmLink, confirmSubscription, registerForNotices, subscriptionToLeave, unsubscribe } from './notices.usecases.js'
import { CheckYourMail, LinkButton, SubscribeForm, SubscribersPage } from './notices.views.js'
import { requireAllowed } from '../platform/http/guards.js'
import { guidesPolicies } from './guides.policies.js'
import { listSubscriptions } from './notices.repository.js'

/** Registering for update notices: double opt-in, one-click unsubscribe. */
export const noticesRoutes = new Hono<AppEnv>()

const title = (c: Ctx) => c.var.t('guides.notice.title')

noticesRoutes.get('/guides/updates', async (c) => {
  const channel = await activeChannelTag(c.var.deps.db, c.req.query('ch'))
  return page(c, title(c), <SubscribeForm c={c} channel={channel} />)
})

/** Whatever the address — new, pending, confirmed — the answer is the same page. */
noticesRoutes.post('/guides/updates', rateLimit('guide-subscribe', 10, 3600), async (c) => {
  const form = await formBody(c)
  const channel = await activeChannelTag(c.var.deps.db, typeof form.ch === 'string' ? form.ch : undefined)
  let input
  try {
    input = parseWith(subscribeSchema, form)
  } catch (e) {
    return page(c, title(c), <SubscribeForm c={c} channel={channel} values={form} error={refusedInput(e)} />, 400)
  }
  await registerForNotices(c.var.deps, { ...input, channel })
  return page(c, title(c), <CheckYourMail c={c} />)
})

const confirmTitle = (c: Ctx) => c.var.t('guides.notice.confirm_title')

noticesRoutes.get('/guides/updates/confirm/:confirmToken', rateLimit('guide-secret-links', 60, 3600, { reads: true }), async (c) => {
  const token = c.req.param('confirmToken')
  await checkConfirmLink(c.var.deps, token)
  return page(c, confirmTitle(c), <LinkButton c={c} text={c.var.t('guides.notice.confirm_text')} action={`/guides/updates/confirm/${token}`} button={c.var.t('guides.notice.confirm_button')} csrf />)
})

noticesRoutes.post('/guides/updates/confirm/:confirmToken', rateLimit('guide-secret-links', 60, 3600), async (c) => {
  await confirmSubscription(c.var.deps, c.req.param('confirmToken'))
  return page(c, confirmTitle(c), <p class="notice" role="status">{c.var.t('guides.notice.confirmed')}</p>)
})

const unsubscribeTitle = (c: Ctx) => c.var.t('guides.notice.unsubscribe_title')

// No rate limit on unsubscribing: one-click POSTs come from mail providers' servers, many people
// behind one address, and the 256-bit secret in the path cannot be guessed anyway.
noticesRoutes.get('/guides/updates/unsubscribe/:unsubscribeToken', async (c) => {
  const token = c.req.param('unsubscribeToken')
  await subscriptionToLeave(c.var.deps, token)
  return page(c, unsubscribeTitle(c), <LinkButton c={c} text={c.var.t('guides.notice.unsubscribe_text')} action={`/guides/updates/unsubscribe/${token}`} button={c.var.t('guides.notice.unsubscribe_button')} csrf={false} />)
})

/**
 * One-click unsubscribe (RFC 8058): a mail client posts `List-Unsubscribe=One-Click` here with no
 * cookie and no CSRF token (the feature lists this path as a secret-link POST); the secret in the
 * path is the authority. Our own button posts the same.
 */
noticesRoutes.post('/guides/updates/unsubscribe/:unsubscribeToken', async (c) => {
  await unsubscribe(c.var.deps, c.req.param('unsubscribeToken'))
  return page(c, unsubscribeTitle(c), <p class="notice" role="status">{c.var.t('guides.notice.unsubscribed')}</p>)
})

/** Administrators: the subscribers (addresses shown to nobody else) and the announcement form. */
async function subscribersPage(c: Ctx, state: { announced?: number; values?: Record<string, unknown>; error?: unknown } = {}) {
  const subscriptions = await listSubscriptions(c.var.deps.db)
  return page(c, c.var.t('guides.notice.subscribers_title'), <SubscribersPage c={c} subscriptions={subscriptions} {...state} />, state.error ? 400 : 200)
}

noticesRoutes.get('/guides/updates/subscribers', (c) => {
  requireAllowed(c, guidesPolicies.viewSubscribers)
  const announced = Number(c.req.query('announced'))
  return subscribersPage(c, { announced: Number.isSafeInteger(announced) && announced >= 0 && c.req.query('announced') !== undefined ? announced : undefined })
})

noticesRoutes.post('/guides/updates/announcements', async (c) => {
  const user = requireAllowed(c, guidesPolicies.editGuides)
  const form = await formBody(c)
  let input
  try {
    input = parseWith(announcementSchema, form)
  } catch (e) {
    return subscribersPage(c, { values: form, error: refusedInput(e) })
  }
  const { db, clock, config } = c.var.deps
  const { notified } = await db.transaction().execute((trx) => announceGuideChange(trx, { ...input, by: user.id, now: clock.now(), publicUrl: config.publicUrl }))
  return c.redirect(`/guides/updates/subscribers?announced=${notified}`, 303)
})

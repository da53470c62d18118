import type { DB } from '../platform/db/database.js'
import type { Deps } from '../platform/http/context.js'
import { hashSecret, newId, newSecret } from '../platform/secrets.js'
import type { GuideTopic } from './guides.tables.js'
import { DOCUMENT_PAGE } from './downloads.documents.js'
import { CONFIRM_DAYS, type SubscribeInput } from './notices.schemas.js'
import { noticeErrors } from './notices.errors.js'
import {
  confirmedSubscribersOf, findSubscriptionByUnsubscribeHash, insertSubscription, lockSubscriptionByConfirmHash, lockSubscriptionOf,
  markConfirmed, markUnsubscribed, renewPendingSubscription, type Subscription,
} from './notices.repository.js'
import { mailSubscriber } from './notices.mail.js'

/**
 * Registers an address for update notices (double opt-in): a new or pending address gets a
 * confirmation link, valid for CONFIRM_DAYS days; an address already confirmed is only told so
 * (its topics change only by unsubscribing and registering again, so nobody can change another's
 * choice). The caller answers the same whatever happened here, so nobody learns whether an
 * address is registered.
 */
export async function registerForNotices(deps: Deps, input: SubscribeInput & { channel: string }): Promise<void> {
  const { db, clock, config } = deps
  const now = clock.now()
  const email = input.email.trim()
  await db.transaction().execute(async (trx) => {
    const existing = await lockSubscriptionOf(trx, email)
    if (existing?.status === 'confirmed') {
      await mailSubscriber(trx, { subscription: existing, publicUrl: config.publicUrl, now, content: (t) => ({
        subject: t('guides.notice.already_subject'),
        body: t('guides.notice.already_body', { topics: existing.topics.map((topic) => t(`guides.notice.topic.${topic}`)).join(t('guides.notice.list_separator')) }),
      }) })
      return
    }
    const confirmToken = newSecret()
    const id = existing?.id ?? newId()
    const choices = { language: input.language, topics: input.topics, channel: input.channel, confirmTokenHash: hashSecret(confirmToken), now }
    if (existing) await renewPendingSubscription(trx, id, choices)
    else await insertSubscription(trx, { id, email, ...choices, unsubscribeTokenHash: hashSecret(newSecret()) })
    await mailSubscriber(trx, { subscription: { id, email, language: input.language }, publicUrl: config.publicUrl, now, content: (t) => ({
      subject: t('guides.notice.confirm_subject'),
      body: t('guides.notice.confirm_body', {
        url: `${config.publicUrl}/guides/updates/confirm/${confirmToken}`, days: CONFIRM_DAYS,
        topics: input.topics.map((topic) => t(`guides.notice.topic.${topic}`)).join(t('guides.notice.list_separator')),
      }),
    }) })
  })
}

/** The subscription a confirmation link names, if it still works (pending within CONFIRM_DAYS, or already confirmed). */
async function confirmable(trx: DB, token: string, now: Date): Promise<Subscription> {
  const s = await lockSubscriptionByConfirmHash(trx, hashSecret(token))
  if (!s || s.status === 'unsubscribed') throw noticeErrors.confirmLinkInvalid()
  if (s.status === 'pending' && now.getTime() - s.createdAt.getTime() > CONFIRM_DAYS * 86_400_000) throw noticeErrors.confirmLinkInvalid()
  return s
}

/** Checks a confirmation link without using it (GET shows a button: mail scanners fetch links). */
export async function checkConfirmLink(deps: Deps, token: string): Promise<void> {
  await deps.db.transaction().execute((trx) => confirmable(trx, token, deps.clock.now()))
}

/** Confirms the address behind the link; confirming twice is the same as once. */
export async function confirmSubscription(deps: Deps, token: string): Promise<void> {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const s = await confirmable(trx, token, now)
    if (s.status === 'pending') await markConfirmed(trx, s.id, now)
  })
}

/** The subscription an unsubscribe link names (the newest mail's), or 404. */
export async function subscriptionToLeave(deps: Deps, token: string): Promise<Subscription> {
  const s = await findSubscriptionByUnsubscribeHash(deps.db, hashSecret(token))
  if (!s) throw noticeErrors.unsubscribeLinkInvalid()
  return s
}

/** Unsubscribes the address behind the link; again is the same as once. */
export async function unsubscribe(deps: Deps, token: string): Promise<void> {
  const s = await subscriptionToLeave(deps, token)
  await markUnsubscribed(deps.db, s.id, deps.clock.now())
}

/**
 * Announces a change to a guide or the checklist, inside the caller's transaction: records the
 * revision and queues an update notice to every confirmed subscriber of the topic, in their
 * language, with the change note, the guide's link and the one-click unsubscribe link and headers.
 * Pending and unsubscribed addresses get nothing.
 */
export async function announceGuideChange(trx: DB, input: { topic: GuideTopic; noteJa: string; noteEn: string; by: string | null; now: Date; publicUrl: string }): Promise<{ revisionId: string; notified: number }> {
  const revisionId = newId()
  await trx.insertInto('guide_revisions').values({ id: revisionId, topic: input.topic, note_ja: input.noteJa, note_en: input.noteEn, published_at: input.now, published_by: input.by }).execute()
  const subscribers = await confirmedSubscribersOf(trx, input.topic)
  const link = `${input.publicUrl}${DOCUMENT_PAGE[input.topic]}`
  for (const subscription of subscribers) {
    await mailSubscriber(trx, { subscription, publicUrl: input.publicUrl, now: input.now, content: (t) => ({
      subject: t('guides.notice.change_subject', { topic: t(`guides.notice.topic.${input.topic}`) }),
      body: t('guides.notice.change_body', { topic: t(`guides.notice.topic.${input.topic}`), note: subscription.language === 'en' ? input.noteEn : input.noteJa, url: `${link}?lang=${subscription.language}` }),
    }) })
  }
  return { revisionId, notified: subscribers.length }
}

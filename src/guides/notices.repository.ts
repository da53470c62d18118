import type { DB } from '../platform/db/database.js'
import type { Lang } from '../platform/i18n/index.js'
import type { GuideSubscriptionsTable, GuideTopic } from './guides.tables.js'

export type Subscription = {
  id: string; email: string; language: Lang; topics: GuideTopic[]; status: GuideSubscriptionsTable['status']; channel: string
  createdAt: Date; confirmedAt: Date | null; unsubscribedAt: Date | null
}

type Row = { id: string; email: string; language: Lang; topics: GuideTopic[]; status: Subscription['status']; channel: string; created_at: Date; confirmed_at: Date | null; unsubscribed_at: Date | null }

const present = (r: Row): Subscription => ({
  id: r.id, email: r.email, language: r.language, topics: r.topics, status: r.status, channel: r.channel,
  createdAt: r.created_at, confirmedAt: r.confirmed_at, unsubscribedAt: r.unsubscribed_at,
})

const COLUMNS = ['id', 'email', 'language', 'topics', 'status', 'channel', 'created_at', 'confirmed_at', 'unsubscribed_at'] as const

/** The subscription of an address (addresses compare case-insensitively), locked for the change to come. */
export async function lockSubscriptionOf(trx: DB, email: string): Promise<Subscription | undefined> {
  const row = await trx.selectFrom('guide_subscriptions').select(COLUMNS).where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).forUpdate().executeTakeFirst()
  return row && present(row)
}

export async function lockSubscriptionByConfirmHash(trx: DB, hash: string): Promise<Subscription | undefined> {
  const row = await trx.selectFrom('guide_subscriptions').select(COLUMNS).where('confirm_token_hash', '=', hash).forUpdate().executeTakeFirst()
  return row && present(row)
}

export async function findSubscriptionByUnsubscribeHash(db: DB, hash: string): Promise<Subscription | undefined> {
  const row = await db.selectFrom('guide_subscriptions').select(COLUMNS).where('unsubscribe_token_hash', '=', hash).executeTakeFirst()
  return row && present(row)
}

export async function insertSubscription(trx: DB, s: { id: string; email: string; language: Lang; topics: GuideTopic[]; channel: string; confirmTokenHash: string; unsubscribeTokenHash: string; now: Date }): Promise<void> {
  await trx.insertInto('guide_subscriptions').values({
    id: s.id, email: s.email, language: s.language, topics: JSON.stringify(s.topics), status: 'pending', confirm_token_hash: s.confirmTokenHash,
    unsubscribe_token_hash: s.unsubscribeTokenHash, channel: s.channel, created_at: s.now, confirmed_at: null, unsubscribed_at: null,
  }).execute()
}

/** A pending (or unsubscribed) address registered again: its new choices, a new confirmation link, pending from now. */
export async function renewPendingSubscription(trx: DB, id: string, s: { language: Lang; topics: GuideTopic[]; channel: string; confirmTokenHash: string; now: Date }): Promise<void> {
  await trx.updateTable('guide_subscriptions').set({
    language: s.language, topics: JSON.stringify(s.topics), channel: s.channel, status: 'pending', confirm_token_hash: s.confirmTokenHash,
    created_at: s.now, confirmed_at: null, unsubscribed_at: null,
  }).where('id', '=', id).execute()
}

export async function markConfirmed(trx: DB, id: string, now: Date): Promise<void> {
  await trx.updateTable('guide_subscriptions').set({ status: 'confirmed', confirmed_at: now }).where('id', '=', id).where('status', '=', 'pending').execute()
}

/** Unsubscribed: the confirmation link stops working too, so an old mail cannot subscribe the address again. */
export async function markUnsubscribed(db: DB, id: string, now: Date): Promise<void> {
  await db.updateTable('guide_subscriptions').set({ status: 'unsubscribed', unsubscribed_at: now, confirm_token_hash: null }).where('id', '=', id).where('status', '!=', 'unsubscribed').execute()
}

export async function replaceUnsubscribeHash(trx: DB, id: string, hash: string): Promise<void> {
  await trx.updateTable('guide_subscriptions').set({ unsubscribe_token_hash: hash }).where('id', '=', id).execute()
}

/** Confirmed subscribers of a topic, to be notified of its change. */
export async function confirmedSubscribersOf(trx: DB, topic: GuideTopic): Promise<Subscription[]> {
  const rows = await trx.selectFrom('guide_subscriptions').select(COLUMNS).where('status', '=', 'confirmed').orderBy('created_at').forUpdate().execute()
  return rows.map(present).filter((s) => s.topics.includes(topic))
}

/** Every subscription, newest first: for administrators only. */
export async function listSubscriptions(db: DB): Promise<Subscription[]> {
  const rows = await db.selectFrom('guide_subscriptions').select(COLUMNS).orderBy('created_at', 'desc').limit(1000).execute()
  return rows.map(present)
}

import type { DB } from '../platform/db/database.js'
import type { ChannelKind } from './guides.tables.js'

export type Channel = { tag: string; kind: ChannelKind; nameJa: string; nameEn: string; createdAt: Date; archivedAt: Date | null }

export const CHANNEL_TAG = /^[a-z0-9][a-z0-9-]{1,62}$/

/**
 * The channel a `?ch=` tag names, when staff created it and have not archived it. Anything else —
 * a typo, a forged or retired tag — is no channel: the visit still counts, as a direct one.
 */
export async function activeChannelTag(db: DB, tag: string | undefined): Promise<string> {
  if (!tag || !CHANNEL_TAG.test(tag)) return ''
  const row = await db.selectFrom('guide_channels').select('tag').where('tag', '=', tag).where('archived_at', 'is', null).executeTakeFirst()
  return row?.tag ?? ''
}

export async function listChannels(db: DB): Promise<Channel[]> {
  const rows = await db.selectFrom('guide_channels').selectAll().orderBy('archived_at', (ob) => ob.desc().nullsFirst()).orderBy('created_at', 'desc').execute()
  return rows.map((r) => ({ tag: r.tag, kind: r.kind, nameJa: r.name_ja, nameEn: r.name_en, createdAt: r.created_at, archivedAt: r.archived_at }))
}

const present = (r: { tag: string; kind: ChannelKind; name_ja: string; name_en: string; created_at: Date; archived_at: Date | null }): Channel =>
  ({ tag: r.tag, kind: r.kind, nameJa: r.name_ja, nameEn: r.name_en, createdAt: r.created_at, archivedAt: r.archived_at })

/** A channel by its tag, archived or not. */
export async function findChannel(db: DB, tag: string): Promise<Channel | undefined> {
  if (!CHANNEL_TAG.test(tag)) return undefined
  const row = await db.selectFrom('guide_channels').select(['tag', 'kind', 'name_ja', 'name_en', 'created_at', 'archived_at']).where('tag', '=', tag).executeTakeFirst()
  return row && present(row)
}

/** Creates a channel; false when the tag is taken (a tag is never reused, archived or not, so old counts keep their meaning). */
export async function insertChannel(db: DB, c: { tag: string; kind: ChannelKind; nameJa: string; nameEn: string; by: string | null; now: Date }): Promise<boolean> {
  const row = await db.insertInto('guide_channels').values({ tag: c.tag, kind: c.kind, name_ja: c.nameJa, name_en: c.nameEn, created_by: c.by, created_at: c.now, archived_at: null })
    .onConflict((oc) => oc.column('tag').doNothing()).returning('tag').executeTakeFirst()
  return Boolean(row)
}

/** Archives a channel: its links still work, but count as direct visits from now on. Again is the same as once. */
export async function archiveChannel(db: DB, tag: string, now: Date): Promise<void> {
  await db.updateTable('guide_channels').set({ archived_at: now }).where('tag', '=', tag).where('archived_at', 'is', null).execute()
}

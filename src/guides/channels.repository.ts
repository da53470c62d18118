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

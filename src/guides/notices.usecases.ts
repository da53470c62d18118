import type { DB } from '../platform/db/database.js'
import type { GuideTopic } from './guides.tables.js'
import { newId } from '../platform/secrets.js'

/**
 * Announces a change to a guide or the checklist, inside the caller's transaction: records the
 * revision and queues an update notice to every confirmed subscriber of the topic.
 * (Skeleton: the notice mail is added by the update-notice work.)
 */
export async function announceGuideChange(trx: DB, input: { topic: GuideTopic; noteJa: string; noteEn: string; by: string | null; now: Date; publicUrl: string }): Promise<{ revisionId: string; notified: number }> {
  const revisionId = newId()
  await trx.insertInto('guide_revisions').values({ id: revisionId, topic: input.topic, note_ja: input.noteJa, note_en: input.noteEn, published_at: input.now, published_by: input.by }).execute()
  return { revisionId, notified: 0 }
}

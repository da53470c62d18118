import type { DB } from '../platform/db/database.js'
import type { Ctx } from '../platform/http/context.js'
import { formatDate } from '../platform/i18n/index.js'
import type { GuideTopic } from './guides.tables.js'

export type GuideRevision = { publishedAt: Date; noteJa: string; noteEn: string }

/** The changes announced for a guide or the checklist, newest first. */
export async function revisionsOf(db: DB, topic: GuideTopic): Promise<GuideRevision[]> {
  const rows = await db.selectFrom('guide_revisions').select(['published_at', 'note_ja', 'note_en'])
    .where('topic', '=', topic).orderBy('published_at', 'desc').limit(50).execute()
  return rows.map((r) => ({ publishedAt: r.published_at, noteJa: r.note_ja, noteEn: r.note_en }))
}

/**
 * What changed in this guide, as its subscribers were told: the date of the last change on the
 * page, every change note behind a `<details>`. Nothing when the guide is as keikai shipped it.
 */
export async function GuideHistory(props: { c: Ctx; topic: GuideTopic | null }) {
  if (!props.topic) return null
  const { t, lang, deps } = props.c.var
  const revisions = await revisionsOf(deps.db, props.topic)
  if (revisions.length === 0) return null
  return (
    <details class="guide-history">
      <summary>{t('guides.history.summary', { date: formatDate(revisions[0]!.publishedAt, lang) })}</summary>
      <ul>
        {revisions.map((r) => <li><time datetime={r.publishedAt.toISOString()}>{formatDate(r.publishedAt, lang)}</time>: {lang === 'en' ? r.noteEn : r.noteJa}</li>)}
      </ul>
    </details>
  )
}

import type { DB } from '../platform/db/database.js'
import type { Lang } from '../platform/i18n/index.js'
import { newId } from '../platform/secrets.js'
import type { GuideTopic, SurveyPurpose } from './guides.tables.js'

/** Records one counted download with its survey answer (null: skipped). Nothing about the visitor is kept. */
export async function recordDownload(db: DB, input: { document: GuideTopic; language: Lang; purpose: SurveyPurpose | null; channel: string; now: Date }): Promise<void> {
  await db.insertInto('guide_downloads').values({
    id: newId(), document: input.document, language: input.language, purpose: input.purpose, channel: input.channel, created_at: input.now,
  }).execute()
}

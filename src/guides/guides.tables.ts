import type { ColumnType } from 'kysely'
import type { Lang } from '../platform/i18n/define.js'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type Json<T> = ColumnType<T, string, string>

/** One checklist item as stored in a version (ja/en): its part, title, what it means, and its three levels. */
export type StoredChecklistItem = {
  number: number
  part: 1 | 2 | 3
  title: { ja: string; en: string }
  summary: { ja: string; en: string }
  /** Level 1 (minimum), 2 (recommended), 3 (ideal): what meeting it means, and what to do to reach it. */
  levels: Array<{ level: 1 | 2 | 3; text: { ja: string; en: string }; next: { ja: string; en: string } }>
}

/** The guides' documents and topics of update notices: the checklist and the two consumer guides. */
export const GUIDE_TOPICS = ['checklist', 'choosing', 'using'] as const
export type GuideTopic = (typeof GUIDE_TOPICS)[number]

/** What a download's survey asks: the purpose (skippable, so null). */
export const SURVEY_PURPOSES = ['development', 'procurement', 'education', 'personal', 'other'] as const
export type SurveyPurpose = (typeof SURVEY_PURPOSES)[number]

export const CHANNEL_KINDS = ['event', 'leaflet', 'partner', 'web', 'other'] as const
export type ChannelKind = (typeof CHANNEL_KINDS)[number]

/** Migration 0027-guides. */
export interface GuideChecklistVersionsTable {
  version: number
  items: Json<StoredChecklistItem[]>
  change_note_ja: string
  change_note_en: string
  published_at: Timestamp
  published_by: string | null
}

export interface GuideChecklistResultsTable {
  id: string
  user_id: string
  version: number
  product_name: string
  /** Item number → level reached (0 = not met). */
  answers: Json<Record<string, number>>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface GuideStatementsTable {
  id: string
  organization_id: string
  slug: string
  product_name: string
  support_ends_on: string | null
  support_note_ja: string
  support_note_en: string
  contact_url: string | null
  contact_email: string | null
  update_method_ja: string
  update_method_en: string
  checklist_result_id: string | null
  published_at: Timestamp | null
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface GuideChannelsTable {
  tag: string
  kind: ChannelKind
  name_ja: string
  name_en: string
  created_by: string | null
  created_at: Timestamp
  archived_at: Timestamp | null
}

export interface GuideVisitsTable {
  day: ColumnType<string, string, string>
  page: string
  channel: string
  via: 'web' | 'qr'
  views: number
  visitors: number
}

export interface GuideVisitorMarksTable { day: string; mark: string }
export interface GuideSecretsTable { name: string; secret: string; created_at: Timestamp }

export interface GuideRatingsTable {
  page: string
  visitor: string
  stars: number
  comment: string
  channel: string
  language: Lang
  created_at: Timestamp
  updated_at: Timestamp
}

export interface GuideDownloadsTable {
  id: string
  document: GuideTopic
  language: Lang
  purpose: SurveyPurpose | null
  channel: string
  created_at: Timestamp
}

export interface GuideSubscriptionsTable {
  id: string
  email: string
  language: Lang
  topics: Json<GuideTopic[]>
  status: 'pending' | 'confirmed' | 'unsubscribed'
  confirm_token_hash: string | null
  unsubscribe_token_hash: string
  channel: string
  created_at: Timestamp
  confirmed_at: Timestamp | null
  unsubscribed_at: Timestamp | null
}

export interface GuideRevisionsTable {
  id: string
  topic: GuideTopic
  note_ja: string
  note_en: string
  published_at: Timestamp
  published_by: string | null
}

declare module '../platform/db/schema.js' {
  interface Database {
    guide_checklist_versions: GuideChecklistVersionsTable
    guide_checklist_results: GuideChecklistResultsTable
    guide_statements: GuideStatementsTable
    guide_channels: GuideChannelsTable
    guide_visits: GuideVisitsTable
    guide_visitor_marks: GuideVisitorMarksTable
    guide_secrets: GuideSecretsTable
    guide_ratings: GuideRatingsTable
    guide_downloads: GuideDownloadsTable
    guide_subscriptions: GuideSubscriptionsTable
    guide_revisions: GuideRevisionsTable
  }
}

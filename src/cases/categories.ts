import type { Lang } from '../platform/i18n/index.js'

/** Category lists of DESIGN §8, ja/en. Keys are stable; labels may change. */
export type Category = { key: string; ja: string; en: string }

export const PRODUCT_TYPES: readonly Category[] = [
  { key: 'web_application', ja: 'ウェブアプリケーションソフト', en: 'Web application software' },
  { key: 'router', ja: 'ルータ', en: 'Router' },
  { key: 'consumer_device', ja: '情報家電', en: 'Consumer electronics' },
  { key: 'smartphone_app', ja: 'スマートフォン向けアプリ', en: 'Smartphone app' },
  { key: 'web_browser', ja: 'ウェブブラウザ', en: 'Web browser' },
  { key: 'groupware', ja: 'グループウェア', en: 'Groupware' },
  { key: 'dev_runtime', ja: 'アプリケーション開発・実行環境', en: 'Application development / runtime environment' },
  { key: 'peripheral', ja: '周辺機器', en: 'Peripheral device' },
  { key: 'file_management', ja: 'ファイル管理ソフト', en: 'File management software' },
  { key: 'other', ja: 'その他', en: 'Other' },
]

export const CAUSES: readonly Category[] = [
  { key: 'web_application', ja: 'ウェブアプリケーションの脆弱性', en: 'Web application vulnerability' },
  { key: 'buffer_check', ja: 'バッファのチェックの不備', en: 'Insufficient buffer checks' },
  { key: 'access_control', ja: 'アクセス制御の不備', en: 'Improper access control' },
  { key: 'specification', ja: '仕様上の不備', en: 'Specification flaw' },
  { key: 'path_content_check', ja: 'ファイルのパス名、内容のチェックの不備', en: 'Insufficient file path / content checks' },
  { key: 'security_context', ja: 'セキュリティコンテキストの適用の不備', en: 'Improper security context' },
  { key: 'other_implementation', ja: 'その他実装上の不備', en: 'Other implementation flaw' },
  { key: 'other_web', ja: 'その他ウェブに関連する不備', en: 'Other web-related flaw' },
]

/** Why intake may refuse a report (DESIGN §2). */
export const REJECTION_REASONS = [
  'out_of_scope', 'specification_flaw', 'not_a_vulnerability', 'insufficient_information', 'duplicate', 'withdrawn',
] as const
export type RejectionReason = (typeof REJECTION_REASONS)[number]

export const categoryKeys = (list: readonly Category[]) => list.map((c) => c.key) as [string, ...string[]]

export function categoryLabel(list: readonly Category[], key: string | null | undefined, lang: Lang): string {
  if (!key) return ''
  return list.find((c) => c.key === key)?.[lang] ?? key
}

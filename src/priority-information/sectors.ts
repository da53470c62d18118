import type { Lang } from '../platform/i18n/index.js'

/**
 * Critical-infrastructure sectors (重要インフラ分野), ja/en. Keys are stable and held by a database
 * CHECK (migration 0008); labels may change here. Adding a sector means adding it here and in a
 * new migration that widens the CHECK.
 */
export const SECTORS = [
  { key: 'electricity', ja: '電力', en: 'Electricity' },
  { key: 'gas', ja: 'ガス', en: 'Gas' },
  { key: 'water', ja: '水道', en: 'Water' },
  { key: 'government', ja: '政府・行政サービス', en: 'Government and administrative services' },
  { key: 'finance', ja: '金融', en: 'Finance' },
  { key: 'telecommunications', ja: '情報通信', en: 'Information and telecommunications' },
  { key: 'broadcasting', ja: '放送', en: 'Broadcasting' },
  { key: 'aviation', ja: '航空', en: 'Aviation' },
  { key: 'railways', ja: '鉄道', en: 'Railways' },
  { key: 'logistics', ja: '物流', en: 'Logistics' },
  { key: 'medical', ja: '医療', en: 'Medical services' },
  { key: 'chemicals', ja: '化学', en: 'Chemicals' },
  { key: 'credit_cards', ja: 'クレジット', en: 'Credit cards' },
  { key: 'petroleum', ja: '石油', en: 'Petroleum' },
] as const

export type Sector = (typeof SECTORS)[number]['key']

export const SECTOR_KEYS = SECTORS.map((s) => s.key) as [Sector, ...Sector[]]

export const isSector = (v: unknown): v is Sector => typeof v === 'string' && (SECTOR_KEYS as string[]).includes(v)

export function sectorLabel(key: string | null | undefined, lang: Lang): string {
  if (!key) return ''
  return SECTORS.find((s) => s.key === key)?.[lang] ?? key
}

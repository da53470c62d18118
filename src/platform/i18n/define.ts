export type Lang = 'ja' | 'en'
export const LANGS: readonly Lang[] = ['ja', 'en']

export type Catalogue = { ja: Record<string, string>; en: Record<string, string> }

/** A feature's messages: the English table must carry exactly the Japanese table's keys. */
export function defineMessages<K extends string>(ja: Record<K, string>, en: Record<K, string>): { ja: Record<K, string>; en: Record<K, string> } {
  return { ja, en }
}

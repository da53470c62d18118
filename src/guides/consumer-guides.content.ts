import type { GuideIconName } from './guide-icons.js'

/**
 * The points of the two consumer guides, in order: each one's message keys (`<key>.title`,
 * `<key>.text`, `<key>.hint1` … `<key>.hint<hints>`) and its picture. The words live in the
 * catalogues (consumer-guides.*.messages.ts), in Japanese and English.
 */
export type ConsumerPoint = { key: string; icon: GuideIconName; hints: number }

/** DESIGN §9: the three points to check before buying. */
export const CHOOSING_FIRST: readonly ConsumerPoint[] = [
  { key: 'guides.choosing.update', icon: 'update', hints: 2 },
  { key: 'guides.choosing.website', icon: 'website', hints: 2 },
  { key: 'guides.choosing.contact', icon: 'contact', hints: 2 },
]

/** DESIGN §9: the four further points. */
export const CHOOSING_MORE: readonly ConsumerPoint[] = [
  { key: 'guides.choosing.policy', icon: 'policy', hints: 1 },
  { key: 'guides.choosing.settings', icon: 'settings', hints: 2 },
  { key: 'guides.choosing.support', icon: 'calendar', hints: 2 },
  { key: 'guides.choosing.reset', icon: 'reset', hints: 1 },
]

/** Using a connected product safely, from the first day to the day it is handed on. */
export const USING: readonly ConsumerPoint[] = [
  { key: 'guides.using.password', icon: 'key', hints: 2 },
  { key: 'guides.using.updates', icon: 'update', hints: 2 },
  { key: 'guides.using.functions', icon: 'toggle', hints: 2 },
  { key: 'guides.using.support_end', icon: 'calendarEnd', hints: 2 },
  { key: 'guides.using.notices', icon: 'bell', hints: 3 },
  { key: 'guides.using.disposal', icon: 'bin', hints: 2 },
  { key: 'guides.using.ask', icon: 'question', hints: 2 },
]

/** Every message key the points name, for the test that both languages have them all. */
export const pointKeys = (points: readonly ConsumerPoint[]) =>
  points.flatMap((p) => [`${p.key}.title`, `${p.key}.text`, ...Array.from({ length: p.hints }, (_, i) => `${p.key}.hint${i + 1}`)])

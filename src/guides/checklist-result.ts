import type { Lang } from '../platform/i18n/define.js'
import type { StoredChecklistItem } from './guides.tables.js'

/** Item number → level reached: 0 = not yet, 1 minimum, 2 recommended, 3 ideal. */
export type Answers = Record<number, 0 | 1 | 2 | 3>

export type LevelCounts = { items: number; atLeast1: number; atLeast2: number; level3: number }
export type PartSummary = LevelCounts & { part: 1 | 2 | 3 }
export type ChecklistSummary = { parts: PartSummary[]; total: LevelCounts }

/** What to do next for an item not yet at level 3: the next level's text and what reaching it takes. */
export type NextStep = { item: number; title: string; reached: number; nextLevel: 1 | 2 | 3; level: string; next: string }

const count = (levels: number[]): LevelCounts => ({
  items: levels.length,
  atLeast1: levels.filter((l) => l >= 1).length,
  atLeast2: levels.filter((l) => l >= 2).length,
  level3: levels.filter((l) => l >= 3).length,
})

/** How many items of each part (and of all) reach level 1, 2 and 3. */
export function summarise(items: readonly StoredChecklistItem[], answers: Answers): ChecklistSummary {
  const parts = ([1, 2, 3] as const).map((part) => ({ part, ...count(items.filter((i) => i.part === part).map((i) => answers[i.number] ?? 0)) }))
  return { parts, total: count(items.map((i) => answers[i.number] ?? 0)) }
}

/** For every item below level 3, in item order: the next level and what to do to reach it, in `lang`. */
export function nextSteps(items: readonly StoredChecklistItem[], answers: Answers, lang: Lang): NextStep[] {
  return items.flatMap((i) => {
    const reached = answers[i.number] ?? 0
    const next = i.levels.find((l) => l.level === reached + 1)
    return next ? [{ item: i.number, title: i.title[lang], reached, nextLevel: next.level, level: next.text[lang], next: next.next[lang] }] : []
  })
}

/** The answers as a query string for the result page (`v=1&a1=2…`), so a result is a bookmark. */
export function resultQuery(version: number, answers: Answers, productName = ''): string {
  const q = new URLSearchParams({ v: String(version) })
  if (productName) q.set('product', productName)
  for (const [n, level] of Object.entries(answers)) q.set(`a${n}`, String(level))
  return q.toString()
}

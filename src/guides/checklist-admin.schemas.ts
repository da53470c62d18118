import { z } from 'zod'
import { CHECKLIST_ITEM_COUNT } from './guide-pages.js'

const text = (max: number) => z.preprocess((v) => (v === undefined ? '' : v), z.string().trim().min(1).max(max))
const pair = (max: number) => z.object({ ja: text(max), en: text(max) })
const level = z.object({ text: pair(1_000), next: pair(1_000) })

/** What administrators write for one item: its title, what meeting it means, and its three levels. Number and part stay. */
const itemText = z.object({ title: pair(200), summary: pair(2_000), levels: z.tuple([level, level, level]) })

/** A new version of the checklist: every item's text (ja/en) and the change note subscribers are sent. */
export const checklistEditSchema = z.object({
  items: z.array(itemText).length(CHECKLIST_ITEM_COUNT),
  noteJa: text(2_000),
  noteEn: text(2_000),
})
export type ChecklistEdit = z.infer<typeof checklistEditSchema>

const PAIRS = ['ja', 'en'] as const

/** The flat form (`items.0.title.ja`, `items.0.levels.2.next.en` …) as the shape the schema reads; missing fields stay missing. */
export function editFromForm(form: Record<string, unknown>): unknown {
  const at = (name: string) => form[name]
  const pairAt = (prefix: string) => Object.fromEntries(PAIRS.map((l) => [l, at(`${prefix}.${l}`)]))
  return {
    items: Array.from({ length: CHECKLIST_ITEM_COUNT }, (_, i) => ({
      title: pairAt(`items.${i}.title`),
      summary: pairAt(`items.${i}.summary`),
      levels: [0, 1, 2].map((l) => ({ text: pairAt(`items.${i}.levels.${l}.text`), next: pairAt(`items.${i}.levels.${l}.next`) })),
    })),
    noteJa: at('noteJa'),
    noteEn: at('noteEn'),
  }
}

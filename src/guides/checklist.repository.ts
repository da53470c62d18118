import type { DB } from '../platform/db/database.js'
import type { StoredChecklistItem } from './guides.tables.js'
import { BUILT_IN_CHECKLIST } from './checklist-content.js'
import type { Answers } from './checklist-result.js'

/** One published version of the checklist: version 1 is the built-in text, later ones are administrators' edits. */
export type ChecklistVersion = {
  version: number
  items: readonly StoredChecklistItem[]
  noteJa: string
  noteEn: string
  /** When it was published; null for the built-in version 1. */
  publishedAt: Date | null
}

const BUILT_IN: ChecklistVersion = { version: 1, items: BUILT_IN_CHECKLIST, noteJa: '', noteEn: '', publishedAt: null }

type VersionRow = { version: number; items: StoredChecklistItem[]; change_note_ja: string; change_note_en: string; published_at: Date }
const toVersion = (r: VersionRow): ChecklistVersion => ({ version: r.version, items: r.items, noteJa: r.change_note_ja, noteEn: r.change_note_en, publishedAt: r.published_at })

/** The checklist as it stands: the newest published version, or the built-in version 1. */
export async function currentChecklist(db: DB): Promise<ChecklistVersion> {
  const row = await db.selectFrom('guide_checklist_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst()
  return row ? toVersion(row) : BUILT_IN
}

/** Version `n` of the checklist, so a result made with it still reads as it was; undefined when there is no such version. */
export async function checklistVersion(db: DB, n: number): Promise<ChecklistVersion | undefined> {
  if (n === 1) return BUILT_IN
  if (!Number.isSafeInteger(n) || n < 2) return undefined
  const row = await db.selectFrom('guide_checklist_versions').selectAll().where('version', '=', n).executeTakeFirst()
  return row ? toVersion(row) : undefined
}

/** Every version, newest first, ending with the built-in version 1. */
export async function listChecklistVersions(db: DB): Promise<ChecklistVersion[]> {
  const rows = await db.selectFrom('guide_checklist_versions').selectAll().orderBy('version', 'desc').execute()
  return [...rows.map(toVersion), BUILT_IN]
}

/** Stores version `version`; false when another administrator published that number first. */
export async function insertChecklistVersion(trx: DB, v: { version: number; items: StoredChecklistItem[]; noteJa: string; noteEn: string; now: Date; by: string | null }): Promise<boolean> {
  const row = await trx.insertInto('guide_checklist_versions').values({
    version: v.version, items: JSON.stringify(v.items), change_note_ja: v.noteJa, change_note_en: v.noteEn, published_at: v.now, published_by: v.by,
  }).onConflict((oc) => oc.column('version').doNothing()).returning('version').executeTakeFirst()
  return Boolean(row)
}

/** A result a signed-in person kept. */
export type SavedChecklistResult = { id: string; userId: string; version: number; productName: string; answers: Answers; createdAt: Date }

type ResultRow = { id: string; user_id: string; version: number; product_name: string; answers: Record<string, number>; created_at: Date }
const toResult = (r: ResultRow): SavedChecklistResult => ({
  id: r.id, userId: r.user_id, version: r.version, productName: r.product_name, createdAt: r.created_at,
  answers: Object.fromEntries(Object.entries(r.answers).map(([k, v]) => [Number(k), v])) as Answers,
})

export async function insertChecklistResult(db: DB, r: { id: string; userId: string; version: number; productName: string; answers: Answers; now: Date }): Promise<void> {
  await db.insertInto('guide_checklist_results').values({
    id: r.id, user_id: r.userId, version: r.version, product_name: r.productName, answers: JSON.stringify(r.answers), created_at: r.now, updated_at: r.now,
  }).execute()
}

export async function findChecklistResult(db: DB, id: string): Promise<SavedChecklistResult | undefined> {
  const row = await db.selectFrom('guide_checklist_results').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toResult(row) : undefined
}

/** One person's saved results, newest first. */
export async function listChecklistResults(db: DB, userId: string): Promise<SavedChecklistResult[]> {
  const rows = await db.selectFrom('guide_checklist_results').selectAll().where('user_id', '=', userId).orderBy('updated_at', 'desc').limit(500).execute()
  return rows.map(toResult)
}

export async function deleteChecklistResult(db: DB, id: string, userId: string): Promise<void> {
  await db.deleteFrom('guide_checklist_results').where('id', '=', id).where('user_id', '=', userId).execute()
}

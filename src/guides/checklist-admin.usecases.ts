import type { Deps } from '../platform/http/context.js'
import { AppError } from '../platform/errors.js'
import type { StoredChecklistItem } from './guides.tables.js'
import { currentChecklist, insertChecklistVersion } from './checklist.repository.js'
import type { ChecklistEdit } from './checklist-admin.schemas.js'
import { announceGuideChange } from './notices.usecases.js'

export const checklistAdminErrors = {
  versionRace: () => new AppError('guides.checklist_version_race', 409, 'Another administrator published a new version of the checklist first. Reload the page and make your changes again.'),
}

/**
 * Publishes the edited text as the next version of the checklist and announces the change to
 * subscribers, in one transaction: a result made before keeps naming (and reading as) its version.
 */
export async function publishChecklistVersion(deps: Deps, input: { edit: ChecklistEdit; by: string }): Promise<{ version: number }> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const current = await currentChecklist(trx)
    const items: StoredChecklistItem[] = current.items.map((item, i) => {
      const edited = input.edit.items[i]!
      return {
        number: item.number, part: item.part, title: edited.title, summary: edited.summary,
        levels: item.levels.map((l, j) => ({ level: l.level, text: edited.levels[j]!.text, next: edited.levels[j]!.next })),
      }
    })
    const version = current.version + 1
    const stored = await insertChecklistVersion(trx, { version, items, noteJa: input.edit.noteJa, noteEn: input.edit.noteEn, now, by: input.by })
    if (!stored) throw checklistAdminErrors.versionRace()
    await announceGuideChange(trx, { topic: 'checklist', noteJa: input.edit.noteJa, noteEn: input.edit.noteEn, by: input.by, now, publicUrl: deps.config.publicUrl })
    return { version }
  })
}

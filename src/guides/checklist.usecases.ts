import type { DB } from '../platform/db/database.js'
import type { Lang } from '../platform/i18n/define.js'
import { errors } from '../platform/errors.js'
import { fieldDetails } from '../platform/http/validate.js'
import { newId } from '../platform/secrets.js'
import { checklistVersion, findChecklistResult, insertChecklistResult, type ChecklistVersion } from './checklist.repository.js'
import { nextSteps, summarise, type Answers } from './checklist-result.js'

/** Answers read against the version they were given to. */
export type ChecklistAnswers = { checklist: ChecklistVersion; answers: Answers; productName: string }

/** The version the answers name; an unknown version is a 400 on `v` (the form is shown again). */
export async function answersFor(db: DB, input: { version: number; answers: Answers; productName?: string }, field = 'v'): Promise<ChecklistAnswers> {
  const checklist = await checklistVersion(db, input.version)
  if (!checklist) throw errors.invalidInput(fieldDetails({ [field]: 'guides.checklist.unknown_version' }))
  return { checklist, answers: input.answers, productName: input.productName ?? '' }
}

/** The result as the JSON download and the API give it: version, answers, summary and next steps in `lang`. */
export function resultDocument(r: ChecklistAnswers, lang: Lang, generatedAt: Date) {
  return {
    version: r.checklist.version,
    productName: r.productName,
    answers: Object.fromEntries(Object.entries(r.answers).map(([n, level]) => [String(n), level])),
    summary: summarise(r.checklist.items, r.answers),
    nextSteps: nextSteps(r.checklist.items, r.answers, lang),
    generatedAt: generatedAt.toISOString(),
  }
}

/** Keeps a result for the signed-in person; returns its id. */
export async function saveChecklistResult(db: DB, input: ChecklistAnswers & { userId: string; now: Date }): Promise<string> {
  const id = newId()
  await insertChecklistResult(db, { id, userId: input.userId, version: input.checklist.version, productName: input.productName, answers: input.answers, now: input.now })
  return id
}

/** A saved result with its version's summary, for a public statement that links it. */
export async function savedResultSummary(db: DB, id: string) {
  const result = await findChecklistResult(db, id)
  const checklist = result && await checklistVersion(db, result.version)
  return result && checklist ? { result, checklist, summary: summarise(checklist.items, result.answers) } : undefined
}

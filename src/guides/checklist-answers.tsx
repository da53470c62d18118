import type { Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { refusedInput } from '../platform/http/forms.js'
import { parseWith } from '../platform/http/validate.js'
import { currentChecklist } from './checklist.repository.js'
import { answersOf, checklistAnswersQuery } from './checklist.schemas.js'
import { answersFor, type ChecklistAnswers } from './checklist.usecases.js'
import { ChecklistForm } from './checklist.views.js'

/** The form again, with what was asked and why it was refused (400). */
export async function refusedAnswers(c: Ctx, values: Record<string, unknown>, error: unknown) {
  const checklist = await currentChecklist(c.var.deps.db)
  return page(c, c.var.t('guides.checklist.title'), <ChecklistForm c={c} checklist={checklist} values={values} error={refusedInput(error)} />, 400)
}

/** The answers of the result page's query, read against their version. */
export async function answersFromQuery(c: Ctx, input: Record<string, unknown>): Promise<ChecklistAnswers> {
  const q = parseWith(checklistAnswersQuery, input)
  return answersFor(c.var.deps.db, { version: q.v, answers: answersOf(q), productName: q.product })
}


import type { DB } from '../platform/db/database.js'
import type { CurrentUser } from '../platform/http/context.js'
import { errors } from '../platform/errors.js'
import { fieldDetails } from '../platform/http/validate.js'
import { newId } from '../platform/secrets.js'
import { findChecklistResult } from './checklist.repository.js'
import { insertStatement, slugTaken, updateStatement, type Statement, type StatementFields } from './statements.repository.js'
import type { StatementInput } from './statements.schemas.js'

/**
 * The fields to store: the address must be free, and a linked checklist result must be one the
 * person may link — their own, or the one the statement already links.
 */
async function checkedFields(db: DB, input: StatementInput, user: CurrentUser, existing?: Statement): Promise<StatementFields> {
  if (await slugTaken(db, input.slug, existing?.id)) throw errors.invalidInput(fieldDetails({ slug: 'guides.statements.slug_taken' }))
  const resultId = input.checklistResultId ?? null
  if (resultId && resultId !== existing?.checklistResultId) {
    const result = await findChecklistResult(db, resultId)
    if (!result || result.userId !== user.id) throw errors.invalidInput(fieldDetails({ checklistResultId: 'validation.choice' }))
  }
  return {
    slug: input.slug, productName: input.productName, supportEndsOn: input.supportEndsOn ?? null,
    supportNote: { ja: input.supportNoteJa, en: input.supportNoteEn }, contactUrl: input.contactUrl ?? null, contactEmail: input.contactEmail ?? null,
    updateMethod: { ja: input.updateMethodJa, en: input.updateMethodEn }, checklistResultId: resultId,
  }
}

/** A two-person race for one address ends in the database's unique index: the same answer as the check. */
async function slugSafe<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw errors.invalidInput(fieldDetails({ slug: 'guides.statements.slug_taken' }))
    throw e
  }
}

/** Creates an unpublished statement for the person's organisation; returns its slug. */
export async function createStatement(db: DB, input: StatementInput, user: CurrentUser, now: Date): Promise<string> {
  const fields = await checkedFields(db, input, user)
  await slugSafe(() => insertStatement(db, { ...fields, id: newId(), organizationId: user.organizationId!, by: user.id, now }))
  return fields.slug
}

/** Changes a statement (published or not); returns its (possibly new) slug. */
export async function changeStatement(db: DB, statement: Statement, input: StatementInput, user: CurrentUser, now: Date): Promise<string> {
  const fields = await checkedFields(db, input, user, statement)
  await slugSafe(() => updateStatement(db, statement.id, fields, now))
  return fields.slug
}

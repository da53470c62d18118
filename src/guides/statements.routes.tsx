import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { refusedInput } from '../platform/http/forms.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { requireAllowed } from '../platform/http/guards.js'
import { errors } from '../platform/errors.js'
import { findChecklistResult, listChecklistResults } from './checklist.repository.js'
import { savedResultSummary } from './checklist.usecases.js'
import { findStatement, listStatements, setStatementPublished, type Statement } from './statements.repository.js'
import { statementSchema } from './statements.schemas.js'
import { changeStatement, createStatement } from './statements.usecases.js'
import { StatementForm, StatementList, StatementView } from './statements.views.js'
import { guidesPolicies } from './guides.policies.js'

/** A developer organisation's public statement for a product, and its editing. */
export const statementsRoutes = new Hono<AppEnv>()

const STATEMENTS = '/guides/statements'

statementsRoutes.get(STATEMENTS, async (c) => {
  const user = requireAllowed(c, guidesPolicies.manageStatements)
  return page(c, c.var.t('guides.statements.list_title'), <StatementList c={c} statements={await listStatements(c.var.deps.db, user.organizationId!)} />)
})

async function formPage(c: Ctx, opts: { action: string; values: Record<string, unknown>; error?: unknown; editing?: Statement }) {
  const user = c.var.user!
  const results = await listChecklistResults(c.var.deps.db, user.id)
  // The result the statement links may be a colleague's: it stays a choice, so saving does not drop it.
  const linkedId = opts.editing?.checklistResultId
  const linked = linkedId && !results.some((r) => r.id === linkedId) ? await findChecklistResult(c.var.deps.db, linkedId) : undefined
  if (linked) results.unshift(linked)
  const title = c.var.t(opts.editing ? 'guides.statements.edit_title' : 'guides.statements.new_title')
  const status = opts.error ? refusedInput(opts.error).status as 400 | 422 : 200
  return page(c, title, <StatementForm c={c} action={opts.action} values={opts.values} results={results} error={opts.error} />, status)
}

statementsRoutes.get(`${STATEMENTS}/new`, async (c) => {
  requireAllowed(c, guidesPolicies.manageStatements)
  return formPage(c, { action: STATEMENTS, values: {} })
})

statementsRoutes.post(STATEMENTS, async (c) => {
  const user = requireAllowed(c, guidesPolicies.manageStatements)
  const form = await formBody(c)
  let slug: string
  try {
    slug = await createStatement(c.var.deps.db, parseWith(statementSchema, form), user, c.var.deps.clock.now())
  } catch (e) {
    return formPage(c, { action: STATEMENTS, values: form, error: refusedInput(e) })
  }
  return c.redirect(`${STATEMENTS}/${slug}`, 303)
})

/** The statement at `:statementSlug` for its organisation's members; anyone else: not found. */
async function ownStatement(c: Ctx): Promise<Statement> {
  const user = requireAllowed(c, guidesPolicies.manageStatements)
  const s = await findStatement(c.var.deps.db, c.req.param('statementSlug') ?? '')
  if (!s || !guidesPolicies.manageStatement(user, { organization_id: s.organizationId })) throw errors.notFound()
  return s
}

statementsRoutes.get(`${STATEMENTS}/:statementSlug`, async (c) => {
  const s = await findStatement(c.var.deps.db, c.req.param('statementSlug'))
  const canEdit = Boolean(s && guidesPolicies.manageStatement(c.var.user, { organization_id: s.organizationId }))
  // Unpublished: a preview for the organisation, nothing for anyone else.
  if (!s || (!s.publishedAt && !canEdit)) throw errors.notFound()
  const linked = s.checklistResultId ? await savedResultSummary(c.var.deps.db, s.checklistResultId) : undefined
  const statementUrl = `${c.var.deps.config.publicUrl}${STATEMENTS}/${s.slug}`
  return page(c, s.productName, <StatementView c={c} s={s} statementUrl={statementUrl} now={c.var.deps.clock.now()} canEdit={canEdit} linked={linked} />)
})

const storedValues = (s: Statement): Record<string, unknown> => ({
  slug: s.slug, productName: s.productName, supportEndsOn: s.supportEndsOn ?? '', supportNoteJa: s.supportNote.ja, supportNoteEn: s.supportNote.en,
  contactUrl: s.contactUrl ?? '', contactEmail: s.contactEmail ?? '', updateMethodJa: s.updateMethod.ja, updateMethodEn: s.updateMethod.en,
  checklistResultId: s.checklistResultId ?? '',
})

statementsRoutes.get(`${STATEMENTS}/:statementSlug/edit`, async (c) => {
  const s = await ownStatement(c)
  return formPage(c, { action: `${STATEMENTS}/${s.slug}`, values: storedValues(s), editing: s })
})

statementsRoutes.post(`${STATEMENTS}/:statementSlug`, async (c) => {
  const s = await ownStatement(c)
  const form = await formBody(c)
  let slug: string
  try {
    slug = await changeStatement(c.var.deps.db, s, parseWith(statementSchema, form), c.var.user!, c.var.deps.clock.now())
  } catch (e) {
    return formPage(c, { action: `${STATEMENTS}/${s.slug}`, values: form, error: refusedInput(e), editing: s })
  }
  return c.redirect(`${STATEMENTS}/${slug}`, 303)
})

// Withdrawing is listed before publishing on purpose: whoever walks the routes in order ends with the statement public.
statementsRoutes.post(`${STATEMENTS}/:statementSlug/unpublish`, async (c) => {
  const s = await ownStatement(c)
  const now = c.var.deps.clock.now()
  await setStatementPublished(c.var.deps.db, s.id, null, now)
  return c.redirect(STATEMENTS, 303)
})

statementsRoutes.post(`${STATEMENTS}/:statementSlug/publish`, async (c) => {
  const s = await ownStatement(c)
  const now = c.var.deps.clock.now()
  await setStatementPublished(c.var.deps.db, s.id, s.publishedAt ?? now, now)
  return c.redirect(`${STATEMENTS}/${s.slug}`, 303)
})

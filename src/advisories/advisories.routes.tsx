import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { formBody, jsonBody, parseWith } from '../platform/http/validate.js'
import { parseFlatForm } from '../platform/http/bilingual.js'
import { AppError, errors } from '../platform/errors.js'
import { actorOf, type Actor } from '../cases/case-events.js'
import { loadCaseRelation } from '../cases/cases.repository.js'
import { policies } from '../policies/policies.js'
import { advisoryDraftSchema, reviseSchema, scheduleApiSchema, scheduleFormSchema } from './advisories.schemas.js'
import { reviseAdvisory, saveAdvisoryDraft, scheduleAdvisory, unscheduleAdvisory } from './advisories.usecases.js'
import { loadAdvisoryWorkspace, workspaceJson } from './advisories.queries.js'
import { formToValues, recordToValues } from './advisory-form.js'
import { AdvisoryEditor, EDITOR_SECTIONS, type EditorSection, type EditorState } from './advisories.views.js'

/** The coordinator's advisory workspace for one product case: pages and the JSON API. */
export const advisoriesRoutes = new Hono<AppEnv>()

/**
 * Coordinators of product cases only. Anyone else signed in gets a 404 — the same answer as for a
 * case that does not exist — so the page reveals nothing about unpublished cases.
 */
async function requireCoordinator(c: Ctx, caseId: string): Promise<Actor> {
  const user = c.var.user
  if (!user) throw errors.unauthenticated()
  const rel = await loadCaseRelation(c.var.deps.db, caseId, user)
  if (!rel || !policies.coordinate(user, rel)) throw errors.notFound()
  return actorOf(user)
}

const NOTICES: Record<string, string> = { saved: 'advisories.saved', scheduled: 'advisories.scheduled', unscheduled: 'advisories.unscheduled', revised: 'advisories.revised' }

async function renderEditor(c: Ctx, caseId: string, state: Partial<EditorState>, status: 200 | 400 | 404 | 409 | 422 = 200) {
  const { deps, t } = c.var
  const ws = await loadAdvisoryWorkspace(deps.db, deps.clock.now(), caseId)
  const values = state.values ?? recordToValues(ws.advisory, ws.vulnerabilities, ws.finders)
  return page(c, t('advisories.editor_title'), <AdvisoryEditor c={c} caseId={caseId} ws={ws} state={{ ...state, values }} />, status)
}

/** Only errors people can act on are shown on the form; anything else goes to the error handler. */
function formError(error: unknown): AppError {
  if (error instanceof AppError) return error
  throw error
}

/** The editor section a save button named (`at`), if it is one. */
const sectionOf = (v: unknown): EditorSection | undefined => EDITOR_SECTIONS.find((s) => s === v)

/** Back to the editor after a save: the notice, and the section the coordinator saved from (`?saved=products#advisory-products`). */
const backTo = (caseId: string, notice: 'saved' | 'revised', at: unknown) => {
  const section = sectionOf(at)
  return `/cases/${caseId}/advisory?${notice}${section ? `=${section}#advisory-${section}` : ''}`
}

const extraRows = (body: Record<string, unknown>) => {
  const n = (v: unknown) => Math.min(20, Math.max(1, Number(v) || 1))
  const extra = { v: n(body.extra_v), p: n(body.extra_p), r: n(body.extra_r) }
  if (body.more === 'v' || body.more === 'p' || body.more === 'r') extra[body.more] += 1
  return extra
}

advisoriesRoutes.get('/cases/:caseId/advisory', async (c) => {
  const caseId = c.req.param('caseId')
  await requireCoordinator(c, caseId)
  const done = Object.keys(NOTICES).find((k) => c.req.query(k) !== undefined)
  return renderEditor(c, caseId, { notice: done ? c.var.t(NOTICES[done]!) : undefined, at: done ? sectionOf(c.req.query(done)) : undefined })
})

advisoriesRoutes.post('/cases/:caseId/advisory', async (c) => {
  const caseId = c.req.param('caseId')
  const actor = await requireCoordinator(c, caseId)
  const body = await formBody(c)
  const values = formToValues(body)
  const extra = extraRows(body)
  // "Add a row" re-renders the form with what was typed and one more blank row; nothing is saved.
  if (body.more) return renderEditor(c, caseId, { values, extra })
  try {
    await saveAdvisoryDraft(c.var.deps, { caseId, actor, draft: parseFlatForm(advisoryDraftSchema, values) })
    return c.redirect(backTo(caseId, 'saved', body.at), 303)
  } catch (e) {
    const error = formError(e)
    return renderEditor(c, caseId, { values, extra, error }, error.status === 409 ? 409 : 400)
  }
})

advisoriesRoutes.post('/cases/:caseId/advisory/schedule', async (c) => {
  const caseId = c.req.param('caseId')
  const actor = await requireCoordinator(c, caseId)
  const body = await formBody(c)
  try {
    const input = parseWith(scheduleFormSchema, body)
    await scheduleAdvisory(c.var.deps, { caseId, actor, ...input })
    return c.redirect(`/cases/${caseId}/advisory?scheduled`, 303)
  } catch (e) {
    const error = formError(e)
    const schedule = { publishAt: String(body.publishAt ?? ''), reason: String(body.reason ?? ''), error }
    return renderEditor(c, caseId, { schedule }, error.status === 409 ? 409 : 400)
  }
})

advisoriesRoutes.post('/cases/:caseId/advisory/unschedule', async (c) => {
  const caseId = c.req.param('caseId')
  const actor = await requireCoordinator(c, caseId)
  const body = await formBody(c)
  try {
    await unscheduleAdvisory(c.var.deps, { caseId, actor, reason: String(body.reason ?? '') })
    return c.redirect(`/cases/${caseId}/advisory?unscheduled`, 303)
  } catch (e) {
    const error = formError(e)
    return renderEditor(c, caseId, { schedule: { publishAt: '', reason: '', error } }, error.status === 409 ? 409 : 400)
  }
})

advisoriesRoutes.post('/cases/:caseId/advisory/revise', async (c) => {
  const caseId = c.req.param('caseId')
  const actor = await requireCoordinator(c, caseId)
  const body = await formBody(c)
  const values = formToValues(body)
  const extra = extraRows(body)
  const notes = { ja: String(body.noteJa ?? ''), en: String(body.noteEn ?? '') }
  if (body.more) return renderEditor(c, caseId, { values, extra, notes })
  try {
    const input = parseFlatForm(reviseSchema, { noteJa: notes.ja, noteEn: notes.en, advisory: values })
    await reviseAdvisory(c.var.deps, { caseId, actor, ...input })
    return c.redirect(backTo(caseId, 'revised', body.at), 303)
  } catch (e) {
    const error = formError(e)
    return renderEditor(c, caseId, { values, extra, notes, error }, error.status === 409 ? 409 : 400)
  }
})

// ---- JSON API ----

async function workspace(c: Ctx, caseId: string) {
  const { db, clock } = c.var.deps
  return workspaceJson(await loadAdvisoryWorkspace(db, clock.now(), caseId))
}

advisoriesRoutes.get('/api/v1/cases/:caseId/advisory', async (c) => {
  const caseId = c.req.param('caseId')
  await requireCoordinator(c, caseId)
  return c.json(await workspace(c, caseId))
})

/** Creates or replaces the draft (text, vulnerabilities, products, references, credits). */
advisoriesRoutes.put('/api/v1/cases/:caseId/advisory', async (c) => {
  const caseId = c.req.param('caseId')
  const actor = await requireCoordinator(c, caseId)
  await saveAdvisoryDraft(c.var.deps, { caseId, actor, draft: await jsonBody(c, advisoryDraftSchema) })
  return c.json(await workspace(c, caseId))
})

/** `{ publishAt: ISO 8601 with offset, reason? }`; a reason is required to move an existing date. */
advisoriesRoutes.post('/api/v1/cases/:caseId/advisory/schedule', async (c) => {
  const caseId = c.req.param('caseId')
  const actor = await requireCoordinator(c, caseId)
  const result = await scheduleAdvisory(c.var.deps, { caseId, actor, ...(await jsonBody(c, scheduleApiSchema)) })
  return c.json({ advisoryId: result.advisoryId, identifier: result.identifier, publishAt: result.publishAt.toISOString() })
})

advisoriesRoutes.post('/api/v1/cases/:caseId/advisory/unschedule', async (c) => {
  const caseId = c.req.param('caseId')
  const actor = await requireCoordinator(c, caseId)
  const { reason } = await jsonBody(c, z.object({ reason: z.string().trim().min(1).max(2000) }))
  await unscheduleAdvisory(c.var.deps, { caseId, actor, reason })
  return c.json(await workspace(c, caseId))
})

/** `{ note: { ja, en }, advisory? }`: a dated revision of a published advisory. */
advisoriesRoutes.post('/api/v1/cases/:caseId/advisory/revisions', async (c) => {
  const caseId = c.req.param('caseId')
  const actor = await requireCoordinator(c, caseId)
  const result = await reviseAdvisory(c.var.deps, { caseId, actor, ...(await jsonBody(c, reviseSchema)) })
  return c.json(result, 201)
})

import { Hono } from 'hono'
import type { AppEnv } from '../platform/http/context.js'
import { jsonBody } from '../platform/http/validate.js'
import { errors } from '../platform/errors.js'
import { checklistVersion, currentChecklist, type ChecklistVersion } from './checklist.repository.js'
import { checklistResultApiSchema } from './checklist.schemas.js'
import { answersFor, resultDocument, saveChecklistResult } from './checklist.usecases.js'
import type { Answers } from './checklist-result.js'
import { guidesPolicies } from './guides.policies.js'
import { findPublishedStatement, presentStatement } from './statements.repository.js'

/** The checklist's JSON API: its versions, a result from answers (kept for a signed-in caller on request), published statements. */
export const checklistApi = new Hono<AppEnv>()

const presentVersion = (v: ChecklistVersion) => ({
  version: v.version, publishedAt: v.publishedAt?.toISOString() ?? null, changeNote: { ja: v.noteJa, en: v.noteEn }, items: v.items,
})

checklistApi.get('/api/v1/guides/checklist', async (c) => c.json(presentVersion(await currentChecklist(c.var.deps.db))))

checklistApi.get('/api/v1/guides/checklist/versions/:checklistVersion', async (c) => {
  const raw = c.req.param('checklistVersion')
  const version = /^\d{1,7}$/.test(raw) ? await checklistVersion(c.var.deps.db, Number(raw)) : undefined
  if (!version) throw errors.notFound()
  return c.json(presentVersion(version))
})

checklistApi.post('/api/v1/guides/checklist/results', async (c) => {
  const input = await jsonBody(c, checklistResultApiSchema)
  // Keeping a result needs an account; working one out does not.
  if (input.save && !guidesPolicies.saveChecklistResult(c.var.user)) throw errors.unauthenticated()
  const answers = Object.fromEntries(Object.entries(input.answers).map(([n, level]) => [Number(n), level])) as Answers
  const r = await answersFor(c.var.deps.db, { version: input.version, answers, productName: input.productName }, 'version')
  const now = c.var.deps.clock.now()
  const resultId = input.save ? await saveChecklistResult(c.var.deps.db, { ...r, userId: c.var.user!.id, now }) : null
  return c.json({ ...resultDocument(r, c.var.lang, now), resultId })
})

checklistApi.get('/api/v1/guides/statements/:statementSlug', async (c) => {
  const statement = await findPublishedStatement(c.var.deps.db, c.req.param('statementSlug'))
  if (!statement) throw errors.notFound()
  return c.json(presentStatement(statement))
})

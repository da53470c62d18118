import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { formBody, jsonBody, parseWith } from '../platform/http/validate.js'
import { requireAllowed, requireUser } from '../platform/http/guards.js'
import { refusedInput, ErrorBanner } from '../platform/http/forms.js'
import { AppError, errors } from '../platform/errors.js'
import { publicCache } from '../platform/http/page-cache.js'
import { actorOf } from '../cases/case-events.js'
import { findPublicAdvisory, identifierFromSlug, presentAdvisory } from '../advisories/index.js'
import { addCveIdsSchema, assignCveIdSchema, poolQuerySchema, recordQuerySchema } from './cve.schemas.js'
import { normalizeCveId } from './cve-id.js'
import { cnaContainer, cveRecord, vulnerabilityOf } from './cve-record.js'
import { countFree, listPool } from './cve-pool.repository.js'
import { addReservedCveIds, assignCveIdFromPool } from './cve-pool.usecases.js'
import { CveIdPoolPage, type AddResult, type PoolFilter } from './cve.views.js'
import { cvePolicies } from './cve.policies.js'

/**
 * CVE JSON 5 records of public advisories (anyone), the pool of reserved CVE IDs (coordinators,
 * administrators) and the assignment of an ID to a case's vulnerability (its coordinators).
 */
export const cveRoutes = new Hono<AppEnv>()

// ---- public records ----

/**
 * The record of `cveId` in the public advisory `slugOrIdentifier`; 404 for anything else — an
 * advisory not public (draft, scheduled before its time), an unknown or non-canonical CVE ID.
 */
async function publicRecord(c: Ctx, slugOrIdentifier: string, cveId: string | null) {
  const identifier = identifierFromSlug(slugOrIdentifier) ?? identifierFromSlug(slugOrIdentifier.replace('#', ''))
  if (!identifier || !cveId || normalizeCveId(cveId) !== cveId) throw errors.notFound()
  const { db, clock, config } = c.var.deps
  const found = await findPublicAdvisory(db, clock.now(), identifier)
  // keikai issues records for its own advisories only: an imported entry's CVE record is its CNA's
  // (cve.org has it); re-issuing it here would publish another CNA's record as ours.
  if (!found || found.advisory.source !== 'keikai') throw errors.notFound()
  const advisory = presentAdvisory(found.advisory, found.revisions)
  if (!vulnerabilityOf(advisory, cveId)) throw errors.notFound()
  const { container } = parseWith(recordQuerySchema, c.req.query())
  const input = { advisory, cveId, assigner: config.cveAssigner, baseUrl: config.publicUrl }
  const body = container === 'cna' ? cnaContainer(input) : cveRecord(input)
  return c.body(`${JSON.stringify(body, null, 2)}\n`, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${cveId}${container === 'cna' ? '.cna' : ''}.json"`,
    // Short-lived caching only: a revision shows within a minute.
    'Cache-Control': 'public, max-age=60',
  })
}

cveRoutes.get('/advisories/:slug/cve/:cveFile', publicCache, (c) => {
  const file = /^(.+)\.json$/.exec(c.req.param('cveFile'))
  return publicRecord(c, c.req.param('slug'), file?.[1] ?? null)
})

cveRoutes.get('/api/v1/advisories/:identifier/cve/:cveId', publicCache, (c) => publicRecord(c, c.req.param('identifier'), c.req.param('cveId')))

// ---- the pool of reserved IDs ----

const poolManager = (c: Ctx) => requireAllowed(c, cvePolicies.manageCveIdPool)

async function poolPage(c: Ctx, opts: { text?: string; error?: AppError; result?: AddResult } = {}) {
  const filter: PoolFilter = parseWith(poolQuerySchema, c.req.query()).state
  const body = <CveIdPoolPage c={c} entries={await listPool(c.var.deps.db)} filter={filter} text={opts.text} error={opts.error} result={opts.result} />
  return page(c, c.var.t('cve.pool_title'), body, opts.error?.status === 400 ? 400 : 200)
}

cveRoutes.get('/cve-ids', async (c) => {
  poolManager(c)
  return poolPage(c)
})

cveRoutes.post('/cve-ids', async (c) => {
  const user = poolManager(c)
  const form = await formBody(c)
  const text = typeof form.cveIds === 'string' ? form.cveIds : Array.isArray(form.cveIds) ? form.cveIds.join('\n') : ''
  try {
    const result = await addReservedCveIds(c.var.deps, { lines: [text], actor: actorOf(user) })
    return poolPage(c, { result })
  } catch (e) {
    return poolPage(c, { text, error: refusedInput(e) })
  }
})

const poolEntryJson = (e: Awaited<ReturnType<typeof listPool>>[number]) => ({
  cveId: e.cveId,
  state: e.assigned ? 'assigned' : e.usedBy ? 'in_use' : 'free',
  reservedAt: e.reservedAt.toISOString(),
  caseId: e.assigned?.caseId ?? e.usedBy?.caseId ?? null,
  vulnerabilityId: e.assigned?.vulnerabilityId ?? null,
  assignedAt: e.assigned?.at.toISOString() ?? null,
})

cveRoutes.get('/api/v1/cve-ids', async (c) => {
  poolManager(c)
  const { state } = parseWith(poolQuerySchema, c.req.query())
  const entries = (await listPool(c.var.deps.db)).map(poolEntryJson)
  return c.json({
    free: entries.filter((e) => e.state === 'free').length,
    items: entries.filter((e) => state === 'all' || (state === 'free' ? e.state === 'free' : e.state !== 'free')),
  })
})

cveRoutes.post('/api/v1/cve-ids', async (c) => {
  const user = poolManager(c)
  const { cveIds } = await jsonBody(c, addCveIdsSchema)
  const result = await addReservedCveIds(c.var.deps, { lines: cveIds, actor: actorOf(user) })
  return c.json({ ...result, free: await countFree(c.var.deps.db) })
})

// ---- assignment while drafting ----

/** A product case's coordinator; anyone else signed in gets 404 (the case's existence is not told). */
async function caseCoordinator(c: Ctx) {
  const user = requireUser(c)
  const caseId = c.req.param('caseId')!
  const kase = await c.var.deps.db.selectFrom('cases').select(['id', 'kind']).where('id', '=', caseId).executeTakeFirst()
  if (!kase || !cvePolicies.assignCveId(user, { caseKind: kase.kind })) throw errors.notFound()
  return { user, caseId }
}

cveRoutes.post('/cases/:caseId/cve-ids', async (c) => {
  const { user, caseId } = await caseCoordinator(c)
  const form = await formBody(c)
  const back = `/cases/${caseId}?tab=advisory#cve-ids`
  try {
    const input = parseWith(assignCveIdSchema, { vulnerabilityId: typeof form.vulnerabilityId === 'string' && form.vulnerabilityId ? form.vulnerabilityId : undefined })
    await assignCveIdFromPool(c.var.deps, { caseId, vulnerabilityId: input.vulnerabilityId, actor: actorOf(user) })
  } catch (e) {
    if (!(e instanceof AppError) || e.status === 404) throw e
    // A refused assignment (pool empty, already has one, advisory public) on a page of its own with the way back.
    const { t } = c.var
    return page(c, t('cve.assign_refused_title'), <><ErrorBanner c={c} error={e} /><p><a href={back}>{t('cve.back_to_case')}</a> · <a href="/cve-ids">{t('cve.pool_link')}</a></p></>, e.status === 400 ? 400 : 409)
  }
  return c.redirect(back, 303)
})

cveRoutes.post('/api/v1/cases/:caseId/cve-ids', async (c) => {
  const { user, caseId } = await caseCoordinator(c)
  const input = await jsonBody(c, assignCveIdSchema)
  const result = await assignCveIdFromPool(c.var.deps, { caseId, vulnerabilityId: input.vulnerabilityId, actor: actorOf(user) })
  return c.json(result)
})

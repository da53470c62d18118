import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { refusedInput } from '../platform/http/forms.js'
import { formBody, parseWith } from '../platform/http/validate.js'
import { requireAllowed } from '../platform/http/guards.js'
import { AppError, errors } from '../platform/errors.js'
import { actorOf } from '../cases/case-events.js'
import { listOrganizations } from '../coordination/index.js'
import {
  addVendorsSchema, coordinationRequestFormSchema, matrixQuerySchema, requestFromForm, vendorsFromForm, type VendorEntry,
} from './coordination-requests.schemas.js'
import { listCoordinationRequests, openCoordinationRequest } from './coordination-requests.usecases.js'
import { addVendors, notifyAllPending, remindUnanswered } from './vendors.usecases.js'
import { loadVendorMatrix } from './vendor-matrix.js'
import { CoordinationRequestForm, CoordinationRequestList } from './coordination-requests.views.js'
import { VendorMatrixPage, type MatrixNotice } from './vendor-matrix.views.js'
import { vendorManagerOf } from './coordination-requests.guards.js'
import { coordinationRequestsApi } from './coordination-requests.api.js'
import { recordVendorAnswer, recordedSources, vendorAnswerFromForm, vendorAnswerSchema } from './vendor-answer.js'
import { VendorAnswerForm } from './vendor-answer.views.js'
import { agreedDateFormSchema, changeAgreedPublication } from './agreed-date.js'
import { AgreedDateForm } from './agreed-date.views.js'
import { coordinationRequestsPolicies } from './coordination-requests.policies.js'

export const coordinationRequestsRoutes = new Hono<AppEnv>()

const DEFAULT_ROWS = 3

coordinationRequestsRoutes.get('/coordination-requests', async (c) => {
  requireAllowed(c, coordinationRequestsPolicies.openCoordinationRequest)
  const requests = await listCoordinationRequests(c.var.deps.db)
  return page(c, c.var.t('coordination_requests.list_title'), <CoordinationRequestList c={c} requests={requests} />)
})

coordinationRequestsRoutes.get('/coordination-requests/new', (c) => {
  requireAllowed(c, coordinationRequestsPolicies.openCoordinationRequest)
  return page(c, c.var.t('coordination_requests.new_title'), <CoordinationRequestForm c={c} rows={DEFAULT_ROWS} />)
})

coordinationRequestsRoutes.post('/coordination-requests', async (c) => {
  const user = requireAllowed(c, coordinationRequestsPolicies.openCoordinationRequest)
  const form = await formBody(c)
  const rows = Math.min(Number(form.rows) || DEFAULT_ROWS, 100)
  if (form.moreRows) return page(c, c.var.t('coordination_requests.new_title'), <CoordinationRequestForm c={c} values={form} rows={rows + 5} />)
  try {
    const request = parseWith(coordinationRequestFormSchema, requestFromForm(form))
    const { caseId } = await openCoordinationRequest(c.var.deps, { request, actor: actorOf(user) })
    return c.redirect(`/cases/${caseId}/vendors`, 303)
  } catch (e) {
    if (!(e instanceof AppError) || (e.status !== 400 && e.status !== 409)) throw e
    return page(c, c.var.t('coordination_requests.new_title'), <CoordinationRequestForm c={c} values={form} error={e} rows={rows} />, e.status)
  }
})

async function matrixPage(c: Ctx, notice: MatrixNotice, addVendors?: { error: AppError; values: Record<string, unknown> }) {
  const { db } = c.var.deps
  const caseId = c.req.param('caseId')!
  const q = parseWith(matrixQuerySchema, c.req.query())
  const kase = await db.selectFrom('cases').select(['id', 'title', 'status', 'source_name', 'source_reference']).where('id', '=', caseId).executeTakeFirst()
  if (!kase) throw errors.notFound()
  const [matrix, all, parties, sources] = await Promise.all([
    loadVendorMatrix(db, caseId, { filter: q.filter, page: q.page }),
    listOrganizations(db),
    db.selectFrom('case_parties').select('organization_id').where('case_id', '=', caseId).execute(),
    recordedSources(db, caseId),
  ])
  const taken = new Set(parties.map((p) => p.organization_id))
  const organizations = all.filter((o) => !taken.has(o.id))
  return page(c, c.var.t('coordination_requests.matrix_title', { title: kase.title }),
    <VendorMatrixPage c={c} kase={kase} matrix={matrix} organizations={organizations} notice={notice} sources={sources} addVendors={addVendors} />, addVendors?.error.status ?? 200)
}

const noticeFrom = (c: Ctx): MatrixNotice => {
  const done = c.req.query('done')
  if (done !== 'added' && done !== 'notified' && done !== 'reminded' && done !== 'answered') return null
  return { done, n: Number(c.req.query('n')) || 0, skipped: Number(c.req.query('skipped')) || 0 }
}

coordinationRequestsRoutes.get('/cases/:caseId/vendors', async (c) => {
  await vendorManagerOf(c)
  return matrixPage(c, noticeFrom(c))
})

const backToMatrix = (c: Ctx, done: string, n: number, skipped = 0) =>
  c.redirect(`/cases/${c.req.param('caseId')}/vendors?done=${done}&n=${n}${skipped ? `&skipped=${skipped}` : ''}`, 303)

coordinationRequestsRoutes.post('/cases/:caseId/vendors', async (c) => {
  const user = await vendorManagerOf(c)
  const form = await formBody(c)
  let organizations: VendorEntry[]
  try {
    organizations = parseWith(addVendorsSchema, vendorsFromForm(form)).organizations
  } catch (e) {
    return matrixPage(c, null, { error: refusedInput(e), values: form })
  }
  const r = await addVendors(c.var.deps, { caseId: c.req.param('caseId'), vendors: organizations, actor: actorOf(user) })
  return backToMatrix(c, 'added', r.added.length, r.alreadyParties)
})

coordinationRequestsRoutes.post('/cases/:caseId/vendors/notify', async (c) => {
  const user = await vendorManagerOf(c)
  const r = await notifyAllPending(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user) })
  return backToMatrix(c, 'notified', r.notified.length, r.withoutContact.length)
})

coordinationRequestsRoutes.post('/cases/:caseId/vendors/remind', async (c) => {
  const user = await vendorManagerOf(c)
  const r = await remindUnanswered(c.var.deps, { caseId: c.req.param('caseId'), actor: actorOf(user) })
  return backToMatrix(c, 'reminded', r.reminded.length)
})

const isFormError = (e: unknown): e is AppError => e instanceof AppError && (e.status === 400 || e.status === 409)

coordinationRequestsRoutes.post('/cases/:caseId/vendors/:partyId/answer', async (c) => {
  const user = await vendorManagerOf(c)
  const { caseId, partyId } = c.req.param()
  const form = await formBody(c)
  try {
    const answer = parseWith(vendorAnswerSchema, vendorAnswerFromForm(form))
    await recordVendorAnswer(c.var.deps, { caseId, partyId, answer, actor: actorOf(user) })
    return backToMatrix(c, 'answered', 1)
  } catch (e) {
    if (!isFormError(e)) throw e
    const vulnerabilities = await c.var.deps.db.selectFrom('vulnerabilities').select(['id', 'position', 'title_ja', 'title_en', 'cve_id'])
      .where('case_id', '=', caseId).orderBy('position').execute()
    return page(c, c.var.t('coordination_requests.answer.record'), <>
      <p><a href={`/cases/${caseId}/vendors`}>{c.var.t('coordination_requests.answer.back')}</a></p>
      <VendorAnswerForm c={c} caseId={caseId} partyId={partyId} vulnerabilities={vulnerabilities} values={form} error={e} open />
    </>, e.status)
  }
})

coordinationRequestsRoutes.post('/cases/:caseId/coordination-request/agreed-date', async (c) => {
  const user = await vendorManagerOf(c)
  const caseId = c.req.param('caseId')
  const form = await formBody(c)
  try {
    const change = parseWith(agreedDateFormSchema, form)
    await changeAgreedPublication(c.var.deps, { caseId, ...change, actor: actorOf(user) })
    return c.redirect(`/cases/${caseId}`, 303)
  } catch (e) {
    if (!isFormError(e)) throw e
    return page(c, c.var.t('coordination_requests.agreed_date.change'), <>
      <p><a href={`/cases/${caseId}`}>{c.var.t('coordination.back_to_case')}</a></p>
      <AgreedDateForm c={c} caseId={caseId} values={form} error={e} />
    </>, e.status)
  }
})

coordinationRequestsRoutes.route('/', coordinationRequestsApi)

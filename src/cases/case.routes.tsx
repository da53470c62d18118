import { Hono } from 'hono'
import type { AppEnv, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { formBody, jsonInput, parseWith } from '../platform/http/validate.js'
import { attachmentDisposition } from '../platform/http/content-disposition.js'
import { requireUser } from '../platform/http/guards.js'
import { keepPlaceInForms } from '../platform/http/form-return.js'
import { errors } from '../platform/errors.js'
import { refusedInput } from '../platform/http/forms.js'
import { refusedMessagePage } from './message-form.views.js'
import { policies, isCaseStaff } from '../policies/policies.js'
import { loadAttachment, findReport } from './reports.repository.js'
import { actorOf } from './case-events.js'
import { loadCaseRelation } from './cases.repository.js'
import { loadCaseView } from './case-view.js'
import { CasePage, caseTabHref, tabOf } from './case-page.views.js'
import { messageSchema, postMessage } from './threads.js'
import { presentCase } from './case.presenter.js'
import { threadRecipients } from './thread-recipients.js'

export const caseRoutes = new Hono<AppEnv>()

/** The case page for staff and notified developers, one tab at a time (`?tab=`); finders follow their report elsewhere. */
caseRoutes.get('/cases/:caseId', async (c) => {
  const user = requireUser(c)
  const view = await loadCaseView(c.var.deps, { caseId: c.req.param('caseId'), user })
  if (view.viewer === 'finder') return c.redirect(`/my/reports/${view.reports[0]!.id}`, 303)
  const tab = tabOf(c.req.query('tab'), view)
  keepPlaceInForms(c, caseTabHref(view.kase.id, tab))
  return page(c, c.var.t('cases.case_title', { title: view.kase.title }), <CasePage c={c} view={view} tab={tab} />)
})

caseRoutes.get('/api/v1/cases/:caseId', async (c) => {
  const user = requireUser(c)
  const view = await loadCaseView(c.var.deps, { caseId: c.req.param('caseId'), user })
  return c.json(presentCase(view))
})

/** Posts to one thread after the policy check; a party outside the thread gets 404. */
async function postToThread(c: Ctx, kind: 'developer' | 'finder', body: unknown) {
  const user = requireUser(c)
  const caseId = c.req.param('caseId')!
  const targetId = c.req.param('targetId')!
  const rel = await loadCaseRelation(c.var.deps.db, caseId, user)
  const allowed = rel && (kind === 'developer' ? policies.useDeveloperThread(user, rel, targetId) : policies.useFinderThread(user, rel, targetId))
  if (!rel || !allowed) throw errors.notFound()
  const { body: text } = parseWith(messageSchema, body)
  const ref = kind === 'developer' ? { caseId, thread: 'developer' as const, partyId: targetId } : { caseId, thread: 'finder' as const, reportId: targetId }
  const exists = kind === 'developer'
    ? await c.var.deps.db.selectFrom('case_parties').select('id').where('id', '=', targetId).where('case_id', '=', caseId).executeTakeFirst()
    : await c.var.deps.db.selectFrom('reports').select('id').where('id', '=', targetId).where('case_id', '=', caseId).executeTakeFirst()
  if (!exists) throw errors.notFound()
  const notify = await threadRecipients(c.var.deps, ref, isCaseStaff(user, rel))
  return postMessage(c.var.deps, { ref, actor: actorOf(user), body: text, notify })
}

caseRoutes.post('/cases/:caseId/threads/:kind{developer|finder}/:targetId', async (c) => {
  const kind = c.req.param('kind') as 'developer' | 'finder'
  const form = await formBody(c)
  const back = kind === 'finder' && !c.var.user?.roles.length ? `/my/reports/${c.req.param('targetId')}` : `/cases/${c.req.param('caseId')}`
  try {
    await postToThread(c, kind, form)
  } catch (e) {
    return refusedMessagePage(c, { action: c.req.path, back, error: refusedInput(e), values: form })
  }
  return c.redirect(back, 303)
})

caseRoutes.post('/api/v1/cases/:caseId/threads/:kind{developer|finder}/:targetId/messages', async (c) => {
  const { id } = await postToThread(c, c.req.param('kind') as 'developer' | 'finder', await jsonInput(c))
  return c.json({ id }, 201)
})

/** Attachments only as downloads, to staff of the case and the finder who sent them. */
caseRoutes.get('/cases/:caseId/attachments/:attachmentId', async (c) => {
  const user = requireUser(c)
  return sendAttachment(c, c.req.param('caseId'), c.req.param('attachmentId'), user ? await loadCaseRelation(c.var.deps.db, c.req.param('caseId'), user) : null, user)
})

export async function sendAttachment(c: Ctx, caseId: string, attachmentId: string, rel: Awaited<ReturnType<typeof loadCaseRelation>>, user: Parameters<typeof policies.downloadAttachment>[0]) {
  const att = await loadAttachment(c.var.deps.db, attachmentId)
  const report = att ? await findReport(c.var.deps.db, att.report_id) : undefined
  if (!att || !report || report.case_id !== caseId || !rel || !policies.downloadAttachment(user, rel, report.id)) throw errors.notFound()
  if (!isCaseStaff(user, rel)) {
    await c.var.deps.db.insertInto('access_log').values({ user_id: user?.id ?? null, case_id: caseId, what: `attachment:${att.id}`, occurred_at: c.var.deps.clock.now() }).execute()
  }
  return c.body(Buffer.from(att.data), 200, {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': attachmentDisposition(att.filename),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    'Digest': `sha-256=${Buffer.from(att.sha256, 'hex').toString('base64')}`,
  })
}

import { Hono } from 'hono'
import type { AppEnv, CurrentUser, Ctx } from '../platform/http/context.js'
import { page } from '../platform/http/layout.js'
import { formBody, jsonBody, parseWith } from '../platform/http/validate.js'
import { errors } from '../platform/errors.js'
import { policies } from '../policies/policies.js'
import { AppError } from '../platform/errors.js'
import { findAccount, findOutboxMail, listAccounts, listOpenStaffInvitations, listOutbox } from './admin.repository.js'
import { apiRolesSchema, inviteStaffSchema, outboxQuerySchema, pageQuerySchema, rolesSchema, type InviteStaffInput } from './admin.schemas.js'
import { changeRoles, deactivateAccount, inviteStaff, reactivateAccount, resetSecondFactor, revokeInvitation } from './admin.usecases.js'
import { listAudit } from './audit.js'
import { AccountsPage, AdminHome, AuditTrail, InvitationCreated, OutboxDetail, OutboxList } from './admin.views.js'

export const adminRoutes = new Hono<AppEnv>()

const PAGE_SIZE = 50

/**
 * Anonymous visitors are sent to sign in (the error handler redirects GETs); signed-in people
 * without the power get 404, so the administration area does not even admit it exists.
 */
function allow(c: Ctx, policy: (u: CurrentUser | null) => boolean): CurrentUser {
  const user = c.var.user
  if (!user) throw errors.unauthenticated()
  if (!policy(user)) throw errors.notFound()
  return user
}

const mayAdminister = (u: CurrentUser | null) => policies.manageAccounts(u) || policies.readOutbox(u)

/** Reads one page plus one row, to know whether another page follows. */
async function pageOf<T>(pageNumber: number, read: (q: { offset: number; limit: number }) => Promise<T[]>) {
  const rows = await read({ offset: (pageNumber - 1) * PAGE_SIZE, limit: PAGE_SIZE + 1 })
  return { rows: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE }
}

adminRoutes.get('/admin', (c) => {
  allow(c, mayAdminister)
  return page(c, c.var.t('admin.title'), <AdminHome c={c} />)
})

adminRoutes.get('/admin/outbox', async (c) => {
  allow(c, policies.readOutbox)
  const query = parseWith(outboxQuerySchema, c.req.query())
  const { rows, hasMore } = await pageOf(query.page, (q) => listOutbox(c.var.deps.db, { ...q, status: query.status }))
  return page(c, c.var.t('admin.outbox_title'), <OutboxList c={c} entries={rows} status={query.status} page={query.page} hasOlder={hasMore} />)
})

adminRoutes.get('/admin/outbox/:id', async (c) => {
  allow(c, policies.readOutbox)
  const mail = await findOutboxMail(c.var.deps.db, c.req.param('id'))
  if (!mail) throw errors.notFound()
  return page(c, c.var.t('admin.mail_detail_title', { subject: mail.subject }), <OutboxDetail c={c} mail={mail} />)
})

async function accountsPage(c: Ctx, pageNumber: number, form: { error?: unknown; values?: Record<string, unknown>; accountError?: unknown } = {}) {
  const { db, clock } = c.var.deps
  const { rows, hasMore } = await pageOf(pageNumber, (q) => listAccounts(db, q))
  const invitations = await listOpenStaffInvitations(db, clock.now())
  return <AccountsPage c={c} accounts={rows} invitations={invitations} page={pageNumber} hasMore={hasMore} {...form} />
}

adminRoutes.get('/admin/users', async (c) => {
  allow(c, policies.manageAccounts)
  const { page: pageNumber } = parseWith(pageQuerySchema, c.req.query())
  return page(c, c.var.t('admin.users_title'), await accountsPage(c, pageNumber))
})

adminRoutes.post('/admin/invitations', async (c) => {
  const user = allow(c, policies.manageAccounts)
  const body = await formBody(c)
  let input: InviteStaffInput
  try {
    input = parseWith(inviteStaffSchema, body)
  } catch (error) {
    return page(c, c.var.t('admin.users_title'), await accountsPage(c, 1, { error, values: body }), 400)
  }
  const invitation = await inviteStaff(c.var.deps, { ...input, createdBy: user.id })
  // The link is rendered into this one response and never again: no redirect, no caching.
  c.header('Cache-Control', 'no-store')
  return page(c, c.var.t('admin.invitation_created_title'),
    <InvitationCreated c={c} url={invitation.url} expiresAt={invitation.expiresAt} email={input.email} />, 200)
})

adminRoutes.post('/admin/invitations/:id/revoke', async (c) => {
  const user = allow(c, policies.manageAccounts)
  if (!(await revokeInvitation(c.var.deps, user.id, c.req.param('id')))) throw errors.notFound()
  return c.redirect('/admin/users', 303)
})

// ---- running accounts ----

type AccountChange = (c: Ctx, actor: CurrentUser, accountId: string) => Promise<void>

/** A change to one account from its row's form: back to the list, or the list with the refusal (the last administrator). */
function accountForm(path: string, change: AccountChange) {
  adminRoutes.post(`/admin/users/:accountId/${path}`, async (c) => {
    const user = allow(c, policies.manageAccounts)
    try {
      await change(c, user, c.req.param('accountId'))
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error
      return page(c, c.var.t('admin.users_title'), await accountsPage(c, 1, { accountError: error }), error.status === 409 ? 409 : 400)
    }
    return c.redirect('/admin/users', 303)
  })
}

accountForm('deactivate', (c, actor, id) => deactivateAccount(c.var.deps, actor.id, id))
accountForm('reactivate', (c, actor, id) => reactivateAccount(c.var.deps, actor.id, id))
accountForm('roles', async (c, actor, id) => changeRoles(c.var.deps, actor.id, id, parseWith(rolesSchema, await formBody(c)).roles))
accountForm('second-factor/reset', (c, actor, id) => resetSecondFactor(c.var.deps, actor.id, id))

adminRoutes.get('/admin/audit', async (c) => {
  allow(c, policies.manageAccounts)
  const { page: pageNumber } = parseWith(pageQuerySchema, c.req.query())
  const { rows, hasMore } = await pageOf(pageNumber, (q) => listAudit(c.var.deps.db, q))
  return page(c, c.var.t('admin.audit_title'), <AuditTrail c={c} entries={rows} page={pageNumber} hasMore={hasMore} />)
})

// ---- API ----

adminRoutes.get('/api/v1/admin/outbox', async (c) => {
  allow(c, policies.readOutbox)
  const query = parseWith(outboxQuerySchema, c.req.query())
  const { rows, hasMore } = await pageOf(query.page, (q) => listOutbox(c.var.deps.db, { ...q, status: query.status }))
  return c.json({ items: rows, page: query.page, hasMore })
})

adminRoutes.get('/api/v1/admin/outbox/:id', async (c) => {
  allow(c, policies.readOutbox)
  const mail = await findOutboxMail(c.var.deps.db, c.req.param('id'))
  if (!mail) throw errors.notFound()
  return c.json(mail)
})

/** Creates a staff invitation; the response carries the link, which is never shown again. */
adminRoutes.post('/api/v1/admin/invitations', async (c) => {
  const user = allow(c, policies.manageAccounts)
  const input = await jsonBody(c, inviteStaffSchema)
  const invitation = await inviteStaff(c.var.deps, { ...input, createdBy: user.id })
  c.header('Cache-Control', 'no-store')
  return c.json(invitation, 201)
})

adminRoutes.get('/api/v1/admin/users', async (c) => {
  allow(c, policies.manageAccounts)
  const { page: pageNumber } = parseWith(pageQuerySchema, c.req.query())
  const { rows, hasMore } = await pageOf(pageNumber, (q) => listAccounts(c.var.deps.db, q))
  return c.json({ items: rows, page: pageNumber, hasMore })
})

/** The account as it is after a change: the answer of every account operation. */
async function accountJson(c: Ctx, accountId: string) {
  const account = await findAccount(c.var.deps.db, accountId)
  if (!account) throw errors.notFound()
  return c.json(account)
}

adminRoutes.get('/api/v1/admin/users/:accountId', async (c) => {
  allow(c, policies.manageAccounts)
  return accountJson(c, c.req.param('accountId'))
})

adminRoutes.post('/api/v1/admin/users/:accountId/deactivation', async (c) => {
  const user = allow(c, policies.manageAccounts)
  await deactivateAccount(c.var.deps, user.id, c.req.param('accountId'))
  return accountJson(c, c.req.param('accountId'))
})

adminRoutes.post('/api/v1/admin/users/:accountId/reactivation', async (c) => {
  const user = allow(c, policies.manageAccounts)
  await reactivateAccount(c.var.deps, user.id, c.req.param('accountId'))
  return accountJson(c, c.req.param('accountId'))
})

adminRoutes.put('/api/v1/admin/users/:accountId/roles', async (c) => {
  const user = allow(c, policies.manageAccounts)
  const { roles } = await jsonBody(c, apiRolesSchema)
  await changeRoles(c.var.deps, user.id, c.req.param('accountId'), roles)
  return accountJson(c, c.req.param('accountId'))
})

adminRoutes.delete('/api/v1/admin/users/:accountId/second-factor', async (c) => {
  const user = allow(c, policies.manageAccounts)
  await resetSecondFactor(c.var.deps, user.id, c.req.param('accountId'))
  return accountJson(c, c.req.param('accountId'))
})

adminRoutes.get('/api/v1/admin/audit', async (c) => {
  allow(c, policies.manageAccounts)
  const { page: pageNumber } = parseWith(pageQuerySchema, c.req.query())
  const { rows, hasMore } = await pageOf(pageNumber, (q) => listAudit(c.var.deps.db, q))
  return c.json({ items: rows, page: pageNumber, hasMore })
})

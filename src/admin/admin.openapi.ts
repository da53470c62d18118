import type { Operation } from '../platform/http/openapi-operation.js'
import { anyOf, array, boolean, id, integer, named, nullable, object, optional, pageOf, string, timestamp } from '../platform/http/openapi-schema.js'
import { apiRolesSchema, inviteStaffSchema } from './admin.schemas.js'

/** An account as the administrators' list shows it. */
const account = named('Account', object({
  id, email: string(), displayName: string(), roles: array(string()),
  organizationNameJa: optional(nullable(string())), organizationNameEn: optional(nullable(string())),
  disabled: boolean(), createdAt: timestamp, lastSignInAt: nullable(timestamp), secondFactor: boolean(),
}))
const outboxFields = {
  id, to: string(), subject: string(), status: string({ examples: ['pending', 'sent', 'failed'] }), attempts: integer({ minimum: 0 }),
  createdAt: timestamp, sentAt: nullable(timestamp), nextAttemptAt: nullable(timestamp), lastError: nullable(string()),
}
const outboxMail = named('OutboxMail', object(outboxFields))
const outboxMailWithText = object({ ...outboxFields, text: string({ description: 'The body, secrets in links masked' }) })
const invitation = object({ id, url: string({ format: 'uri', description: 'The invitation link, shown only this once' }), expiresAt: timestamp, mailed: boolean() })
const auditState = anyOf(object({}), { type: 'null' })
const auditEntry = object({
  id, at: timestamp, action: string({ examples: ['account_deactivated', 'roles_changed'] }),
  actor: object({ id: nullable(id), email: nullable(string()), displayName: nullable(string()) }),
  subject: object({ id: nullable(id), label: nullable(string()) }),
  before: auditState, after: auditState,
})

/** The admin operations of /api/v1, for the OpenAPI document. */
export const adminOperations: readonly Operation[] = [
  { method: 'get', path: '/api/v1/admin/outbox', summary: 'The mail outbox, secrets in links masked (administrators)', tag: 'admin', auth: 'user', response: { status: 200, schema: pageOf(outboxMail) } },
  { method: 'get', path: '/api/v1/admin/outbox/{id}', summary: 'One outbox mail (administrators)', tag: 'admin', auth: 'user', response: { status: 200, schema: outboxMailWithText } },
  { method: 'post', path: '/api/v1/admin/invitations', summary: 'Invite a staff member (administrators)', tag: 'admin', body: inviteStaffSchema, auth: 'user', response: { status: 201, schema: invitation } },
  { method: 'get', path: '/api/v1/admin/users', summary: 'Every account, oldest first, with roles, state, last sign-in and whether a second factor is set up (administrators; ?page=)', tag: 'admin', auth: 'user', response: { status: 200, schema: pageOf(account) } },
  { method: 'get', path: '/api/v1/admin/users/{accountId}', summary: 'One account as the administrators\' list shows it', tag: 'admin', auth: 'user', response: { status: 200, schema: account } },
  { method: 'post', path: '/api/v1/admin/users/{accountId}/deactivation', summary: 'Deactivate an account: its sessions end and its API tokens are revoked at once, sign-in is refused (409 admin.last_admin for the last active administrator); audited', tag: 'admin', auth: 'user', response: { status: 200, schema: account, description: 'The account after the change' } },
  { method: 'post', path: '/api/v1/admin/users/{accountId}/reactivation', summary: 'Let a deactivated account sign in again (old sessions and tokens stay ended); audited', tag: 'admin', auth: 'user', response: { status: 200, schema: account, description: 'The account after the change' } },
  { method: 'put', path: '/api/v1/admin/users/{accountId}/roles', summary: 'Set the account\'s roles exactly (an empty list takes them all); never the last active administrator\'s admin role (409 admin.last_admin); audited', tag: 'admin', body: apiRolesSchema, auth: 'user', response: { status: 200, schema: account, description: 'The account after the change' } },
  { method: 'delete', path: '/api/v1/admin/users/{accountId}/second-factor', summary: 'Reset a lost second factor: forgets the TOTP secret and recovery codes and ends the account\'s sessions; staff enrol again at their next sign-in; audited', tag: 'admin', auth: 'user', response: { status: 200, schema: account, description: 'The account after the change' } },
  { method: 'get', path: '/api/v1/admin/audit', summary: 'The audit trail of administrative changes and invitations, newest first: who, what, whom, when, before and after (administrators; ?page=)', tag: 'admin', auth: 'user', response: { status: 200, schema: pageOf(auditEntry) } },
]

import type { Operation } from '../platform/http/openapi-operation.js'
import { apiRolesSchema, inviteStaffSchema } from './admin.schemas.js'

/** The admin operations of /api/v1, for the OpenAPI document. */
export const adminOperations: readonly Operation[] = [
  { method: 'get', path: '/api/v1/admin/outbox', summary: 'The mail outbox, secrets in links masked (administrators)', tag: 'admin', auth: 'user' },
  { method: 'get', path: '/api/v1/admin/outbox/{id}', summary: 'One outbox mail (administrators)', tag: 'admin', auth: 'user' },
  { method: 'post', path: '/api/v1/admin/invitations', summary: 'Invite a staff member (administrators)', tag: 'admin', body: inviteStaffSchema, auth: 'user' },
  { method: 'get', path: '/api/v1/admin/users', summary: 'Every account, oldest first, with roles, state, last sign-in and whether a second factor is set up (administrators; ?page=)', tag: 'admin', auth: 'user' },
  { method: 'get', path: '/api/v1/admin/users/{accountId}', summary: 'One account as the administrators\' list shows it', tag: 'admin', auth: 'user' },
  { method: 'post', path: '/api/v1/admin/users/{accountId}/deactivation', summary: 'Deactivate an account: its sessions end and its API tokens are revoked at once, sign-in is refused (409 admin.last_admin for the last active administrator); audited', tag: 'admin', auth: 'user' },
  { method: 'post', path: '/api/v1/admin/users/{accountId}/reactivation', summary: 'Let a deactivated account sign in again (old sessions and tokens stay ended); audited', tag: 'admin', auth: 'user' },
  { method: 'put', path: '/api/v1/admin/users/{accountId}/roles', summary: 'Set the account\'s roles exactly (an empty list takes them all); never the last active administrator\'s admin role (409 admin.last_admin); audited', tag: 'admin', body: apiRolesSchema, auth: 'user' },
  { method: 'delete', path: '/api/v1/admin/users/{accountId}/second-factor', summary: 'Reset a lost second factor: forgets the TOTP secret and recovery codes and ends the account\'s sessions; staff enrol again at their next sign-in; audited', tag: 'admin', auth: 'user' },
  { method: 'get', path: '/api/v1/admin/audit', summary: 'The audit trail of administrative changes and invitations, newest first: who, what, whom, when, before and after (administrators; ?page=)', tag: 'admin', auth: 'user' },
]
